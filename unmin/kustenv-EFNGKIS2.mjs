import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  objectLabel,
  verify
} from "./kustenv-BVKPWOZZ.mjs";
import "./kustenv-UXSODZ3Z.mjs";
import "./kustenv-5CUPFPZS.mjs";
import "./kustenv-42RTNKSG.mjs";
import "./kustenv-JO6DUE3B.mjs";
import "./kustenv-WBTMBI44.mjs";
import "./kustenv-SHHDKO2O.mjs";
import "./kustenv-GL5OAKO2.mjs";
import "./kustenv-FN22K4O5.mjs";
import "./kustenv-CZTMCNWL.mjs";
import "./kustenv-UHYCXRPZ.mjs";
import "./kustenv-NDEGRTDM.mjs";
import "./kustenv-6KN4YI7Q.mjs";
import "./kustenv-QKI3VPXQ.mjs";
export {
  objectLabel,
  verify
};
