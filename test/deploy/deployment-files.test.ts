import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { envSchema } from '../../src/config/env.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const known = new Set(Object.keys(envSchema.shape));

describe('deployment files tell the truth about the environment', () => {
  it('.env.example lists exactly the variables the bot reads', () => {
    const listed = [...read('.env.example').matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]!);
    expect(new Set(listed)).toEqual(known);
  });

  it('the Kubernetes manifest only sets variables the bot reads', () => {
    const docs = parseAllDocuments(read('manifests/kubernetes/drumbeat.yaml')).map((d) => d.toJS());
    const secret = docs.find((d) => d.kind === 'Secret');
    const deployment = docs.find((d) => d.kind === 'Deployment');
    const container = deployment.spec.template.spec.containers[0];
    const names = [...Object.keys(secret.stringData), ...container.env.map((e: { name: string }) => e.name)];
    expect(names.length).toBeGreaterThan(3);
    for (const name of names) expect(known, name).toContain(name);
    expect(deployment.spec.replicas).toBe(1);
    expect(container.readinessProbe.httpGet.path).toBe('/healthz');
  });

  it('the Dockerfile sets only variables the bot reads and starts dist/main.js', () => {
    const dockerfile = read('Dockerfile');
    const env = /^ENV (.+)$/m.exec(dockerfile)![1]!;
    for (const [, name] of env.matchAll(/([A-Z_]+)=/g)) {
      if (name !== 'NODE_ENV') expect(known, name).toContain(name);
    }
    expect(dockerfile).toContain('dist/main.js');
  });
});
