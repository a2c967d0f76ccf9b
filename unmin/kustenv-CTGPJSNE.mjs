import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  markdownReporter,
  maskedReviewMarkdown,
  verifySummary
} from "./kustenv-VDDZPUA3.mjs";
import "./kustenv-2DL3QTMK.mjs";
import "./kustenv-AIPRXQOU.mjs";
import "./kustenv-UW4HYBNA.mjs";
import "./kustenv-W6HHWKKG.mjs";
import "./kustenv-42RTNKSG.mjs";
import "./kustenv-ISJMPLIG.mjs";
import "./kustenv-VVQQ2BPD.mjs";
import "./kustenv-SHHDKO2O.mjs";
import "./kustenv-GL5OAKO2.mjs";
import "./kustenv-FN22K4O5.mjs";
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
