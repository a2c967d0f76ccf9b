import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  discoverEnvironments,
  findConfig,
  loadProject,
  rel
} from "./kustenv-NDEGRTDM.mjs";
import "./kustenv-6KN4YI7Q.mjs";
import "./kustenv-QKI3VPXQ.mjs";
export {
  discoverEnvironments,
  findConfig,
  loadProject,
  rel
};
