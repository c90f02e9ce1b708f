/**
 * The kustomize base and the example overlay, rendered, and every object validated against the
 * schemas of a current Kubernetes release (kubernetes-models: validators generated with ajv from
 * the Kubernetes OpenAPI spec; the Prometheus Operator and External Secrets CRDs likewise).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../src/config/env.ts';
import { configMapHash, type K8sObject, kustomizeBuild } from './kustomize.ts';
import { schemaErrors } from './schema-errors.ts';

const manifests = fileURLToPath(new URL('../../manifests/kubernetes/', import.meta.url));
const base = kustomizeBuild(`${manifests}base`);
const example = kustomizeBuild(`${manifests}overlays/example`);

const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const deployment = byKind(example, 'Deployment')[0]!;
const pod = deployment.spec.template.spec;
const drumbeat = pod.containers.find((c: K8sObject) => c.name === 'drumbeat');
const allContainers: K8sObject[] = [...pod.containers, ...pod.initContainers];

describe('the kustomize renderer', () => {
  it("names generated ConfigMaps with kustomize's own hash (kustomize's test vectors)", () => {
    expect(configMapHash('', {})).toBe('42745tchd9');
    expect(configMapHash('', { one: '' })).toBe('9g67k2htb6');
    expect(configMapHash('', { two: '2', one: '', three: '3' })).toBe('f5h7t85m9b');
  });
});

describe('manifests/kubernetes', () => {
  it('renders every object of the base and the example overlay valid against the Kubernetes schemas', async () => {
    expect(example.map((o) => o.kind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'ExternalSecret',
      'PersistentVolumeClaim',
      'Service',
      'ServiceMonitor',
    ]);
    const errors = (await Promise.all([...base, ...example].map(schemaErrors))).flat();
    expect(errors).toEqual([]);
  });

  it('the schema check catches a wrong manifest', async () => {
    const broken = structuredClone(deployment);
    broken.spec.replicas = 'one';
    broken.spec.template.spec.containers[0].ports[0].containerPort = '8080';
    const errors = await schemaErrors(broken);
    expect(errors).toContain('Deployment/drumbeat: /spec/replicas must be integer');
    expect(errors.some((e) => e.includes('/containerPort'))).toBe(true);
  });

  it('runs one replica, recreated, with its config from the generated ConfigMap and the database on a claim', () => {
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    const configMap = byKind(example, 'ConfigMap')[0]!;
    expect(configMap.metadata.name).toMatch(/^drumbeat-config-[a-z0-9]{10}$/);
    expect(Object.keys(configMap.data)).toEqual(['drumbeat.yaml']);
    const volumes = new Map<string, K8sObject>(pod.volumes.map((v: K8sObject) => [v.name, v]));
    expect(volumes.get('config')!.configMap.name).toBe(configMap.metadata.name);
    expect(volumes.get('data')!.persistentVolumeClaim.claimName).toBe(
      byKind(example, 'PersistentVolumeClaim')[0]!.metadata.name,
    );
    expect(example.every((o) => o.metadata.namespace === 'drumbeat')).toBe(true);
    expect(drumbeat.image).toBe('ghcr.io/example/drumbeat:0.1.0');
  });

  it('takes the tokens from an existing Secret, which the ExternalSecret example fills', () => {
    expect(byKind(example, 'Secret')).toEqual([]);
    expect(drumbeat.envFrom).toEqual([{ secretRef: { name: 'drumbeat-slack' } }]);
    const external = byKind(example, 'ExternalSecret')[0]!;
    expect(external.spec.target.name).toBe('drumbeat-slack');
    expect(external.spec.data.map((d: K8sObject) => d.secretKey).sort()).toEqual([
      'SLACK_APP_TOKEN',
      'SLACK_BOT_TOKEN',
    ]);
    const known = new Set(Object.keys(envSchema.shape));
    for (const { name } of drumbeat.env) expect(known, name).toContain(name);
  });

  it('meets Pod Security "restricted", with a read-only root and /tmp on an emptyDir', () => {
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    for (const container of allContainers) {
      expect(container.securityContext, container.name).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      const tmp = container.volumeMounts.find((m: K8sObject) => m.mountPath === '/tmp');
      expect(
        pod.volumes.find((v: K8sObject) => v.name === tmp?.name)?.emptyDir,
        container.name,
      ).toBeDefined();
    }
  });

  it('probes liveness on the process and database, readiness on the Slack connection', () => {
    expect(drumbeat.livenessProbe.httpGet).toEqual({ path: '/livez', port: 'health' });
    expect(drumbeat.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'health' });
    expect(drumbeat.resources.requests.memory).toBe('256Mi');
    expect(drumbeat.resources.limits.memory).toBe('512Mi');
  });

  it('serves /metrics through a Service the ServiceMonitor selects', () => {
    const service = byKind(example, 'Service')[0]!;
    const monitor = byKind(example, 'ServiceMonitor')[0]!;
    expect(service.spec.selector).toEqual(deployment.spec.template.metadata.labels);
    for (const [key, value] of Object.entries(monitor.spec.selector.matchLabels))
      expect(service.metadata.labels[key]).toBe(value);
    expect(monitor.spec.endpoints[0].port).toBe(service.spec.ports[0].name);
    expect(service.spec.ports[0].targetPort).toBe('health');
  });

  it('keeps enhancements, community and sig-release fresh with git-sync sidecars on a shared volume', () => {
    const sidecars = pod.initContainers.filter((c: K8sObject) => c.image.includes('git-sync'));
    expect(sidecars.map((c: K8sObject) => c.args.find((a: string) => a.startsWith('--repo=')))).toEqual([
      '--repo=https://github.com/kubernetes/enhancements',
      '--repo=https://github.com/kubernetes/community',
      '--repo=https://github.com/kubernetes/sig-release',
    ]);
    for (const sidecar of sidecars) expect(sidecar.restartPolicy).toBe('Always');
    expect(drumbeat.volumeMounts).toContainEqual({ name: 'repos', mountPath: '/repos', readOnly: true });
    const config = byKind(example, 'ConfigMap')[0]!.data['drumbeat.yaml'] as string;
    expect(config).toContain('localCheckout: /repos/enhancements');
    expect(config).toContain('import: /repos/community/sigs.yaml');
  });
});
