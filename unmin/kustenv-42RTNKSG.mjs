import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  HEADER_MARKER,
  isSecretField,
  leavesOf,
  secretPathsInComments
} from "./kustenv-GL5OAKO2.mjs";
import {
  readRegularFile
} from "./kustenv-UHYCXRPZ.mjs";
import {
  require_dist
} from "./kustenv-6KN4YI7Q.mjs";
import {
  __toESM
} from "./kustenv-QKI3VPXQ.mjs";

// dist/io/read-patch.js
import fs from "node:fs";
var import_yaml = __toESM(require_dist(), 1);
var MAX_PATCH_BYTES = 256 * 1024 * 1024;
function readOwnPatch(file) {
  let stat;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return { state: "missing" };
  }
  if (stat.isSymbolicLink())
    return { state: "foreign", reason: "it is a symbolic link" };
  if (!stat.isFile())
    return { state: "foreign", reason: "it is not a regular file" };
  const read = readRegularFile(file, MAX_PATCH_BYTES, { noFollow: true });
  if ("error" in read) {
    if (read.error === "ELOOP")
      return { state: "foreign", reason: "it is a symbolic link" };
    if (read.error === "not-regular" || read.error === "EISDIR")
      return { state: "foreign", reason: "it is not a regular file" };
    if (read.error === "too-large")
      return { state: "foreign", reason: `it is larger than ${MAX_PATCH_BYTES / 1024 / 1024} MiB` };
    return { state: "foreign", reason: `it cannot be read (${read.error})` };
  }
  const text = read.bytes.toString("utf8");
  if (!text.startsWith(HEADER_MARKER))
    return { state: "foreign", reason: "kustenv did not write it (no kustenv header)" };
  const docs = (0, import_yaml.parseAllDocuments)(text, { prettyErrors: false });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length))
    return { state: "foreign", reason: "it is not valid YAML" };
  return { state: "own", text, docs };
}
function addPatchSecrets(patch, secrets) {
  if (patch.state !== "own")
    return;
  const paths = secretPathsInComments(patch.docs);
  secrets.addPaths(paths);
  for (const [key, node] of leavesOf(patch.docs)) {
    if (typeof node.value !== "string")
      continue;
    if (paths.has(key))
      secrets.addValues([node.value]);
    if (isSecretField(key)) {
      secrets.addPaths([key]);
      secrets.addValues([node.value, / data\./.test(key) ? Buffer.from(node.value, "base64").toString("utf8") : void 0]);
    }
  }
}

export {
  readOwnPatch,
  addPatchSecrets
};
