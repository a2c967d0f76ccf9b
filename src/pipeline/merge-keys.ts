import type { PathKey } from './parse-templates.js';

/**
 * The merge keys of the lists a template of a built-in kind can hold, as
 * kustomize's strategic merge uses them (its built-in Kubernetes OpenAPI:
 * `x-kubernetes-list-map-keys` where given, else
 * `x-kubernetes-patch-merge-key`). It merges these lists item by item, an
 * item matching the base item whose key fields hold the same values; every
 * other list is replaced whole. Checked with `kubectl kustomize` (v5.5): it
 * replaces `resourceClaims`, `schedulingGates`, `tolerations`, `envFrom` and
 * a ServiceAccount's `imagePullSecrets`, so they are not here.
 */
export type MergeKey = readonly string[];

/** Lists of a pod spec (`PodSpec`). */
const POD_SPEC_LISTS: Record<string, MergeKey> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  volumes: ['name'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
};

/** Lists of a container (`Container`, `EphemeralContainer`). */
const CONTAINER_LISTS: Record<string, MergeKey> = {
  ports: ['containerPort', 'protocol'],
  env: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
};

const CONTAINER_KINDS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** Where a pod spec sits: a Pod's `spec`, or any `template.spec` (Deployment, Job, CronJob's `jobTemplate.spec.template.spec`, PodTemplate's `template.spec`, ...). */
function isPodSpec(kind: string | undefined, path: string[]): boolean {
  if (kind === 'Pod') return path.length === 1 && path[0] === 'spec';
  const n = path.length;
  return n >= 2 && path[n - 1] === 'spec' && path[n - 2] === 'template';
}

/**
 * The merge key of the list at `path` in an object of `kind`: its key
 * fields, the first one required in every item, or null when strategic
 * merge replaces that list whole. `path` may hold indices; they only mark
 * list items.
 */
export function mergeKeyAt(kind: string | undefined, path: PathKey[]): MergeKey | null {
  const name = path[path.length - 1];
  if (typeof name !== 'string') return null;
  const parent = path.slice(0, -1);
  const keys = parent.filter((k): k is string => typeof k === 'string');
  if (name === 'ownerReferences' && parent[parent.length - 1] === 'metadata') return ['uid'];
  if (kind === 'Service' && path.length === 2 && path[0] === 'spec' && name === 'ports') return ['port', 'protocol'];
  if (kind === 'ServiceAccount' && path.length === 1 && name === 'secrets') return ['name'];
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
