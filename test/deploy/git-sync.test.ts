/**
 * The git-sync sidecars of the base Deployment and the example overlay's config: every file the
 * bot reloads (KEPs, sigs.yaml, users.yaml, the release README) comes from one of their links.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load-config.ts';
import { type K8sObject, kustomizeBuild } from './kustomize.ts';

const manifests = fileURLToPath(new URL('../../manifests/kubernetes/', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/k8s/', import.meta.url));
const example = kustomizeBuild(`${manifests}overlays/example`);
const pod = example.find((o) => o.kind === 'Deployment')!.spec.template.spec;
const drumbeat = pod.containers.find((c: K8sObject) => c.name === 'drumbeat');
const sidecars: K8sObject[] = pod.initContainers.filter((c: K8sObject) => c.image.includes('git-sync'));
const arg = (c: K8sObject, name: string) =>
  (c.args as string[]).find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** Where each file of the git-sync links is in the fixture copy of the same repositories. */
const fixtureOf: Record<string, string> = {
  '/repos/enhancements': fixtures,
  '/repos/community/sigs.yaml': `${fixtures}sigs.yaml`,
  '/repos/community/communication/slack-config/users.yaml': `${fixtures}process/slack-users.yaml`,
  '/repos/sig-release/releases/release-1.35/README.md': `${fixtures}schedules/release-1.35/README.md`,
};

describe('git-sync sidecars', () => {
  it('sync enhancements, community and sig-release with one pinned git-sync v4 image', () => {
    expect(sidecars.map((c) => arg(c, 'link'))).toEqual(['enhancements', 'community', 'sig-release']);
    for (const sidecar of sidecars) {
      expect(sidecar.image).toMatch(/^registry\.k8s\.io\/git-sync\/git-sync:v4\.\d+\.\d+$/);
      expect(sidecar.image).toBe(sidecars[0]!.image);
      expect(sidecar.restartPolicy).toBe('Always');
    }
  });

  it('write into one shared emptyDir that the bot mounts read-only', () => {
    const repos = pod.volumes.find((v: K8sObject) => v.name === 'repos');
    expect(repos.emptyDir).toBeDefined();
    for (const sidecar of sidecars) {
      expect(arg(sidecar, 'root')).toBe('/repos');
      expect(sidecar.volumeMounts).toContainEqual({ name: 'repos', mountPath: '/repos' });
    }
    expect(drumbeat.volumeMounts).toContainEqual({ name: 'repos', mountPath: '/repos', readOnly: true });
  });

  it('run as restricted as the bot container', () => {
    for (const sidecar of sidecars)
      expect(sidecar.securityContext, sidecar.name).toEqual(drumbeat.securityContext);
    expect(drumbeat.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
  });

  it("give the overlay's config every file it reads, under a sidecar's link", () => {
    const text = example.find((o) => o.kind === 'ConfigMap')!.data['drumbeat.yaml'] as string;
    const read: string[] = [];
    const mapped = (path: string) => {
      const prefix = Object.keys(fixtureOf).find((p) => path === p || path.startsWith(`${p}/`));
      if (!prefix) throw new Error(`not under a git-sync link: ${path}`);
      read.push(prefix);
      return fixtureOf[prefix]! + path.slice(prefix.length).replace(/^\//, '');
    };
    const loaded = parseConfigText(text, '/config/drumbeat.yaml', {
      files: {
        readFile: (path) => readFileSync(mapped(path), 'utf8'),
        fileSize: (path) => statSync(mapped(path)).size,
        isDirectory: (path) => statSync(mapped(path)).isDirectory(),
      },
    });
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
    expect(new Set(read)).toEqual(new Set(Object.keys(fixtureOf)));
    const links = sidecars.map((c) => `/repos/${arg(c, 'link')}`);
    for (const path of Object.keys(fixtureOf)) expect(links.some((l) => path.startsWith(l))).toBe(true);
  });
});
