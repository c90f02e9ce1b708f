/**
 * Renders a kustomization the way `kustomize build` does, for the fields the manifests use:
 * `resources` (files and directories), `namespace`, `labels` (with `includeSelectors`), `images`,
 * `configMapGenerator` (files and literals, with kustomize's content-hash name suffix, and every
 * reference to the ConfigMap renamed) and `patches` given by `path` (strategic merge patches found by
 * kind and name: maps merge, lists of named objects such as containers, volumes, env and ports merge
 * by name, other lists are replaced). Any other field is refused rather than ignored, so a
 * manifest can never rely on something this renderer does not do. No kustomize is published on
 * the npm registry; the YAML is read with the `yaml` package.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

// biome-ignore lint/suspicious/noExplicitAny: rendered objects are free-form Kubernetes YAML
export type K8sObject = Record<string, any>;

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  namespace?: string;
  labels?: Array<{ pairs: Record<string, string>; includeSelectors?: boolean }>;
  images?: Array<{ name: string; newName?: string; newTag?: string; digest?: string }>;
  configMapGenerator?: Array<{ name: string; files?: string[]; literals?: string[] }>;
  patches?: Array<{ path: string }>;
}

const supported = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'labels',
  'images',
  'configMapGenerator',
  'patches',
]);

/** The objects `kustomize build dir` prints, in order. */
export function kustomizeBuild(dir: string): K8sObject[] {
  const kustomization = readKustomization(dir);
  let objects = (kustomization.resources ?? []).flatMap((entry) => readResource(dir, entry));
  for (const patch of kustomization.patches ?? []) objects = applyPatch(dir, objects, patch);
  for (const set of kustomization.labels ?? []) objects = objects.map((o) => addLabels(o, set));
  const generated = (kustomization.configMapGenerator ?? []).map((g) => generateConfigMap(dir, g));
  objects = renameConfigMaps(objects, generated);
  objects.push(...generated.map((g) => g.object));
  if (kustomization.namespace) objects = objects.map((o) => withNamespace(o, kustomization.namespace!));
  for (const image of kustomization.images ?? []) objects = objects.map((o) => setImage(o, image));
  return objects;
}

function readKustomization(dir: string): Kustomization {
  const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']
    .map((name) => join(dir, name))
    .find((path) => existsSync(path));
  if (!file) throw new Error(`${dir}: no kustomization.yaml`);
  const parsed = parse(readFileSync(file, 'utf8')) as Kustomization;
  const unknown = Object.keys(parsed).filter((key) => !supported.has(key));
  if (unknown.length > 0) throw new Error(`${file}: this renderer does not support ${unknown.join(', ')}`);
  return parsed;
}

/** A strategic merge patch from a file, onto the one object of its kind and name. */
function applyPatch(dir: string, objects: K8sObject[], patch: { path?: string }): K8sObject[] {
  if (typeof patch.path !== 'string' || Object.keys(patch).length !== 1)
    throw new Error(`${dir}: this renderer supports patches given by path only`);
  const body = parse(readFileSync(join(dir, patch.path), 'utf8')) as K8sObject;
  const target = (o: K8sObject) => o.kind === body.kind && o.metadata?.name === body.metadata?.name;
  if (objects.filter(target).length !== 1)
    throw new Error(`${patch.path}: no single ${body.kind}/${body.metadata?.name} to patch`);
  return objects.map((o) => (target(o) ? (mergePatch(o, body) as K8sObject) : o));
}

const named = (list: unknown[]) =>
  list.every(
    (item) => typeof item === 'object' && item !== null && typeof (item as K8sObject).name === 'string',
  );

function mergePatch(into: unknown, patch: unknown): unknown {
  if (Array.isArray(into) && Array.isArray(patch) && named(into) && named(patch)) {
    const out = into.map((item) => {
      const same = patch.find((p: K8sObject) => p.name === (item as K8sObject).name);
      return same ? mergePatch(item, same) : structuredClone(item);
    });
    for (const p of patch) if (!into.some((i: K8sObject) => i.name === p.name)) out.push(structuredClone(p));
    return out;
  }
  if (isMap(into) && isMap(patch)) {
    const out: K8sObject = structuredClone(into);
    for (const [key, value] of Object.entries(patch))
      out[key] = key in out ? mergePatch(out[key], value) : value;
    return out;
  }
  return structuredClone(patch);
}

