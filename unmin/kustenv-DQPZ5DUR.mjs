import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  diffPatch
} from "./kustenv-EBT75Q7S.mjs";
import "./kustenv-SHHDKO2O.mjs";
import "./kustenv-GL5OAKO2.mjs";
import "./kustenv-FN22K4O5.mjs";
import "./kustenv-6KN4YI7Q.mjs";
import "./kustenv-ZSCFYFSI.mjs";
import "./kustenv-QKI3VPXQ.mjs";
export {
  diffPatch
};
