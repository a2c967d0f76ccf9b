import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  addPatchSecrets,
  readOwnPatch
} from "./kustenv-42RTNKSG.mjs";
import "./kustenv-GL5OAKO2.mjs";
import "./kustenv-FN22K4O5.mjs";
import "./kustenv-UHYCXRPZ.mjs";
import "./kustenv-6KN4YI7Q.mjs";
import "./kustenv-QKI3VPXQ.mjs";
export {
  addPatchSecrets,
  readOwnPatch
};
