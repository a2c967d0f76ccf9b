import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  addPatchSecrets,
  readOwnPatch
} from "./kustenv-42RTNKSG.mjs";
import {
  finishRun,
  preparationFailed,
  renderPrepared,
  withSecrets
} from "./kustenv-JO6DUE3B.mjs";
import {
  prepare
} from "./kustenv-WBTMBI44.mjs";
import "./kustenv-SHHDKO2O.mjs";
import "./kustenv-GL5OAKO2.mjs";
import "./kustenv-FN22K4O5.mjs";
import "./kustenv-CZTMCNWL.mjs";
import "./kustenv-UHYCXRPZ.mjs";
import {
  rel
} from "./kustenv-NDEGRTDM.mjs";
import "./kustenv-6KN4YI7Q.mjs";
import {
  createTwoFilesPatch
} from "./kustenv-ZSCFYFSI.mjs";
import "./kustenv-QKI3VPXQ.mjs";

// dist/commands/diff.js
import fs from "node:fs";
import path from "node:path";
async function diff(options = {}) {
  const p = await prepare(options);
  if ("failed" in p)
    return { ...preparationFailed(p.failed), diffs: [] };
  const rendered = await renderPrepared(p, options);
  const result = { ...finishRun(p, rendered, options, { patches: false, generated: false, gitChecks: false }), diffs: [] };
  withSecrets(result, p.secrets);
  if (result.status !== 0)
    return result;
  const { diffPatch } = await import("./kustenv-DQPZ5DUR.mjs");
  const olds = result.environments.map((env) => readOwnPatch(path.join(p.root, env.output)));
  for (const old of olds)
    addPatchSecrets(old, p.secrets);
  result.diffs = result.environments.map((env, i) => {
    const d = diffPatch({ output: env.output, old: olds[i], newText: env.content, secrets: p.secrets, showValues: options.showValues ?? false });
    const eso = p.environments.find((e) => e.env.name === env.name)?.eso;
    for (const w of eso?.writes ?? []) {
      const file = rel(p.root, w.file);
      const old = fs.existsSync(w.file) ? fs.readFileSync(w.file, "utf8") : void 0;
      d.unified += createTwoFilesPatch(old === void 0 ? "/dev/null" : file, file, old ?? "", w.content, "on disk", "rendered", { context: 3 });
      d.changed = true;
      (old === void 0 ? d.added : d.modified).push(file);
    }
    return { name: env.name, output: env.output, ...d };
  });
  return result;
}
export {
  diff
};
