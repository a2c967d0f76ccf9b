/**
 * Stand-ins for the secret-store CLIs kustenv runs (`aws`, `az`, `gcloud`,
 * `vault`): no cloud account or Vault server can be reached from these
 * machines. Put them first on PATH with `standins()` from ./standins.ts.
 *
 * Each one:
 * - appends its argv, as one line `TOOL ARG ARG...`, to the file named by
 *   $STANDIN_LOG (when set), so a test can assert which calls were made;
 * - checks its argv exactly against the call kustenv is meant to make; on any
 *   other argv it prints `standin: unexpected argv: ...` to stderr and exits
 *   99, so a wrong call fails the test loudly;
 * - serves values from the JSON file named by $STANDIN_DATA: an object of
 *   store name -> value (applies to every path/vault/project), and/or
 *   scope -> such an object (`{"/app/": {"db-password": "..."}}`, keyed by
 *   the aws path, az vault, gcloud project or vault path), scoped entries
 *   winning. The data is read with node ($STANDIN_NODE, default `node`), since
 *   jq may not be installed; an answer is recorded under $STANDIN_DATA.answers/
 *   and replayed by bash alone when the same call comes again;
 * - with $STANDIN_FAIL, answers with the documented failure text and exit
 *   code of that CLI (values: see each script); with $STANDIN_FAIL_ONLY=TOOL
 *   as well, only that stand-in fails;
 * - with $STANDIN_SLEEP=SECONDS, first starts a background `sleep` (its pid
 *   written to $STANDIN_PIDFILE, its own pid to $STANDIN_PIDFILE.self) and
 *   sleeps itself, so a time-out test can check the whole process group is
 *   killed. The background sleep keeps stdout and stderr open on purpose.
 */

/** Shared bash functions: logging, the argv refusal, the sleep, data reading. */
const COMMON = `
# STANDIN_FAIL_ONLY=TOOL: STANDIN_FAIL applies to that stand-in only.
if [ -n "\${STANDIN_FAIL_ONLY:-}" ] && [ "$STANDIN_FAIL_ONLY" != "$TOOL" ]; then STANDIN_FAIL=""; fi
log_call() { if [ -n "\${STANDIN_LOG:-}" ]; then printf '%s\\n' "$TOOL $*" >> "$STANDIN_LOG"; fi; }
# aws: 8 arguments, or 10 ending in --region R (sets REGION).
region_arg() {
  REGION=""
  if [ $# -eq 10 ]; then
    if [ "$9" != "--region" ] || [ -z "\${10}" ]; then unexpected "$@"; fi
    REGION="\${10}"
  elif [ $# -ne 8 ]; then unexpected "$@"; fi
}
unexpected() { echo "standin: unexpected argv: $TOOL $*" >&2; exit 99; }
maybe_sleep() {
  if [ -n "\${STANDIN_SLEEP:-}" ]; then
    sleep "$STANDIN_SLEEP" &
    if [ -n "\${STANDIN_PIDFILE:-}" ]; then echo "$!" > "$STANDIN_PIDFILE"; echo "$$" > "$STANDIN_PIDFILE.self"; fi
    sleep "$STANDIN_SLEEP"
  fi
}
# Runs node with $DATA_JS defining m (store name -> value for $STANDIN_SCOPE), then the given code.
# An answer depends only on that code, the STANDIN_ variables and the data file: the first
# call with the same three runs node and records stdout, stderr and the exit code under
# $STANDIN_DATA.answers/, later ones replay them without starting node (tests repeat calls).
with_data() {
  if [ -z "\${STANDIN_DATA:-}" ]; then "\${STANDIN_NODE:-node}" -e "$DATA_JS
$1"; return; fi
  local key dir tmp code
  key=$( { printf '%s\n' "$1"; env | grep '^STANDIN_' | LC_ALL=C sort; cat "$STANDIN_DATA"; } | cksum | tr ' ' -)
  dir="$STANDIN_DATA.answers/$key"
  if [ ! -f "$dir/code" ]; then
    tmp="$dir.$$"
    mkdir -p "$tmp"
    code=0
    "\${STANDIN_NODE:-node}" -e "$DATA_JS
$1" >"$tmp/out" 2>"$tmp/err" || code=$?
    printf '%s' "$code" >"$tmp/code"
    mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp" # another call recorded it first: same answer
  fi
  cat "$dir/out"
  cat "$dir/err" >&2
  return "$(cat "$dir/code")"
}
DATA_JS='
const fs = require("fs");
const d = process.env.STANDIN_DATA ? JSON.parse(fs.readFileSync(process.env.STANDIN_DATA, "utf8")) : {};
const m = {};
for (const [k, v] of Object.entries(d)) if (typeof v === "string") m[k] = v;
const scoped = d[process.env.STANDIN_SCOPE];
if (scoped && typeof scoped === "object") Object.assign(m, scoped);
'
`;