const isMap = (v: unknown): v is K8sObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function readResource(dir: string, entry: string): K8sObject[] {
  const path = join(dir, entry);
  if (statSync(path).isDirectory()) return kustomizeBuild(path);
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]!.message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

/** Labels on every object; with includeSelectors also on selectors and pod templates. */
function addLabels(object: K8sObject, set: { pairs: Record<string, string>; includeSelectors?: boolean }) {
  const copy = structuredClone(object);
  copy.metadata = { ...copy.metadata, labels: { ...copy.metadata?.labels, ...set.pairs } };
  if (!set.includeSelectors) return copy;
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(copy.kind)) {
    copy.spec.selector = { ...copy.spec.selector };
    copy.spec.selector.matchLabels = { ...copy.spec.selector.matchLabels, ...set.pairs };
    copy.spec.template.metadata = { ...copy.spec.template.metadata };
    copy.spec.template.metadata.labels = { ...copy.spec.template.metadata.labels, ...set.pairs };
  }
  if (copy.kind === 'Service') copy.spec.selector = { ...copy.spec.selector, ...set.pairs };
  return copy;
}

interface Generated {
  name: string;
  object: K8sObject;
}

function generateConfigMap(dir: string, generator: { name: string; files?: string[]; literals?: string[] }) {
  const data: Record<string, string> = {};
  for (const file of generator.files ?? []) data[basename(file)] = readFileSync(join(dir, file), 'utf8');
  for (const literal of generator.literals ?? []) {
    const at = literal.indexOf('=');
    data[literal.slice(0, at)] = literal.slice(at + 1);
  }
  const name = `${generator.name}-${configMapHash(generator.name, data)}`;
  return {
    name: generator.name,
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data },
  } satisfies Generated;
}

/**
 * kustomize's name suffix: SHA-256 of the ConfigMap's Go JSON encoding (`data`, `kind`, `name`,
 * keys sorted, HTML-escaped), its first ten hex digits with 0, 1, 3, a and e replaced so the
 * suffix cannot spell words.
 */
export function configMapHash(name: string, data: Record<string, string>): string {
  const sorted = Object.keys(data)
    .sort()
    .map((key) => `${goString(key)}:${goString(data[key]!)}`);
  const encoded = `{"data":{${sorted.join(',')}},"kind":"ConfigMap","name":${goString(name)}}`;
  const hex = createHash('sha256').update(encoded).digest('hex').slice(0, 10);
  const swaps: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex].map((c) => swaps[c] ?? c).join('');
}

/** A string as Go's encoding/json writes it (HTML-safe escapes, \u00XX for other controls). */
function goString(text: string): string {
  const short: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (short[ch]) out += short[ch];
    else if (code < 0x20 || ch === '<' || ch === '>' || ch === '&' || code === 0x2028 || code === 0x2029)
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Points every reference to a generated ConfigMap (volumes, envFrom, env) at its hashed name. */
function renameConfigMaps(objects: K8sObject[], generated: Generated[]): K8sObject[] {
  const names = new Map(generated.map((g) => [g.name, g.object.metadata.name as string]));
  const rename = (ref: { name?: string } | undefined) => {
    if (ref?.name && names.has(ref.name)) ref.name = names.get(ref.name);
  };
  return objects.map((object) => {
    const copy = structuredClone(object);
    const pod = copy.spec?.template?.spec;
    if (!pod) return copy;
    for (const volume of pod.volumes ?? []) rename(volume.configMap);
    for (const container of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
      for (const from of container.envFrom ?? []) rename(from.configMapRef);
      for (const env of container.env ?? []) rename(env.valueFrom?.configMapKeyRef);
    }
    return copy;
  });
}

function withNamespace(object: K8sObject, namespace: string): K8sObject {
  return { ...object, metadata: { ...object.metadata, namespace } };
}

/** `images:` — a container image named `name` (any tag) gets the new name, tag or digest. */
function setImage(
  object: K8sObject,
  image: { name: string; newName?: string; newTag?: string; digest?: string },
) {
  const copy = structuredClone(object);
  const pod = copy.spec?.template?.spec;
  for (const container of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) {
    const [, name = '', tag] = /^([^@:]+(?::\d+\/[^@:]+)?)(?::([^@]+))?/.exec(container.image) ?? [];
    if (name !== image.name) continue;
    const base = image.newName ?? name;
    if (image.digest) container.image = `${base}@${image.digest}`;
    else container.image = image.newTag ? `${base}:${image.newTag}` : tag ? `${base}:${tag}` : base;
  }
  return copy;
}
