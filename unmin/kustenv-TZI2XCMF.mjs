import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  diffPatch
} from "./kustenv-J5KCXJXK.mjs";
import "./kustenv-SHHDKO2O.mjs";
import "./kustenv-R2EEUUXM.mjs";
import "./kustenv-YQWTJK35.mjs";
import "./kustenv-6KN4YI7Q.mjs";
import "./kustenv-ZSCFYFSI.mjs";
import "./kustenv-QKI3VPXQ.mjs";
export {
  diffPatch
};
