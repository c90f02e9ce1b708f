/**
 * overlays/release-page: the example's Socket Mode bot with the release page behind an oauth2-proxy
 * sidecar, rendered with the test renderer (patches included) and validated against the schemas.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { siteFrom, siteSchema } from '../../src/config/site-config.ts';
import { type K8sObject, kustomizeBuild } from './kustomize.ts';
import { schemaErrors } from './schema-errors.ts';

const manifests = fileURLToPath(new URL('../../manifests/kubernetes/', import.meta.url));
const overlay = kustomizeBuild(`${manifests}overlays/release-page`);
const example = kustomizeBuild(`${manifests}overlays/example`);
const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const deployment = byKind(overlay, 'Deployment')[0]!;
const pod = deployment.spec.template.spec;
const container = (name: string) => pod.containers.find((c: K8sObject) => c.name === name);

describe('overlays/release-page', () => {
  it('renders every object valid against the Kubernetes schemas', async () => {
    expect(overlay.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      expect.stringMatching(/^ConfigMap\/drumbeat-config-\w{10}$/),
      'Deployment/drumbeat',
      'NetworkPolicy/drumbeat',
      'PersistentVolumeClaim/drumbeat-data',
      'Service/drumbeat-metrics',
      'Service/drumbeat-release-page',
      'ServiceMonitor/drumbeat',
    ]);
    expect((await Promise.all(overlay.map(schemaErrors))).flat()).toEqual([]);
    expect(overlay.every((o) => o.metadata.namespace === 'drumbeat')).toBe(true);
  });

  it('adds the oauth2-proxy sidecar beside the unchanged bot, proxying /release to HEALTH_PORT', () => {
    const exampleBot = byKind(example, 'Deployment')[0]!.spec.template.spec.containers[0];
    expect(pod.containers.map((c: K8sObject) => c.name)).toEqual(['drumbeat', 'oauth2-proxy']);
    expect({ ...container('drumbeat'), image: '' }).toEqual({ ...exampleBot, image: '' });
    const proxy = container('oauth2-proxy');
    const healthPort = container('drumbeat').env.find((e: K8sObject) => e.name === 'HEALTH_PORT').value;
    expect(proxy.args).toContain(`--upstream=http://127.0.0.1:${healthPort}/release`);
    expect(proxy.args).toContain('--pass-user-headers=true');
    expect(proxy.envFrom).toEqual([{ secretRef: { name: 'drumbeat-oauth2-proxy' } }]);
    expect(proxy.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
    });
    expect(proxy.ports).toEqual([{ name: 'release-page', containerPort: 4180 }]);
  });

  it('exposes the proxy port through a Service and admits only Prometheus to the bot port', () => {
    const service = byKind(overlay, 'Service').find((s) => s.metadata.name === 'drumbeat-release-page')!;
    expect(service.spec.ports[0].targetPort).toBe('release-page');
    for (const [key, value] of Object.entries(service.spec.selector))
      expect(deployment.spec.template.metadata.labels[key]).toBe(value);
    const policy = byKind(overlay, 'NetworkPolicy')[0]!;
    for (const [key, value] of Object.entries(policy.spec.podSelector.matchLabels))
      expect(deployment.spec.template.metadata.labels[key]).toBe(value);
    const rules = policy.spec.ingress as K8sObject[];
    expect(rules.find((r) => r.ports[0].port === 'release-page')?.from).toBeUndefined();
    const health = rules.find((r) => r.ports[0].port === 'health')!;
    expect(health.from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
    ]);
  });

  it("configures the page for the proxy in the overlay's drumbeat.yaml", () => {
    const config = parse(byKind(overlay, 'ConfigMap')[0]!.data['drumbeat.yaml'] as string);
    const site = siteFrom(siteSchema.parse(config.site));
    expect(site.access).toBe('proxy');
    expect(site.url).toBe('https://drumbeat.example.org/release');
    const exampleConfig = parse(byKind(example, 'ConfigMap')[0]!.data['drumbeat.yaml'] as string);
    expect({ ...config, site: undefined }).toEqual({ ...exampleConfig, site: undefined });
  });
});