/**
 * The `aws secretsmanager get-secret-value` branch of the aws stand-in.
 * Output: the AWS CLI v2 reference for get-secret-value with `--query
 * SecretString --output json`: the SecretString as a JSON string (4-space
 * indented JSON of a string is the string) and a newline; `null` for a
 * secret with only SecretBinary. $STANDIN_DATA scoped by secret ID: a string
 * is the SecretString as is, an object is stored as its JSON text; an ID
 * with no entry: `An error occurred (ResourceNotFoundException) when calling
 * the GetSecretValue operation: Secrets Manager can't find the specified
 * secret.`, exit 254 (a service error, AWS CLI "Return codes").
 * STANDIN_FAIL: denied (AccessDeniedException, exit 254) | kms (the
 * AccessDeniedException of a key the caller may not decrypt with, exit 254) |
 * nocreds (exit 253) | binary (null: no SecretString) | malformed (truncated
 * JSON that holds the values).
 */
const SECRETSMANAGER = `
if [ "$2 $3" != "get-secret-value --secret-id" ] || [ -z "\${4:-}" ] || [ "$5 $6 $7 $8" != "--query SecretString --output json" ]; then unexpected "$@"; fi
case "$4" in -*) unexpected "$@" ;; esac
region_arg "$@"
maybe_sleep
case "\${STANDIN_FAIL:-}" in
  "") ;;
  denied)
    echo "" >&2
    echo "An error occurred (AccessDeniedException) when calling the GetSecretValue operation: User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: secretsmanager:GetSecretValue on resource: $4 because no identity-based policy allows the secretsmanager:GetSecretValue action" >&2
    exit 254 ;;
  kms)
    echo "" >&2
    echo "An error occurred (AccessDeniedException) when calling the GetSecretValue operation: Access to KMS is not allowed" >&2
    exit 254 ;;
  nocreds)
    echo "" >&2
    echo 'Unable to locate credentials. You can configure credentials by running "aws configure".' >&2
    exit 253 ;;
  binary|malformed) ;;
  *) echo "standin: unknown STANDIN_FAIL=$STANDIN_FAIL" >&2; exit 98 ;;
esac
STANDIN_ID="$4" with_data '
const id = process.env.STANDIN_ID;
if (!Object.prototype.hasOwnProperty.call(d, id)) {
  process.stderr.write("\\nAn error occurred (ResourceNotFoundException) when calling the GetSecretValue operation: Secrets Manager can\\x27t find the specified secret.\\n");
  process.exit(254);
}
const secretString = typeof d[id] === "string" ? d[id] : JSON.stringify(d[id]);
let out = process.env.STANDIN_FAIL === "binary" ? "null\\n" : JSON.stringify(secretString) + "\\n";
if (process.env.STANDIN_FAIL === "malformed") out = out.slice(0, -3);
process.stdout.write(out);
'
exit $?`;

