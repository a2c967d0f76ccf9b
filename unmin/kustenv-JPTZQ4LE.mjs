import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  addPatchSecrets,
  readOwnPatch
} from "./kustenv-N7RUAB4A.mjs";
import "./kustenv-R2EEUUXM.mjs";
import "./kustenv-YQWTJK35.mjs";
import "./kustenv-UHYCXRPZ.mjs";
import "./kustenv-6KN4YI7Q.mjs";
import "./kustenv-QKI3VPXQ.mjs";
export {
  addPatchSecrets,
  readOwnPatch
};
