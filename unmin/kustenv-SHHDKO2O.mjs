import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);

// dist/mask.js
var MASK = "***";
var MASK_BEFORE = "*** (before)";
var MASK_AFTER = "*** (after)";

export {
  MASK,
  MASK_BEFORE,
  MASK_AFTER
};
