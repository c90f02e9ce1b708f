import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeKep } from '../../domain/kep.ts';
import { kepDirNumber, kepDirOf } from '../../domain/kep-files.ts';
import { isInRelease } from '../../domain/release-membership.ts';
import { parseKepYaml } from '../../github/local-checkout.ts';
import type { FakeBoardItem, FakeGithubSeed, FakeIssue } from './fake-github-state.ts';

/**
 * Seeds for the fake GitHub: the Kubernetes fixture KEPs (`test/fixtures/k8s`) as issues, a release
 * milestone, labels, a release tracking board and the files at HEAD; or a synthetic release of any size.
 */

export const fixtureRoot = fileURLToPath(new URL('../../../test/fixtures/k8s/', import.meta.url));

export interface FixtureSeedOptions {
  /** The release milestone, `v1.35` (the example config's). */
  release?: string;
  /** updatedAt of the first issue; each next one is a minute later. */
  since?: string;
  root?: string;
  owner?: string;
  name?: string;
  board?: { org: string; number: number };
}

function readFiles(root: string, dir: string, files: Map<string, string>): void {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) readFiles(root, path, files);
    else if (entry.isFile()) files.set(path, readFileSync(join(root, path), 'utf8'));
  }
}

function minutesAfter(start: string, minutes: number): string {
  return new Date(Date.parse(start) + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function boardFields(sig: string | null, stage: string | null, status: string): Record<string, string> {
  return {
    Status: status,
    ...(stage ? { Stage: capitalise(stage) } : {}),
    ...(sig ? { SIG: sig.replace(/^sig-/, 'SIG ') } : {}),
    'PRR Status': 'Approved',
  };
}

/** The fixture KEPs as a fake enhancements repository and release board. */
export function fixtureGithubSeed(options: FixtureSeedOptions = {}): FakeGithubSeed {
  const release = options.release ?? 'v1.35';
  const since = options.since ?? '2025-09-15T00:00:00Z';
  const root = options.root ?? fixtureRoot;
  const files = new Map<string, string>();
  readFiles(root, 'keps', files);
  const issues: Omit<FakeIssue, 'id'>[] = [];
  const items: Omit<FakeBoardItem, 'id'>[] = [];
  const seen = new Set<number>();
  let inRelease = 0;
  for (const path of [...files.keys()].sort()) {
    const dir = kepDirOf(path);
    const number = dir ? kepDirNumber(dir) : null;
    if (!dir || !number || seen.has(number)) continue;
    seen.add(number);
    const kep = normalizeKep({ path: dir, raw: parseKepYaml(files.get(path)!).raw });
    const sigLabel = kep.owningSig ? [`sig/${kep.owningSig.replace(/^sig-/, '')}`] : [];
    const stageLabel = kep.stage ? [`stage/${kep.stage}`] : [];
    const released = isInRelease(kep, release);
    const updatedAt = minutesAfter(since, issues.length);
    if (released) inRelease++;
    issues.push({
      number,
      title: kep.title,
      state: kep.status === 'implemented' && !released ? 'CLOSED' : 'OPEN',
      // The first three opted-in KEPs have no milestone yet: only the label finds them.
      milestone: released && inRelease > 3 ? release : null,
      labels: [...sigLabel, ...stageLabel, ...(released ? ['lead-opted-in', 'tracked/yes'] : [])].sort(),
      updatedAt,
    });
    if (released)
      items.push({
        issueNumber: number,
        fields: boardFields(kep.owningSig, kep.stage, 'Tracked for Enhancements Freeze'),
        archived: false,
        updatedAt,
      });
  }
  return {
    owner: options.owner ?? 'kubernetes',
    name: options.name ?? 'enhancements',
    milestones: ['v1.33', 'v1.34', release, 'v1.36', 'v1.37'].filter((m, i, all) => all.indexOf(m) === i),
    labels: ['lead-opted-in', 'milestone-approved', 'tracked/yes', 'tracked/no'],
    issues,
    board: { ...(options.board ?? { org: 'kubernetes', number: 264 }), items },
    files,
  };
}

const syntheticSigs = [
  'sig-node',
  'sig-storage',
  'sig-network',
  'sig-apps',
  'sig-auth',
  'sig-scheduling',
  'sig-cli',
  'sig-api-machinery',
];

function syntheticKepYaml(number: number, sig: string, release: string): string {
  return [
    `title: Synthetic enhancement ${number}`,
    `kep-number: ${number}`,
    'authors: ["@someone"]',
    `owning-sig: ${sig}`,
    'status: implementable',
    'creation-date: 2025-01-01',
    'approvers: ["@approver"]',
    'stage: beta',
    `latest-milestone: "${release}"`,
    'milestone:',
    '  alpha: "v1.30"',
    `  beta: "${release}"`,
    '',
  ].join('\n');
}

/** A synthetic release: `count` KEPs (issues in the milestone, board items, kep.yaml and PRR files). */
export function syntheticGithubSeed(
  count: number,
  release = 'v1.37',
  since = '2026-01-05T00:00:00Z',
): FakeGithubSeed {
  const files = new Map<string, string>();
  const issues: Omit<FakeIssue, 'id'>[] = [];
  const items: Omit<FakeBoardItem, 'id'>[] = [];
  for (let i = 0; i < count; i++) {
    const number = 10_000 + i;
    const sig = syntheticSigs[i % syntheticSigs.length]!;
    files.set(`keps/${sig}/${number}-synthetic-${number}/kep.yaml`, syntheticKepYaml(number, sig, release));
    files.set(
      `keps/prod-readiness/${sig}/${number}.yaml`,
      `kep-number: ${number}\nbeta:\n  approver: "@prr"\n`,
    );
    const updatedAt = new Date(Date.parse(since) + i * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    issues.push({
      number,
      title: `Synthetic enhancement ${number}`,
      state: 'OPEN',
      milestone: release,
      labels: ['lead-opted-in', `sig/${sig.slice(4)}`, 'stage/beta'],
      updatedAt,
    });
    items.push({
      issueNumber: number,
      fields: boardFields(sig, 'beta', 'Tracked for Enhancements Freeze'),
      archived: false,
      updatedAt,
    });
  }
  return {
    owner: 'kubernetes',
    name: 'enhancements',
    milestones: [release],
    labels: ['lead-opted-in', 'milestone-approved'],
    issues,
    board: { org: 'kubernetes', number: 264, items },
    files,
  };
}
