import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  check,
  finishRun,
  preparationFailed,
  render,
  renderPrepared,
  withSecrets
} from "./kustenv-EXTC4TH2.mjs";
import "./kustenv-MSDO5HBG.mjs";
import "./kustenv-SHHDKO2O.mjs";
import "./kustenv-R2EEUUXM.mjs";
import "./kustenv-YQWTJK35.mjs";
import "./kustenv-E3UEEEAP.mjs";
import "./kustenv-UHYCXRPZ.mjs";
import "./kustenv-NDEGRTDM.mjs";
import "./kustenv-6KN4YI7Q.mjs";
import "./kustenv-QKI3VPXQ.mjs";
export {
  check,
  finishRun,
  preparationFailed,
  render,
  renderPrepared,
  withSecrets
};