/**
 * Stand-in for AWS CLI v2 `aws ssm get-parameters-by-path` (no AWS account
 * here). Output shape: the AWS CLI v2 command reference for
 * get-parameters-by-path and the SSM API reference (GetParametersByPath
 * response: Parameters[] with Name, Type, Value, Version, LastModifiedDate,
 * ARN, DataType), as printed with `--output json` (4-space indent; the CLI
 * auto-paginates, so no NextToken). Errors: the CLI's `An error occurred
 * (Code) when calling the Operation operation: ...` line, exit 254 for a
 * service error, 253 for missing credentials (AWS CLI "Return codes" page).
 * STANDIN_FAIL: denied | nocreds | malformed (truncated JSON that holds the
 * values) | shape (valid JSON, a parameter without Value) | paged (the first
 * page and its NextToken, the CLI's paging field).
 */
export const AWS = `#!/usr/bin/env bash
# Stand-in for the AWS CLI v2 (no AWS account can be reached here).
# Output follows the AWS CLI v2 reference for "aws ssm get-parameters-by-path" (--output json)
# and its documented error lines and return codes (254 service error, 253 no credentials).
TOOL=aws
${COMMON}
log_call "$@"
if [ "\${1:-}" = secretsmanager ]; then
${SECRETSMANAGER}
fi
if [ "$1 $2 $3" != "ssm get-parameters-by-path --path" ] || [ -z "\${4:-}" ] || [ "$5 $6 $7 $8" != "--recursive --with-decryption --output json" ]; then unexpected "$@"; fi
region_arg "$@"
maybe_sleep
case "\${STANDIN_FAIL:-}" in
  "") ;;
  denied)
    echo "" >&2
    echo "An error occurred (AccessDeniedException) when calling the GetParametersByPath operation: User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: ssm:GetParametersByPath on resource: arn:aws:ssm:\${REGION:-eu-west-1}:123456789012:parameter$4 because no identity-based policy allows the ssm:GetParametersByPath action" >&2
    exit 254 ;;
  nocreds)
    echo "" >&2
    echo 'Unable to locate credentials. You can configure credentials by running "aws configure".' >&2
    exit 253 ;;
  malformed|shape|paged) ;;
  *) echo "standin: unknown STANDIN_FAIL=$STANDIN_FAIL" >&2; exit 98 ;;
esac
STANDIN_SCOPE="$4" STANDIN_REGION="\${REGION:-eu-west-1}" with_data '
const p = process.env.STANDIN_SCOPE;
const base = p.endsWith("/") ? p : p + "/";
const region = process.env.STANDIN_REGION;
const Parameters = Object.keys(m).sort().map((k) => ({
  Name: base + k, Type: "SecureString", Value: m[k], Version: 1,
  LastModifiedDate: "2024-05-01T10:00:00.000000+00:00",
  ARN: "arn:aws:ssm:" + region + ":123456789012:parameter" + base + k, DataType: "text",
}));
if (process.env.STANDIN_FAIL === "shape") for (const x of Parameters) delete x.Value;
// paged: one page and its NextToken, as the CLI prints when it stops paginating (--max-items, or a page size limit).
const page = process.env.STANDIN_FAIL === "paged" ? { Parameters: Parameters.slice(0, 1), NextToken: "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==" } : { Parameters };
let out = JSON.stringify(page, null, 4) + "\\n";
if (process.env.STANDIN_FAIL === "malformed") out = out.slice(0, -3);
process.stdout.write(out);
'
`;

/**
 * Stand-in for Azure CLI `az keyvault secret show` (no Azure subscription
 * here). Output: the az reference for `az keyvault secret show` with
 * `--query value --output json`: the value as a JSON string and a newline.
 * A missing secret: the SecretNotFound error az prints, exit 3 (az's exit
 * code for a missing resource). STANDIN_FAIL: denied (Forbidden from the
 * vault's access policy, exit 1) | login (not logged in, exit 1) |
 * malformed (the raw value, not JSON, as `--output tsv` would print).
 */
