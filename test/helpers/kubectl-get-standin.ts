/**
 * Stand-in for `kubectl get`, for `kustenv verify`'s tests: no API server can
 * run on these machines. Put it first on PATH with `standins({ kubectl:
 * KUBECTL_GET })` from ./standins.ts. It:
 * - passes `kubectl kustomize ...` to the real kubectl named by $REAL_KUBECTL
 *   (kustomize needs no cluster);
 * - checks `get`'s argv exactly: `get secret|configmap|externalsecret
 *   [--namespace NS] --output json`, then the arguments in $STANDIN_TAIL (one
 *   per line; empty or unset: none), then `-- NAME`, nothing else (NotFound
 *   text names `externalsecrets.external-secrets.io`, as kubectl names a
 *   CRD's resource); on any other argv it prints `standin:
 *   unexpected argv: ...` to stderr and exits 99;
 * - appends each argv, as one line of tab-separated arguments, to
 *   $STANDIN_LOG when set;
 * - with $STANDIN_FAIL, prints that text to stderr and exits 1 (a failure
 *   other than NotFound);
 * - answers with the file `$LIVE_DIR/<kind>-<namespace or _>-<name>.json`
 *   (an object in kubectl's documented `--output json` shape), or, when there
 *   is none, with kubectl's NotFound text on stderr and exit 1:
 *   `Error from server (NotFound): secrets "NAME" not found`.
 */
export const KUBECTL_GET = `#!/usr/bin/env bash
# Stand-in for kubectl get: no API server can run here. It answers in kubectl's
# documented JSON shape (kubectl get KIND NAME --output json) and with kubectl's
# NotFound error text, from fixture files; it checks its argv exactly.
# kubectl kustomize needs no cluster: that one goes to the real kubectl ($REAL_KUBECTL).
set -u
if [ "\${1:-}" = "kustomize" ]; then exec "$REAL_KUBECTL" "$@"; fi
if [ -n "\${STANDIN_LOG:-}" ]; then (IFS=$'\\t'; printf '%s\\n' "$*") >> "$STANDIN_LOG"; fi
unexpected() { echo "standin: unexpected argv: $ARGV" >&2; exit 99; }
ARGV="$*"
[ $# -ge 6 ] || unexpected
[ "$1" = "get" ] || unexpected
kind="$2"
case "$kind" in secret) plural=secrets ;; configmap) plural=configmaps ;; externalsecret) plural=externalsecrets.external-secrets.io ;; *) unexpected ;; esac
shift 2
ns=_
if [ "$1" = "--namespace" ]; then
  [ $# -ge 5 ] || unexpected
  ns="$2"
  case "$ns" in ""|-*) unexpected ;; esac
  shift 2
fi
[ "$1" = "--output" ] && [ "\${2:-}" = "json" ] || unexpected
shift 2
# The name comes last, after "--" (so kubectl reads it as a name, whatever it holds).
[ $# -ge 2 ] || unexpected
name="\${@: -1}"
[ "\${@: -2:1}" = "--" ] || unexpected
case "$name" in ""|-*) unexpected ;; esac
set -- "\${@:1:$#-2}"
tail="$(printf '%s\\n' "$@")"
[ "$tail" = "\${STANDIN_TAIL:-}" ] || unexpected
if [ -n "\${STANDIN_FAIL:-}" ]; then printf '%s\\n' "$STANDIN_FAIL" >&2; exit 1; fi
file="$LIVE_DIR/$kind-$ns-$name.json"
if [ ! -f "$file" ]; then echo "Error from server (NotFound): $plural \\"$name\\" not found" >&2; exit 1; fi
cat "$file"
`;

export interface LiveObjectFixture {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  namespace?: string;
  /** Plain values: base64-encoded into a Secret's `data`, as the API server returns them. */
  data: Record<string, string>;
  /** ConfigMap binaryData, plain bytes as text (encoded to base64 here). */
  binaryData?: Record<string, string>;
  /** `creationTimestamp`. Default: one day ago. */
  created?: Date;
  /** `managedFields[].time`, one entry each; none gives no managedFields. Default: [created]. */
  writes?: Date[];
}

const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** An object in kubectl's `get --output json` shape, and the file name the stand-in reads it from. */
export function liveObject(f: LiveObjectFixture): { file: string; json: string } {
  const created = f.created ?? new Date(Date.now() - 24 * 60 * 60 * 1000);
  const writes = f.writes ?? [created];
  const b64 = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));
  const section = f.kind === 'Secret' ? { data: b64(f.data), type: 'Opaque' } : { data: f.data, ...(f.binaryData ? { binaryData: b64(f.binaryData) } : {}) };
  const object = {
    apiVersion: 'v1',
    kind: f.kind,
    metadata: {
      name: f.name,
      ...(f.namespace ? { namespace: f.namespace } : { namespace: 'default' }),
      creationTimestamp: iso(created),
      resourceVersion: '48213',
      uid: '7f3c2a9e-1b4d-4c6e-9a0f-2d5b8e1c3f47',
      ...(writes.length
        ? {
            managedFields: writes.map((time, i) => ({
              apiVersion: 'v1',
              fieldsType: 'FieldsV1',
              fieldsV1: { 'f:data': {} },
              manager: i === 0 ? 'kubectl' : 'kustenv',
              operation: i === 0 ? 'Update' : 'Apply',
              time: iso(time),
            })),
          }
        : {}),
    },
    ...section,
  };
  return { file: `${f.kind.toLowerCase()}-${f.namespace ?? '_'}-${f.name}.json`, json: `${JSON.stringify(object, null, 4)}\n` };
}
