// What both bundles (the CLI's, scripts/bundle.mjs; the action's, scripts/bundle-action.mjs) share.
export const ESBUILD_COMMON = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Some bundled CommonJS (and ajv's generated code) calls require().
  banner: { js: "import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);" },
};
