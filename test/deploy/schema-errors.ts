/**
 * Validates rendered Kubernetes objects against the schemas of a current Kubernetes release
 * (kubernetes-models: validators generated with ajv from the Kubernetes OpenAPI spec; the Prometheus
 * Operator and External Secrets CRDs likewise).
 */
import type { K8sObject } from './kustomize.ts';

/** The package that models each API group. */
const modelPackages: Record<string, string> = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
  'external-secrets.io/v1': '@kubernetes-models/external-secrets/external-secrets.io/v1',
};

/** Schema errors of one object, as `Kind/name: /path message` lines. */
export async function schemaErrors(object: K8sObject): Promise<string[]> {
  const where = `${object.kind}/${object.metadata?.name}`;
  const pkg = modelPackages[object.apiVersion];
  if (!pkg) return [`${where}: no schema for apiVersion ${object.apiVersion}`];
  const models = (await import(`${pkg}/${object.kind}`)) as Record<
    string,
    new (
      data: unknown,
    ) => { validate(): void }
  >;
  const Model = models[object.kind];
  if (!Model) return [`${where}: no schema for kind ${object.kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    const details = (error as { errors?: Array<{ instancePath: string; message?: string }> }).errors ?? [];
    return details.length > 0
      ? details.map((d) => `${where}: ${d.instancePath} ${d.message}`)
      : [`${where}: ${String(error)}`];
  }
}
