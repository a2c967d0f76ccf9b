/**
 * The masks. A secret value is shown as `***`; in a diff, a secret that
 * changed shows `*** (before)` and `*** (after)`, as kubectl diff does, so a
 * reviewer sees that it changed and never to what.
 */
export const MASK = '***';
export const MASK_BEFORE = '*** (before)';
export const MASK_AFTER = '*** (after)';
