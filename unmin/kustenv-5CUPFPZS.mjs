import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  TEMP_SUFFIX,
  programEnv,
  removeStaleTemps,
  runProgram,
  trackTemp,
  untrackTemp
} from "./kustenv-WBTMBI44.mjs";

// dist/io/kubectl.js
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
var INSTALL_KUBECTL = "install kubectl (https://kubernetes.io/docs/tasks/tools/), or name a kustomize binary with --kustomize";
function clusterFlags(t) {
  return [...t.context !== void 0 ? [`--context=${t.context}`] : [], ...t.namespace !== void 0 ? [`--namespace=${t.namespace}`] : []];
}
function buildOverlayAsRendered(overlayDir, output, patch, kustomize, env) {
  const file = path.join(overlayDir, output);
  let current;
  try {
    current = fs.lstatSync(file).isFile() ? fs.readFileSync(file, "utf8") : void 0;
  } catch {
    current = void 0;
  }
  if (current === patch)
    return kustomizeBuild(overlayDir, overlayDir, kustomize, env);
  const parent = path.dirname(overlayDir);
  removeStaleTemps(parent);
  const temp = path.join(parent, `.${path.basename(overlayDir)}.${process.pid}.${crypto.randomBytes(6).toString("hex")}${TEMP_SUFFIX}`);
  trackTemp(temp);
  try {
    fs.cpSync(overlayDir, temp, { recursive: true, verbatimSymlinks: true, filter: (src) => src !== file });
    fs.chmodSync(temp, 448);
    fs.writeFileSync(path.join(temp, output), patch, { mode: 384, flag: "wx" });
    return kustomizeBuild(temp, overlayDir, kustomize, env);
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
    untrackTemp(temp);
  }
}
function kustomizeBuild(dir, shownDir, kustomize, env) {
  const [program, args] = kustomize ? [kustomize, ["build", "--", dir]] : ["kubectl", ["kustomize", "--", dir]];
  const r = runProgram(program, args, { env: programEnv(env) });
  const swap = (t) => dir === shownDir ? t : t.split(dir).join(shownDir);
  return { ...r, stdout: r.stdout, stderr: swap(r.stderr), command: [program, args[0], shownDir].join(" ") };
}
function kubectl(args, cwd, timeoutMs, env) {
  return runProgram("kubectl", args, { cwd, timeoutMs, env: programEnv(env) });
}

export {
  INSTALL_KUBECTL,
  clusterFlags,
  buildOverlayAsRendered,
  kubectl
};
