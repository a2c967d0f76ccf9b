import type { PathKey } from './parse-templates.js';

/**
 * The patch-merge keys of the Kubernetes API (`patchMergeKey` tags in
 * k8s.io/api, `x-kubernetes-patch-merge-key` in its OpenAPI) for the lists a
 * template of a built-in kind can hold. Strategic merge, which kustomize uses
 * for built-in kinds, merges these lists item by item by that key; every
 * other list is replaced whole.
 */

/** Lists of a pod spec (`PodSpec`). */
const POD_SPEC_LISTS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  schedulingGates: 'name',
};

/** Lists of a container (`Container`, `EphemeralContainer`). */
const CONTAINER_LISTS: Record<string, string> = {
  ports: 'containerPort',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
};

const CONTAINER_KINDS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** Where a pod spec sits: a Pod's `spec`, or any `template.spec` (Deployment, Job, CronJob's `jobTemplate.spec.template.spec`, PodTemplate's `template.spec`, ...). */
function isPodSpec(kind: string | undefined, path: string[]): boolean {
  if (kind === 'Pod') return path.length === 1 && path[0] === 'spec';
  const n = path.length;
  return n >= 2 && path[n - 1] === 'spec' && path[n - 2] === 'template';
}

/**
 * The merge key of the list at `path` in an object of `kind`, or null when
 * strategic merge replaces that list whole. `path` may hold indices; they
 * only mark list items.
 */
export function mergeKeyAt(kind: string | undefined, path: PathKey[]): string | null {
  const name = path[path.length - 1];
  if (typeof name !== 'string') return null;
  const parent = path.slice(0, -1);
  const keys = parent.filter((k): k is string => typeof k === 'string');
  if (name === 'ownerReferences' && parent[parent.length - 1] === 'metadata') return 'uid';
  if (kind === 'Service' && path.length === 2 && path[0] === 'spec' && name === 'ports') return 'port';
  if (kind === 'ServiceAccount' && path.length === 1 && name === 'secrets') return 'name';
  if (Object.hasOwn(POD_SPEC_LISTS, name) && parent.every((k) => typeof k === 'string') && isPodSpec(kind, keys)) return POD_SPEC_LISTS[name];
  if (Object.hasOwn(CONTAINER_LISTS, name)) {
    // path: <pod spec>.<containers>[i].<list>
    const n = parent.length;
    if (n >= 2 && typeof parent[n - 1] === 'number' && CONTAINER_KINDS.has(String(parent[n - 2]))) {
      const spec = parent.slice(0, n - 2);
      if (spec.every((k) => typeof k === 'string') && isPodSpec(kind, spec as string[])) return CONTAINER_LISTS[name];
    }
  }
  return null;
}

/**
 * Kinds kustomize merges with strategic merge (it has their schema): the
 * core group, groups without a dot (apps, batch, ...) and `*.k8s.io` groups.
 * Other kinds (custom resources) get JSON merge semantics: lists replaced.
 */
export function isBuiltInKind(apiVersion: string | undefined): boolean {
  if (!apiVersion) return false;
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return true;
  const group = apiVersion.slice(0, slash);
  return !group.includes('.') || group.endsWith('.k8s.io');
}