export const AZ = `#!/usr/bin/env bash
# Stand-in for the Azure CLI (no Azure subscription can be reached here).
# Output follows the az reference for "az keyvault secret show --query value --output json"
# and the error text az prints for SecretNotFound (exit 3) and Forbidden (exit 1).
TOOL=az
${COMMON}
log_call "$@"
if [ $# -ne 11 ] || [ "$1 $2 $3 $4" != "keyvault secret show --vault-name" ] || [ -z "$5" ] || [ "$6" != "--name" ] || [ -z "$7" ] || [ "$8 $9 \${10} \${11}" != "--query value --output json" ]; then unexpected "$@"; fi
VAULT="$5"; NAME="$7"
maybe_sleep
case "\${STANDIN_FAIL:-}" in
  "") ;;
  denied)
    cat >&2 <<EOF
ERROR: (Forbidden) The user, group or application 'appid=04b07795-8ddb-461a-bbee-02f9e1bf7b46;oid=6c5e0c2a-0000-0000-0000-000000000000;iss=https://sts.windows.net/72f988bf-0000-0000-0000-000000000000/' does not have secrets get permission on key vault '$VAULT;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287
Code: Forbidden
Message: The user, group or application 'appid=04b07795-8ddb-461a-bbee-02f9e1bf7b46;oid=6c5e0c2a-0000-0000-0000-000000000000;iss=https://sts.windows.net/72f988bf-0000-0000-0000-000000000000/' does not have secrets get permission on key vault '$VAULT;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287
EOF
    exit 1 ;;
  login)
    echo "ERROR: Please run 'az login' to setup account." >&2
    exit 1 ;;
  malformed) ;;
  *) echo "standin: unknown STANDIN_FAIL=$STANDIN_FAIL" >&2; exit 98 ;;
esac
STANDIN_SCOPE="$VAULT" STANDIN_NAME="$NAME" with_data '
const n = process.env.STANDIN_NAME;
if (!Object.prototype.hasOwnProperty.call(m, n)) {
  process.stderr.write("ERROR: (SecretNotFound) A secret with (name/id) " + n + " was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182\\n");
  process.stderr.write("Code: SecretNotFound\\n");
  process.stderr.write("Message: A secret with (name/id) " + n + " was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182\\n");
  process.exitCode = 3;
} else if (process.env.STANDIN_FAIL === "malformed") {
  process.stdout.write(m[n] + "\\n");
} else {
  process.stdout.write(JSON.stringify(m[n]) + "\\n");
}
'
`;

/**
 * Stand-in for Google Cloud CLI `gcloud secrets versions access` (no Google
 * Cloud project here). Output: the gcloud reference for `gcloud secrets
 * versions access`: the payload byte for byte, nothing added. A missing
 * secret: `ERROR: (gcloud.secrets.versions.access) NOT_FOUND: ...`, exit 1.
 * STANDIN_FAIL: denied (PERMISSION_DENIED, exit 1).
 */
export const GCLOUD = `#!/usr/bin/env bash
# Stand-in for the Google Cloud CLI (no Google Cloud project can be reached here).
# Output follows the gcloud reference for "gcloud secrets versions access" (the payload as is)
# and the NOT_FOUND / PERMISSION_DENIED error lines gcloud prints (exit 1).
TOOL=gcloud
${COMMON}
log_call "$@"
if [ $# -ne 8 ] || [ "$1 $2 $3 $4 $5" != "secrets versions access latest --secret" ] || [ -z "$6" ] || [ "$7" != "--project" ] || [ -z "$8" ]; then unexpected "$@"; fi
NAME="$6"; PROJECT="$8"
maybe_sleep
case "\${STANDIN_FAIL:-}" in
  "") ;;
  denied)
    echo "ERROR: (gcloud.secrets.versions.access) PERMISSION_DENIED: Permission 'secretmanager.versions.access' denied for resource 'projects/$PROJECT/secrets/$NAME/versions/latest' (or it may not exist)." >&2
    exit 1 ;;
  *) echo "standin: unknown STANDIN_FAIL=$STANDIN_FAIL" >&2; exit 98 ;;
esac
STANDIN_SCOPE="$PROJECT" STANDIN_NAME="$NAME" with_data '
const n = process.env.STANDIN_NAME;
if (!Object.prototype.hasOwnProperty.call(m, n)) {
  process.stderr.write("ERROR: (gcloud.secrets.versions.access) NOT_FOUND: Secret [projects/123456789012/secrets/" + n + "] not found or has no versions.\\n");
  process.exitCode = 1;
} else {
  process.stdout.write(m[n]);
}
'
`;

