#!/usr/bin/env node
// Bundles the GitHub Action (src/action/index.ts) into one self-contained
// file, action/dist/index.mjs (part of `npm run build`; generated, so only a
// release tag commits it): the runner runs it from the action's checkout,
// where no node_modules is installed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ESBUILD_COMMON } from './esbuild-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const version = (pkg) => JSON.parse(fs.readFileSync(path.join(root, pkg, 'package.json'), 'utf8')).version;

/** Source rewrites for a bundle with no node_modules beside it; each must apply, or the bundle fails. */
const rewrites = {
  // The version is fixed in the bundle (../package.json from action/dist/ is not the package's).
  'src/version.ts': [[/^export const VERSION[^\n]*$/m, `export const VERSION: string = ${JSON.stringify(version('.'))};`]],
  // Generated validators require() ajv's runtime: bundled, through the bundle's own require.
  'src/generated/builtin-validators.ts': [[/^import \{ createRequire \} from 'node:module';\nconst require = createRequire\(import\.meta\.url\);\n/m, '']],
  'src/io/load-schemas.ts': [
    [/createRequire\(import\.meta\.url\)\('ajv\/package\.json'\)\.version/, JSON.stringify(version('node_modules/ajv'))],
    // No compiled-schema cache: its modules would require() ajv from the action's folder.
    [/const cacheDir = [^\n]*;/, 'const cacheDir: string | undefined = undefined;'],
  ],
};

const rewrite = {
  name: 'kustenv-action-rewrites',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const rel = path.relative(root, args.path).split(path.sep).join('/');
      const rules = rewrites[rel];
      if (!rules) return undefined;
      let text = fs.readFileSync(args.path, 'utf8');
      for (const [from, to] of rules) {
        if (!from.test(text)) throw new Error(`action bundle: ${rel} no longer holds ${from}`);
        text = text.replace(from, to);
      }
      return { contents: text, loader: 'ts' };
    });
  },
};

await build({
  entryPoints: [path.join(root, 'src/action/index.ts')],
  outfile: path.join(root, 'action/dist/index.mjs'),
  ...ESBUILD_COMMON,
  plugins: [rewrite],
});
