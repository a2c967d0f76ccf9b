import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  markdownReporter,
  maskedReviewMarkdown,
  verifySummary
} from "./kustenv-H3XRVDVB.mjs";
import "./kustenv-62G2DJFM.mjs";
import "./kustenv-74FX2U7B.mjs";
import "./kustenv-YHKKOVBQ.mjs";
import "./kustenv-U677SZ62.mjs";
import "./kustenv-N7RUAB4A.mjs";
import "./kustenv-EXTC4TH2.mjs";
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
  markdownReporter,
  maskedReviewMarkdown,
  verifySummary
};