/**
 * Stand-in for HashiCorp Vault's CLI `vault kv get -format=json` (no Vault
 * server here). Output: the Vault CLI reference for `vault kv get` with
 * `-format=json`: the secret response of the KV v2 API (data.data and
 * data.metadata) or, with $STANDIN_KV=1, of the KV v1 API (data holds the
 * pairs). No data for the path (or STANDIN_FAIL=notfound): `No value found
 * at ...`, exit 2. STANDIN_FAIL: notfound | denied (403 permission denied,
 * exit 2) | malformed (truncated JSON that holds the values) | shape (a JSON
 * array).
 */
export const VAULT = `#!/usr/bin/env bash
# Stand-in for the HashiCorp Vault CLI (no Vault server can be reached here).
# Output follows the Vault CLI reference for "vault kv get -format=json" (KV v2 response, or KV v1 with STANDIN_KV=1)
# and the errors vault prints for a missing secret and a 403 (exit 2).
TOOL=vault
${COMMON}
log_call "$@"
if [ $# -ne 4 ] || [ "$1 $2 $3" != "kv get -format=json" ] || [ -z "$4" ]; then unexpected "$@"; fi
P="$4"
if [ "\${STANDIN_KV:-2}" = 1 ]; then API_PATH="$P"; else API_PATH="\${P%%/*}/data/\${P#*/}"; fi
maybe_sleep
case "\${STANDIN_FAIL:-}" in
  "") ;;
  notfound)
    echo "No value found at $API_PATH" >&2
    exit 2 ;;
  denied)
    printf 'Error reading %s: Error making API request.\\n\\nURL: GET https://vault.example.com/v1/%s\\nCode: 403. Errors:\\n\\n* permission denied\\n' "$API_PATH" "$API_PATH" >&2
    exit 2 ;;
  malformed|shape) ;;
  *) echo "standin: unknown STANDIN_FAIL=$STANDIN_FAIL" >&2; exit 98 ;;
esac
STANDIN_SCOPE="$P" STANDIN_API_PATH="$API_PATH" with_data '
if (Object.keys(m).length === 0) {
  process.stderr.write("No value found at " + process.env.STANDIN_API_PATH + "\\n");
  process.exit(2);
}
let doc;
if (process.env.STANDIN_KV === "1") {
  doc = { request_id: "0b6a3c2e-8c1f-4f53-9a55-2f1b1e6a4d10", lease_id: "", lease_duration: 2764800, renewable: false, data: m, warnings: null };
} else {
  doc = { request_id: "0b6a3c2e-8c1f-4f53-9a55-2f1b1e6a4d10", lease_id: "", lease_duration: 0, renewable: false,
    data: { data: m, metadata: { created_time: "2024-05-01T10:00:00.000000Z", custom_metadata: null, deletion_time: "", destroyed: false, version: 3 } },
    warnings: null };
}
if (process.env.STANDIN_FAIL === "shape") doc = [doc];
let out = JSON.stringify(doc, null, 2) + "\\n";
if (process.env.STANDIN_FAIL === "malformed") out = out.slice(0, -3);
process.stdout.write(out);
'
`;

/** All four, for `standins(STORE_CLIS)`. */
export const STORE_CLIS: Record<string, string> = { aws: AWS, az: AZ, gcloud: GCLOUD, vault: VAULT };
