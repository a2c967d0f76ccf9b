import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  require_ajv
} from "./kustenv-EOQE5ZBF.mjs";
import "./kustenv-NZWDGMKL.mjs";
import "./kustenv-B5VE2QHK.mjs";
import "./kustenv-QKI3VPXQ.mjs";
export default require_ajv();
