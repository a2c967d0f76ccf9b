import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  envFileArg,
  envFileArgsFor,
  layeredLookup,
  parseSetArgs,
  readEnvFileText,
  readEnvFiles
} from "./kustenv-CZTMCNWL.mjs";
import "./kustenv-UHYCXRPZ.mjs";
import "./kustenv-NDEGRTDM.mjs";
import {
  MAX_ENV_FILE_BYTES
} from "./kustenv-6KN4YI7Q.mjs";
import "./kustenv-QKI3VPXQ.mjs";
export {
  MAX_ENV_FILE_BYTES,
  envFileArg,
  envFileArgsFor,
  layeredLookup,
  parseSetArgs,
  readEnvFileText,
  readEnvFiles
};
