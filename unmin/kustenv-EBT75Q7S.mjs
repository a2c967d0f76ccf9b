import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  MASK,
  MASK_AFTER,
  MASK_BEFORE
} from "./kustenv-SHHDKO2O.mjs";
import {
  isSecretField,
  leavesOf,
  secretPathsInComments,
  stringifyYaml
} from "./kustenv-GL5OAKO2.mjs";
import {
  require_dist
} from "./kustenv-6KN4YI7Q.mjs";
import {
  createTwoFilesPatch
} from "./kustenv-ZSCFYFSI.mjs";
import {
  __toESM
} from "./kustenv-QKI3VPXQ.mjs";

// dist/pipeline/diff-patch.js
var import_yaml = __toESM(require_dist(), 1);
var IDENTITY = /* @__PURE__ */ new Set(["apiVersion", "kind", "metadata.name", "metadata.namespace"]);
function diffPatch(input) {
  const { secrets } = input;
  const oldText = input.old.state === "own" ? input.old.text : void 0;
  const changed = input.old.state !== "own" || oldText !== input.newText;
  const oldDocs = input.old.state === "own" ? (0, import_yaml.parseAllDocuments)(input.old.text) : [];
  const newDocs = (0, import_yaml.parseAllDocuments)(input.newText);
  const oldLeaves = leavesOf(oldDocs);
  const newLeaves = leavesOf(newDocs);
  const wasSecret = secretPathsInComments(oldDocs);
  const secretKeys = /* @__PURE__ */ new Set();
  const holdsSecret = (node) => !!node && typeof node.value === "string" && secrets.holds(node.value);
  for (const [key, node] of [...newLeaves, ...oldLeaves]) {
    if (secrets.isSecretPath(key) || wasSecret.has(key) || isSecretField(key) || holdsSecret(node))
      secretKeys.add(key);
  }
  const byKey = (leaves) => {
    const m = /* @__PURE__ */ new Map();
    for (const [k, n] of leaves)
      m.set(k, [...m.get(k) ?? [], n]);
    return m;
  };
  const oldByKey = byKey(oldLeaves);
  const newByKey = byKey(newLeaves);
  const added = [];
  const removed = [];
  const modified = [];
  const text = (nodes) => (nodes ?? []).map((n) => String(n.value)).join("\0");
  for (const [key, nodes] of newByKey) {
    if (isIdentity(key))
      continue;
    const before2 = oldByKey.get(key);
    const differs = before2 !== void 0 && text(before2) !== text(nodes);
    if (!before2)
      added.push(key);
    else if (differs)
      modified.push(key);
    if (input.showValues || !secretKeys.has(key))
      continue;
    for (const n of nodes)
      mask(n, differs ? MASK_AFTER : MASK);
    for (const n of before2 ?? [])
      mask(n, differs ? MASK_BEFORE : MASK);
  }
  for (const [key, nodes] of oldByKey) {
    if (newByKey.has(key) || isIdentity(key))
      continue;
    removed.push(key);
    if (!input.showValues)
      for (const n of nodes)
        mask(n, MASK);
  }
  const show = (docs) => docs.map((d) => stringifyYaml(d)).join("---\n");
  const before = input.old.state === "foreign" ? `# (the file on disk is not shown: ${input.old.reason})
` : show(oldDocs);
  const after = input.showValues ? show(newDocs) : secrets.mask(show(newDocs));
  const unified = changed ? createTwoFilesPatch(input.old.state === "missing" ? "/dev/null" : input.output, input.output, input.showValues ? before : secrets.mask(before), after, "on disk", "rendered", { context: 3 }) : "";
  return { changed, added, removed, modified, unified };
}
function mask(node, text) {
  node.value = text;
  node.type = "QUOTE_DOUBLE";
}
var isIdentity = (key) => IDENTITY.has(key.slice(key.indexOf(" ") + 1));

export {
  diffPatch
};
