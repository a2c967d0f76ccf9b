import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  MARKDOWN_LIMIT,
  cell,
  naturalSort,
  requirementChanges,
  review,
  reviewMarkdown,
  reviewText
} from "./kustenv-62G2DJFM.mjs";
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
  MARKDOWN_LIMIT,
  cell,
  naturalSort,
  requirementChanges,
  review,
  reviewMarkdown,
  reviewText
};
