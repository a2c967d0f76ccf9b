import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { render } from '../src/commands/render.js';
import { parseTemplates } from '../src/pipeline/parse-templates.js';
import { compareText } from '../src/text.js';
import { haveKubectl } from './helpers/cli.js';
import { testdir } from './helpers/testdir.js';

const kubectl = haveKubectl();

function build(overlay: string): Record<string, any>[] {
  const r = spawnSync('kubectl', ['kustomize', overlay], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kubectl kustomize failed: ${r.stderr}`);
  return parseAllDocuments(r.stdout).map((d) => d.toJS());
}

const byName = <T extends { name: string }>(items: T[]): Record<string, T> => Object.fromEntries(items.map((i) => [i.name, i]));

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  template:
    spec:
      initContainers:
        - name: "init-\${SUFFIX}"
          image: busybox
          env: [{name: A, value: a}]
      containers:
        - name: app
          image: ghcr.io/me/app:\${IMAGE_TAG:-1.0.0}
          args: ["--x=\${X}", "--y"]
          resources: {requests: {cpu: 100m}}
          ports:
            - {containerPort: 80, name: http}
            - {containerPort: 53, protocol: UDP, name: "dns-\${SUFFIX}"}
            - {containerPort: 53, protocol: TCP, name: dns-tcp}
            - containerPort: \${PORT}
              protocol: TCP
              name: metrics
          env:
            - {name: LOG, value: "\${LOG_LEVEL}"}
            - {name: FIXED, value: fixed}
            - name: DB_PASSWORD
              value: \${DB_PASSWORD}
            - name: FROM_SECRET
              valueFrom: {secretKeyRef: {name: "\${SECRET_NAME}", key: pw}}
          volumeMounts:
            - {name: data, mountPath: /data, readOnly: true}
        - name: sidecar
          image: side:1
          env: [{name: S, value: s}]
      volumes:
        - name: data
          emptyDir: {sizeLimit: "\${SIZE}"}
        - name: other
          emptyDir: {}
      tolerations:
        - {key: k, value: "\${TOL}", effect: NoSchedule}
      topologySpreadConstraints:
        - topologyKey: zone
          whenUnsatisfiable: DoNotSchedule
          maxSkew: \${SKEW}
        - {topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, maxSkew: 1}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports:
    - name: http
      port: 80
      targetPort: \${TARGET}
    - {name: admin, port: 81, targetPort: 8081}
---
apiVersion: v1
kind: Service
metadata: {name: dns}
spec:
  ports:
    - name: dns
      port: \${DNS_PORT}
    - {name: dns-udp, port: 53, protocol: UDP}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec:
  items:
    - {name: "\${X}", port: 1}
    - {name: b, port: 2}
`;

/** The other patch of the overlay: a memory limit, an extra env var, an extra port, an extra Service port. */
const OTHER_PATCH = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - name: app
          resources: {limits: {memory: 512Mi}}
          env:
            - {name: EXTRA, value: extra}
          ports:
            - {containerPort: 7000, name: other}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports:
    - {name: extra, port: 82}
`;

const LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Secret
    metadata: {name: db}
    data:
      password: \${DB_PASSWORD}
      fixed: Zml4ZWQ=
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: list-cfg}
    data:
      level: \${LOG_LEVEL}
      other: kept
`;

const VALUES = {
  IMAGE_TAG: '2.0.0',
  X: '1',
  PORT: '9090',
  LOG_LEVEL: 'debug',
  DB_PASSWORD: 'S3CR3T-SENTINEL',
  SECRET_NAME: 'db',
  SIZE: '1Gi',
  TOL: 'v',
  TARGET: '8080',
  SUFFIX: 'x',
  SKEW: '2',
  DNS_PORT: '5353',
};

function layout(): string {
  const kustomization = (patches: string[]) => `resources: [../../base]\npatches:\n${patches.map((p) => `  - path: ${p}\n`).join('')}`;
  return testdir(
    {
      'base/deploy.yaml': DEPLOYMENT,
      'base/list.yaml': LIST,
      'base/kustomization.yaml': 'resources: [deploy.yaml, list.yaml]\n',
      'overlays/before/kustomization.yaml': kustomization(['resources-patch.yaml', 'kustenv.patch.yaml']),
      'overlays/before/resources-patch.yaml': OTHER_PATCH,
      'overlays/after/kustomization.yaml': kustomization(['kustenv.patch.yaml', 'resources-patch.yaml']),
      'overlays/after/resources-patch.yaml': OTHER_PATCH,
      'overlays/alone/kustomization.yaml': kustomization(['kustenv.patch.yaml']),
    },
    { gitignore: 'kustenv.patch.yaml\n' },
  );
}

test('parse: a List is read as its items, each with its own identity and source', () => {
  const { documents, diagnostics } = parseTemplates([{ file: 'base/list.yaml', text: LIST }]);
  assert.equal(diagnostics, []);
  assert.equal(
    documents.map((d) => [d.identity.kind, d.identity.name, d.item, d.line]),
    [
      ['Secret', 'db', 0, 4],
      ['ConfigMap', 'list-cfg', 1, 10],
    ],
  );
  // A Secret item's data without placeholder must be base64, as in any Secret.
  const bad = parseTemplates([{ file: 'base/list.yaml', text: LIST.replace('fixed: Zml4ZWQ=', 'fixed: not base64!') }]);
  assert.equal(bad.diagnostics.map((d) => [d.code, d.line]), [['secret-data-not-base64', 9]]);
});

test('parse: a YAML merge key is an error at its position, in any document', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: &x {k: v}\n  b: ${BAD\n---\nplain: &y {k: v}\nother:\n  <<: *y\nquoted:\n  "<<": a plain key\n';
  const { diagnostics } = parseTemplates([{ file: 'base/m.yaml', text }]);
  // The other errors of the file are reported with it.
  assert.equal(
    diagnostics.map((d) => [d.code.startsWith('placeholder-') ? 'placeholder' : d.code, d.line, d.col]),
    [
      ['yaml-merge-key', 10, 3],
      ['placeholder', 6, 6],
    ],
  );
});

test('parse: a placeholder in a literal-keyed item plans only that item; a non-unique key plans the list whole', () => {
  const doc = (env: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n${env}`;
  const keyed = parseTemplates([{ file: 'd.yaml', text: doc('            - {name: A, value: "${A}"}\n            - {name: B, value: b}\n') }]).documents[0];
  const only = (plan: any) => plan.plans[0];
  const containers = only(only(only(only(keyed.plan))));
  assert.is(containers.type, 'keyed');
  const env = only(containers.items[0].plan);
  assert.is(env.type, 'keyed');
  assert.equal(env.items.map((i: any) => i.key), [[['name', 'A']]]);
  const twice = parseTemplates([{ file: 'd.yaml', text: doc('            - {name: A, value: "${A}"}\n            - {name: A, value: b}\n') }]).documents[0];
  const twiceContainers = only(only(only(only(twice.plan))));
  assert.is(only(twiceContainers.items[0].plan).type, 'whole');
});

if (kubectl) {
  test('kubectl: keyed list items merge with another patch listed before or after kustenv.patch.yaml', async () => {
    const dir = layout();
    const r = await render({ cwd: dir, env: { PATH: process.env.PATH, ...VALUES } });
    assert.is(r.status, 0, JSON.stringify(r.diagnostics));

    for (const overlay of ['before', 'after', 'alone']) {
      const other = overlay !== 'alone';
      const objects = build(path.join(dir, 'overlays', overlay));
      const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
      const spec = find('Deployment', 'web').spec.template.spec;
      const c = byName(spec.containers as { name: string; [k: string]: any }[]);
      assert.equal(Object.keys(c).sort(), ['app', 'sidecar'], overlay);
      assert.equal(c.sidecar, { name: 'sidecar', image: 'side:1', env: [{ name: 'S', value: 's' }] }, overlay);
      const app = c.app;
      assert.is(app.image, 'ghcr.io/me/app:2.0.0', overlay);
      assert.equal(app.args, ['--x=1', '--y'], overlay);
      assert.equal(app.resources, other ? { requests: { cpu: '100m' }, limits: { memory: '512Mi' } } : { requests: { cpu: '100m' } }, overlay);
      // The port whose key held a placeholder: the base item is gone, the rendered one is there, the others stay.
      // Container ports merge by containerPort and protocol.
      const ports = [...app.ports].sort((a: any, b: any) => a.containerPort - b.containerPort || compareText(String(a.protocol), String(b.protocol)));
      assert.equal(
        ports,
        [
          { containerPort: 53, protocol: 'TCP', name: 'dns-tcp' },
          { containerPort: 53, protocol: 'UDP', name: 'dns-x' },
          { containerPort: 80, name: 'http' },
          ...(other ? [{ containerPort: 7000, name: 'other' }] : []),
          { containerPort: 9090, protocol: 'TCP', name: 'metrics' },
        ],
        overlay,
      );
      // Topology spread constraints merge by topologyKey and whenUnsatisfiable.
      assert.equal(
        [...spec.topologySpreadConstraints].sort((a: any, b: any) => compareText(a.whenUnsatisfiable, b.whenUnsatisfiable)),
        [
          { topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', maxSkew: 2 },
          { topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 1 },
        ],
        overlay,
      );
      const env = byName(app.env as { name: string }[]) as Record<string, any>;
      assert.equal(Object.keys(env).sort(), ['DB_PASSWORD', 'FIXED', 'FROM_SECRET', 'LOG', ...(other ? ['EXTRA'] : [])].sort(), overlay);
      assert.is(env.LOG.value, 'debug');
      assert.is(env.FIXED.value, 'fixed');
      assert.is(env.DB_PASSWORD.value, VALUES.DB_PASSWORD);
      assert.equal(env.FROM_SECRET.valueFrom, { secretKeyRef: { name: 'db', key: 'pw' } });
      if (other) assert.is(env.EXTRA.value, 'extra');
      assert.equal(app.volumeMounts, [{ name: 'data', mountPath: '/data', readOnly: true }]);
      // An item whose key held a placeholder, added whole: its own lists hold no directive.
      assert.equal(spec.initContainers, [{ name: 'init-x', image: 'busybox', env: [{ name: 'A', value: 'a' }] }], overlay);
      const volumes = byName(spec.volumes as { name: string }[]) as Record<string, any>;
      assert.equal(volumes, { data: { name: 'data', emptyDir: { sizeLimit: '1Gi' } }, other: { name: 'other', emptyDir: {} } }, overlay);
      // A list without a merge key is written whole.
      assert.equal(spec.tolerations, [{ key: 'k', value: 'v', effect: 'NoSchedule' }], overlay);
      // Service ports merge by port.
      const svcPorts = byName(find('Service', 'web').spec.ports as { name: string }[]);
      assert.equal(svcPorts, {
        http: { name: 'http', port: 80, targetPort: 8080 },
        admin: { name: 'admin', port: 81, targetPort: 8081 },
        ...(other ? { extra: { name: 'extra', port: 82 } } : {}),
      }, overlay);
      // A port whose key holds a placeholder and lacks the protocol another port holds: kustomize could
      // not delete it by its key, so the list is written whole.
      assert.equal(find('Service', 'dns').spec.ports, [{ name: 'dns', port: 5353 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }], overlay);
      // A custom resource's list is replaced whole (JSON merge).
      assert.equal(find('Widget', 'w').spec.items, [{ name: '1', port: 1 }, { name: 'b', port: 2 }], overlay);
      // List items: each patched as its own object; the Secret's data is base64.
      const secret = find('Secret', 'db');
      assert.equal(secret.data, { password: Buffer.from(VALUES.DB_PASSWORD).toString('base64'), fixed: 'Zml4ZWQ=' }, overlay);
      assert.equal(find('ConfigMap', 'list-cfg').data, { level: 'debug', other: 'kept' }, overlay);
      assert.not.ok(JSON.stringify(objects).includes('${'), `${overlay}: no placeholder is left`);
      assert.not.ok(JSON.stringify(objects).includes('$patch'), `${overlay}: no directive is left`);
    }
  });
}

test('render: the secret paths of a patch name where its secret values stand, keyed list items included', async () => {
  const dir = layout();
  const r = await render({ cwd: dir, env: { PATH: process.env.PATH, ...VALUES }, environments: ['alone'] });
  assert.is(r.status, 0, JSON.stringify(r.diagnostics));
  const content = r.environments[0].content!;
  const masked = r.environments[0].masked!;
  const chunks = content.split('\n---\n');
  const mchunks = masked.split('\n---\n');
  assert.is(chunks.length, mchunks.length);
  const found: string[] = [];
  chunks.forEach((chunk, i) => {
    const comment = /^# secret: (.*)$/m.exec(chunk);
    if (!comment) return;
    const doc = parseAllDocuments(chunk)[0];
    const mdoc = parseAllDocuments(mchunks[i])[0];
    for (const p of JSON.parse(comment[1]) as string[]) {
      const keys = p.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
      const value = doc.getIn(keys);
      assert.ok(value === VALUES.DB_PASSWORD || value === Buffer.from(VALUES.DB_PASSWORD).toString('base64'), `${p} holds the secret`);
      assert.is(mdoc.getIn(keys), '***', `${p} is masked`);
      found.push(`${doc.get('kind')} ${p}`);
    }
  });
  assert.equal(found.sort(), ['Deployment spec.template.spec.containers[0].env[1].value', 'Secret data.password']);
  assert.not.ok(masked.includes(VALUES.DB_PASSWORD));
});

test('render: a template file name with a newline adds no YAML to the patch', async () => {
  const name = '0\nimmutable: true\nbinaryData: {injected: aGk=}\n#.yaml';
  const dir = testdir(
    {
      [`base/${name}`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  LEVEL: ${LEVEL}\n',
      'base/kustomization.yaml': `resources: [${JSON.stringify(name)}]\n`,
      'overlays/dev/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: kustenv.patch.yaml\n',
    },
    { gitignore: 'kustenv.patch.yaml\n' },
  );
  const r = await render({ cwd: dir, env: { PATH: process.env.PATH, LEVEL: 'info' } });
  assert.is(r.status, 0, JSON.stringify(r.diagnostics));
  const text = fs.readFileSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml'), 'utf8');
  const docs = parseAllDocuments(text).map((d) => d.toJS());
  assert.equal(docs, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { LEVEL: 'info' } }]);
  assert.ok(text.includes('"base/0\\nimmutable: true\\nbinaryData: {injected: aGk=}\\n#.yaml"'), 'the name is written escaped');
  if (kubectl) {
    const cm = build(path.join(dir, 'overlays/dev')).find((o) => o.kind === 'ConfigMap');
    assert.equal(Object.keys(cm).sort(), ['apiVersion', 'data', 'kind', 'metadata']);
    assert.equal(cm.data, { LEVEL: 'info' });
  }
});

test('render: an overlay folder named with a newline gives a patch that parses to the document alone, or a clear error', async () => {
  const env = 'dev\nimmutable: true';
  const dir = testdir(
    {
      'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  LEVEL: ${LEVEL}\n',
      'base/kustomization.yaml': 'resources: [cm.yaml]\n',
      [`overlays/${env}/kustomization.yaml`]: 'resources: [../../base]\npatches:\n  - path: kustenv.patch.yaml\n',
    },
    { gitignore: 'kustenv.patch.yaml\n' },
  );
  const r = await render({ cwd: dir, env: { PATH: process.env.PATH, LEVEL: 'info' } });
  // Such a folder is no environment name: refused (exit 2) naming the rule, never an internal error.
  if (r.status === 2) assert.equal(r.diagnostics.map((d) => d.code), ['bad-environment-name']);
  if (r.status === 0) {
    const text = fs.readFileSync(path.join(dir, 'overlays', env, 'kustenv.patch.yaml'), 'utf8');
    assert.equal(parseAllDocuments(text).map((d) => d.toJS()), [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { LEVEL: 'info' } }]);
    assert.ok(text.startsWith('# Generated by kustenv for environment "dev\\nimmutable: true" from base/cm.yaml.\n'), text.split('\n')[0]);
  } else {
    assert.ok(r.diagnostics.some((d) => d.severity === 'error' && d.message.length > 0));
  }
});

test.run();
