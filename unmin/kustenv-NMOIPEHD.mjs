import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  check,
  withSecrets
} from "./kustenv-JO6DUE3B.mjs";
import {
  SecretSet
} from "./kustenv-WBTMBI44.mjs";
import "./kustenv-SHHDKO2O.mjs";
import "./kustenv-GL5OAKO2.mjs";
import "./kustenv-FN22K4O5.mjs";
import "./kustenv-CZTMCNWL.mjs";
import "./kustenv-UHYCXRPZ.mjs";
import "./kustenv-NDEGRTDM.mjs";
import "./kustenv-6KN4YI7Q.mjs";
import "./kustenv-QKI3VPXQ.mjs";

// dist/codes.js
var e = (klass, doc) => ({ severity: "error", class: klass, doc });
var w = (klass, doc) => ({ severity: "warning", class: klass, doc });
var CODES = {
  // Values
  "unset-variable": e("value", "a variable used by a template has no value in an environment"),
  "required-variable": e("value", "`${VAR:?message}` found the variable unset or empty"),
  "variable-schema": e("value", "a value breaks the variables schema"),
  "undeclared-variable": e("value", "the variables schema does not declare a used variable (additionalProperties: false)"),
  "placeholder-value": e("value", "a value looks like a placeholder left in place (production rules)"),
  "empty-value": e("value", "a value is empty where production rules refuse it"),
  "weak-secret": e("value", "a secret value is a weak credential (production rules)"),
  "dummy-in-production": e("value", "`missing: dummy` is refused in a production environment"),
  "dummy-value": w("value", "an unset variable was given a dummy value (`missing: dummy`)"),
  "kustomize-unsafe-value": w("value", "a value holds characters kustomize does not pass on exactly"),
  "object-schema": e("value", "a rendered Secret or ConfigMap breaks its built-in schema"),
  "object-too-large": e("value", "a rendered object is larger than Kubernetes allows"),
  "object-invalid-json": e("value", "a key ending in .json does not hold valid JSON"),
  "object-duplicate-key": w("value", "a key is in both data and stringData; stringData wins"),
  "output-not-ignored": e("value", "a patch would be written where git does not ignore it"),
  "output-tracked": e("value", "a patch to be written is tracked by git"),
  "patch-tracked": e("value", "a patch on disk is tracked by git, so it is not shown"),
  // Templates and project files
  "yaml-invalid": e("input", "a template is not valid YAML"),
  "yaml-duplicate-key": e("input", "a template mapping has the same key twice"),
  "yaml-tab-indent": e("input", "a template is indented with tabs"),
  "yaml-too-deep": e("input", "a template nests deeper than kustenv reads"),
  "yaml-alias-limit": e("input", "a template document expands too many aliases"),
  "yaml-custom-tag": e("input", "a template uses a custom YAML tag"),
  "yaml-merge-key": e("input", "a template uses a `<<` merge key, which kustomize does not apply"),
  "template-binary": e("input", "a template holds a NUL byte"),
  "template-not-utf8": e("input", "a template is not UTF-8 text"),
  "template-too-large": e("input", "a template is larger than kustenv reads"),
  "not-a-mapping": e("input", "a template document or list item is not a mapping"),
  "complex-key": e("input", "a template mapping key is not a scalar"),
  "placeholder-in-key": e("input", "a placeholder is in a mapping key"),
  "placeholder-in-identity": e("input", "a placeholder is in apiVersion, kind, metadata.name or metadata.namespace"),
  "placeholder-bad-name": e("input", "a placeholder's variable name is not valid"),
  "placeholder-unclosed": e("input", "a placeholder has no closing `}`"),
  "placeholder-too-deep": e("input", "placeholders nest too deep"),
  "placeholder-bad-operator": e("input", "a placeholder uses an operator kustenv does not know"),
  "no-identity": e("input", "a document with placeholders has no apiVersion, kind and metadata.name"),
  "secret-data-not-base64": e("input", "Secret data without a placeholder is not valid base64"),
  "invalid-name": e("input", "metadata.name is not a DNS-1123 subdomain"),
  "invalid-namespace": e("input", "metadata.namespace is not a DNS-1123 label"),
  "no-templates": e("input", "no templates were found under the template folder"),
  "unsafe-output": e("input", "an output path is refused (outside the project, a link, not a regular file)"),
  "leftover-placeholder": e("input", "a placeholder is still in the built overlay"),
  "build-failed": e("input", "`kubectl kustomize` failed on an overlay"),
  "not-applied": e("input", "`apply` was answered no"),
  "no-generate-rule": e("input", "`rotate` named a variable without an `x-kustenv-generate` rule"),
  "generate-in-ci": e("input", "`missing: generate` would create values in CI"),
  "generated-old": w("input", "a generated secret is older than `rotateAfterDays`"),
  "generated-values": w("input", "values were generated into the generated file"),
  "rotate-shadowed": w("input", "a rotated variable is set by a higher source, so the new value is not used"),
  "env-file-hash-in-value": w("input", "an env file value holds a `#` other tools would cut it at"),
  "env-file-duplicate": w("input", "an env file sets a variable twice"),
  "client-side-apply": w("input", "client-side apply copies stringData into an annotation"),
  "not-in-git": { severity: "both", class: "run", doc: "not inside a git repository (a warning when writing; an error for `diff --against`)" },
  "live-object-missing": e("input", "`verify`: an object of the build is not in the cluster"),
  "live-key-missing": e("input", "`verify`: a key of the build is not in the live object"),
  "live-key-different": e("input", "`verify`: a live value differs from the built one"),
  "live-key-extra": w("input", "`verify`: the live object has a key the build does not"),
  "live-placeholder": e("input", "`verify`: a live value in production looks like a placeholder"),
  "live-old": w("input", "`verify`: a live secret is older than `rotateAfterDays`"),
  "live-externalsecret-missing": e("input", "`verify`: an ExternalSecret of the build is not in the cluster"),
  "live-externalsecret-not-ready": e("input", "`verify`: an ExternalSecret is not Ready"),
  "eso-component-unlisted": e("input", "the overlay does not list the ESO Component"),
  "eso-data-not-utf8": e("input", "Secret data is not UTF-8 once decoded, so an ESO template cannot carry it"),
  "eso-mixed-stores": e("input", "one Secret would need values from more than one ESO store"),
  "eso-name-clash": e("input", "an ExternalSecret name is used twice"),
  "eso-no-store-ref": e("input", "a store source has no ESO store reference"),
  "eso-store-kind-clash": e("input", "one ESO store name is used with two kinds"),
  "eso-operator": e("input", "a placeholder inside a Secret uses an operator an ESO template cannot"),
  "eso-output-holds-value": e("input", "an ESO output would hold a value"),
  "eso-placeholder-outside-data": e("input", "a placeholder in a Secret is outside data and stringData"),
  "eso-schema": e("input", "an ExternalSecret breaks its schema"),
  "eso-secret-and-configmap": e("input", "a variable is used in both a Secret and a ConfigMap under ESO output"),
  "eso-writeonly-configmap": e("input", "a ConfigMap uses a variable only a store holds"),
  "eso-value-unused": w("input", "a value is set but ESO output does not use it"),
  "eso-mapped-twice": e("input", "a variable is named by the map of two sources"),
  "eso-no-store": e("input", "a variable used in a Secret has no store source that can hold it"),
  "eso-ambiguous-store": e("input", "a variable used in a Secret could come from more than one store source"),
  "template-unparsed-at-base": e("input", "diff --against: a template changed by the branch does not parse at the merge base or now"),
  "set-unused": w("input", "`--set` names a variable no template uses (the closest used one is named)"),
  "bare-dollar": w("input", "a template value holds `$NAME` for a known variable: only `${NAME}` is a placeholder"),
  // Could not run
  "shallow-clone": e("run", "diff --against: the history needed is not in this (shallow) clone; fetch it (fetch-depth: 0)"),
  "no-merge-base": e("run", "diff --against: the ref and the working tree have no common ancestor"),
  "bad-set": e("run", "`--set` is not NAME=VALUE"),
  "bad-ref": e("run", "the `--against` ref is not a safe argument or not a commit"),
  "bad-context": e("run", "the `--context` name is not a safe argument"),
  "needs-yes": e("run", "`apply` without `--yes` and without a terminal"),
  "bad-environment-name": e("run", "an environment (overlay folder or config key) has a name that is not a plain name"),
  "unknown-environment": e("run", "an environment named on the command line does not exist"),
  "no-environments": e("run", "no environment was found"),
  "overlay-missing": e("run", "an environment's overlay folder does not exist"),
  "base-missing": e("run", "the template folder does not exist"),
  "config-unreadable": e("run", "the config file cannot be read"),
  "config-invalid": e("run", "the config file breaks a rule of its schema"),
  "config-unknown-key": e("run", "the config file has a key kustenv does not know"),
  "schema-unreadable": e("run", "the variables schema cannot be read"),
  "schema-invalid": e("run", "the variables schema is not a valid schema"),
  "template-unreadable": e("run", "a template cannot be read"),
  "env-file-unreadable": e("run", "an env file cannot be read"),
  "env-file-syntax": e("run", "an env file line is not NAME=VALUE"),
  "env-file-name": e("run", "an env file sets a name that is not a variable name"),
  "write-failed": e("run", "an output could not be written"),
  "git-failed": e("run", "git could not say whether outputs are ignored"),
  "kubectl-missing": e("run", "kubectl cannot be run"),
  "kubectl-failed": e("run", "kubectl failed"),
  "store-not-installed": e("run", "a secret store's CLI is not installed"),
  "store-failed": e("run", "a secret store's CLI failed"),
  "store-malformed": e("run", "a secret store answered in the wrong shape, too large or not UTF-8"),
  "store-timeout": e("run", "a secret store gave no answer within its time-out"),
  "store-stopped": e("run", "a store call was stopped because another store failed"),
  "bad-store-name": e("run", "a store name or setting is not a safe argument")
};
var isCode = (s) => Object.hasOwn(CODES, s);

// dist/commands/vars.js
var isValueProblem = (code) => isCode(code) && CODES[code].class === "value";
async function vars(options = {}) {
  const r = await check({ ...options, generate: false });
  const secrets = r.secrets ?? new SecretSet();
  if (r.status === 2)
    return withSecrets({ status: 2, diagnostics: r.diagnostics, variables: [], environments: [] }, secrets);
  const broken = r.diagnostics.filter((d) => d.severity === "error" && !isValueProblem(d.code));
  return withSecrets({ status: broken.length ? 1 : 0, diagnostics: broken, variables: r.variables, environments: r.environments.map((e2) => ({ name: e2.name, variables: e2.variables })) }, secrets);
}
export {
  vars
};
