import fs from 'node:fs';
import path from 'node:path';
import { tempdir } from './testdir.js';

/**
 * A folder with stand-in executables, to put first on PATH. Each is for a
 * tool that cannot run for real here (no API server, no standalone
 * kustomize) and says so in its own comment.
 */
export function standins(scripts: Record<string, string>): string {
  const dir = tempdir();
  for (const [name, body] of Object.entries(scripts)) {
    fs.writeFileSync(path.join(dir, name), body, { mode: 0o755 });
  }
  return dir;
}

/**
 * Stand-in for `kubectl apply`: no API server can run on these machines.
 * \`kubectl kustomize\` runs the real kubectl named by $REAL_KUBECTL, when set.
 * It records its argv (one per line) in $KUBECTL_ARGV_FILE, refuses any
 * other command the way kubectl refuses an unknown one, and answers as
 * kubectl does for a server-side apply; its exit code is $KUBECTL_EXIT.
 */
export const KUBECTL_APPLY = `#!/usr/bin/env bash
# Stand-in for kubectl apply (no API server here): records argv, answers like kubectl.
# kubectl kustomize needs no cluster: that one goes to the real kubectl ($REAL_KUBECTL).
if [ "$1" = "kustomize" ] && [ -n "\${REAL_KUBECTL:-}" ]; then exec "$REAL_KUBECTL" "$@"; fi
printf '%s\\n' "$@" > "$KUBECTL_ARGV_FILE"
if [ "$1" != "apply" ]; then echo "error: unknown command \\"$1\\" for \\"kubectl\\"" >&2; exit 1; fi
if [ "\${KUBECTL_EXIT:-0}" != 0 ]; then echo "error: unable to recognize \\"$3\\": no matches for kind" >&2; exit "$KUBECTL_EXIT"; fi
echo "secret/app serverside-applied"
echo "configmap/cfg serverside-applied"
`;

/**
 * Stand-in for a standalone kustomize binary (none is installed here; kubectl
 * embeds the same kustomize): checks it is called as \`kustomize build -- DIR\`,
 * then builds with kubectl's kustomize.
 */
export const KUSTOMIZE = `#!/usr/bin/env bash
# Stand-in for standalone kustomize (not installed here): only "build -- DIR", done by kubectl's embedded kustomize.
if [ "$1" != "build" ] || [ "$2" != "--" ] || [ $# -ne 3 ]; then echo "Error: unknown command \\"$1\\" for \\"kustomize\\"" >&2; exit 1; fi
exec kubectl kustomize -- "$3"
`;
