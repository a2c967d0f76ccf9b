import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { render } from '../src/commands/render.js';
import { ROOT, haveKubectl } from './helpers/cli.js';
import { git, project, tempdir } from './helpers/testdir.js';

const kubectl = haveKubectl();

function build(overlay: string): Record<string, any>[] {
  const r = spawnSync('kubectl', ['kustomize', overlay], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kubectl kustomize failed: ${r.stderr}`);
  return parseAllDocuments(r.stdout).map((d) => d.toJS());
}

/** A copy of the shipped examples in a fresh git repository, as a new user's clone. */
function copyExamples(): string {
  const dir = tempdir();
  for (const name of ['base-example', 'overlays-example', 'kustenv.yaml', '.gitignore']) {
    fs.cpSync(path.join(ROOT, name), path.join(dir, name), { recursive: true, filter: (src) => !src.endsWith('kustenv.patch.yaml') });
  }
  git(dir, 'init', '-q');
  return dir;
}

if (kubectl) {
  test('examples: render, then kubectl kustomize each overlay holds exactly the env file values', async () => {
    const dir = copyExamples();
    // prod refuses the example's fake secrets; CI gives real ones through the environment.
    const ci = { JWT_SECRET: 'Zq8vN2kT5mRx9wLp4sYb7cHd3fJg6hKa', OPENAI_API_KEY: 'sk-Aq9wE3rT6yU8iO1pL5kJ', STRIPE_API_KEY: 'sk_live_9aB8cD7eF6gH5iJ4' };
    const r = await render({ cwd: dir, env: { PATH: process.env.PATH }, environments: ['dev', 'staging'] });
    assert.is(r.status, 0, JSON.stringify(r.diagnostics));
    const p = await render({ cwd: dir, env: { PATH: process.env.PATH, ...ci }, environments: ['prod'] });
    assert.is(p.status, 0, JSON.stringify(p.diagnostics));
    for (const env of ['dev', 'staging', 'prod']) {
      const values = { ...parseEnv(fs.readFileSync(path.join(dir, 'overlays-example', env, 'example.env'), 'utf8')), ...(env === 'prod' ? ci : {}) };
      const out = spawnSync('kubectl', ['kustomize', path.join(dir, 'overlays-example', env)], { encoding: 'utf8' }).stdout;
      // The only ${ left is the one the template escaped for the OpenTelemetry collector.
      assert.equal(out.match(/\$\{[^}]*\}/g), ['${env:HOSTNAME}'], env);
      const objects = build(path.join(dir, 'overlays-example', env));
      const byName = Object.fromEntries(objects.map((o) => [o.metadata.name, o]));
      const secrets = byName['app-secrets'].stringData;
      assert.is(secrets.JWT_SECRET, values.JWT_SECRET);
      assert.is(secrets.DATABASE_URL, values.DATABASE_URL);
      assert.is(secrets.HEALTHCHECK_CMD, 'curl -fsS http://$(POD_IP):8080/healthz -H "Host: $HOSTNAME"');
      const tls = byName['app-tls'].data;
      assert.is(Buffer.from(tls['tls.crt'], 'base64').toString(), values.TLS_CERT);
      assert.is(Buffer.from(tls['tls.key'], 'base64').toString(), values.TLS_KEY);
      const cm = byName['app-config'].data;
      assert.equal([cm.APP_ENV, cm.PUBLIC_URL, cm.CORS_ORIGIN, cm.LOG_LEVEL], [env, values.PUBLIC_URL, values.CORS_ORIGIN, values.LOG_LEVEL]);
      const deploy = byName.shop.spec;
      assert.is(deploy.replicas, Number(values.REPLICAS ?? 1));
      assert.equal(deploy.template.spec.containers[0].ports, [{ containerPort: 8080 }]);
      assert.is(deploy.template.spec.containers[0].image, `ghcr.io/example/shop:${values.IMAGE_TAG}`);
    }
  });

  test('kubectl: a placeholder in a list merge key leaves no unrendered base item beside the rendered one', async () => {
    const deploy = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: d}',
      'spec:',
      '  template:',
      '    spec:',
      '      tolerations:',
      '        - {key: a, value: "${TOL}"}',
      '      containers:',
      '        - name: app',
      '          image: img',
      '          args: ["--port", "${PORT}"]',
      '          ports:',
      '            - containerPort: ${PORT}',
      '            - containerPort: 9090',
      '          env:',
      '            - {name: "A", value: "${A}"}',
      '            - {name: "B", value: "b"}',
      '        - name: sidecar',
      '          image: side',
      '---',
      'apiVersion: example.com/v1',
      'kind: Widget',
      'metadata: {name: w}',
      'spec:',
      '  items:',
      '    - {name: "${A}", port: 1}',
      '    - {name: b, port: 2}',
      '',
    ].join('\n');
    const dir = project({ envs: ['dev'], extra: { 'base/deploy.yaml': deploy, 'base/kustomization.yaml': 'resources: [secret.yaml, configmap.yaml, deploy.yaml]\n' } });
    const r = await render({ cwd: dir, env: { TOKEN: 't', PORT: '8080', A: 'a', TOL: 'x' } });
    assert.is(r.status, 0, JSON.stringify(r.diagnostics));
    const objects = build(path.join(dir, 'overlays/dev'));
    const spec = objects.find((o) => o.kind === 'Deployment').spec.template.spec;
    assert.equal(spec.tolerations, [{ key: 'a', value: 'x' }]);
    assert.equal(spec.containers.map((c: { name: string }) => c.name), ['app', 'sidecar']);
    assert.equal(spec.containers[0].ports, [{ containerPort: 8080 }, { containerPort: 9090 }]);
    assert.equal(spec.containers[0].args, ['--port', '8080']);
    assert.equal(spec.containers[0].env, [
      { name: 'A', value: 'a' },
      { name: 'B', value: 'b' },
    ]);
    const widget = objects.find((o) => o.kind === 'Widget');
    assert.equal(widget.spec.items, [
      { name: 'a', port: 1 },
      { name: 'b', port: 2 },
    ]);
  });

  test('kubectl: tricky values survive render and kustomize exactly', async () => {
    const values = ['a: b', "it's \"quoted\"", 'x # not a comment', 'multi\nline\n', '---', '*star', '&amp', '!bang', 'true', '0123', '', '  padded  ', 'é🎉', 'trailing\n\n', '%percent', '@at', '`tick', 'crlf\r\nline', ' \n \n', 'x\n\tindent\n  more', 'a\tb', '\ufeffbom'];
    const env: Record<string, string> = { TOKEN: 't' };
    const lines = values.map((v, i) => {
      env[`V${i}`] = v;
      return `  k${i}: \${V${i}}`;
    });
    const dir = project({ envs: ['dev'], configmap: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n${lines.join('\n')}\n` });
    const r = await render({ cwd: dir, env });
    assert.is(r.status, 0, JSON.stringify(r.diagnostics));
    const cm = build(path.join(dir, 'overlays/dev')).find((o) => o.kind === 'ConfigMap');
    values.forEach((v, i) => assert.is(cm.data[`k${i}`], v, JSON.stringify(v)));
  });
}

test.run();
