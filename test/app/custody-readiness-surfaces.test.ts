import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest, digestPass } from '../../src/app/build-digest.ts';
import { buildHome } from '../../src/app/build-home.ts';
import { custodyReposCursor } from '../../src/app/stored-custody.ts';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import type { PullRequestFacts } from '../../src/domain/custody.ts';
import type { TempStore } from '../db/temp-db.ts';
import { digestSigOf, everyone, exampleRelease, freezeAlert, sigDigest } from './release-rig.ts';

// Once the chain of custody has been read, the Code Freeze alert, the digests' next deadlines and
// App Home judge "Code PRs merge-ready" from the pull requests linked to each KEP issue, for as long
// as the reading is recent (a day); before that, and once it is stale, the requirement is unverified.
const release = 'v1.35';
const repos = { enhancementsRepo: 'kubernetes/enhancements', codeRepo: 'kubernetes/kubernetes' };

let t: TempStore;
let config: ResolvedConfig;
let now: Date;

const codeFreeze = () => t.store.milestones.listByRelease(release).find((m) => m.kind === 'code-freeze')!;

beforeAll(async () => {
  ({ t, config } = await exampleRelease(new Date('2025-10-01T12:00:00Z')));
  now = new Date(Date.parse(codeFreeze().startsAt) - 2 * 86_400_000);
});
afterAll(() => t.cleanup());

function pull(number: number, change: Partial<PullRequestFacts>): PullRequestFacts {
  const url = `https://github.com/kubernetes/kubernetes/pull/${number}`;
  const base = { repo: repos.codeRepo, number, title: `Change ${number}`, url, body: '' };
  return { ...base, state: 'OPEN', mergedAt: null, labels: [], milestone: release, ...change };
}

function read(kep: number, pulls: PullRequestFacts[], at: Date): void {
  const links = pulls.map((p) => ({ pull: p, via: 'timeline' as const }));
  t.store.custody.saveIssue(repos.enhancementsRepo, { number: kep, found: true, links }, at);
  t.store.custody.markChecked(repos.enhancementsRepo, [kep], at.toISOString());
  t.store.githubSync.setCursor(custodyReposCursor, JSON.stringify(repos), at);
}

async function alertNotReady(at: Date): Promise<Map<number, string[]>> {
  const model = await freezeAlert(t.store, release, at, 'code-freeze');
  return new Map(model.notReady.map((n) => [n.kep.number, n.reasons]));
}

function digestNotReady(at: Date): number[] {
  const out: number[] = [];
  for (const sig of config.sigs) {
    const row = sigDigest(t.store, config, sig.dir, release, at).deadlines.find(
      (d) => d.kind === 'code-freeze',
    );
    out.push(...(row?.notReady ?? []).map((n) => n.kep.number));
  }
  return out.sort((a, b) => a - b);
}

function homeNotReady(at: Date): number | null | undefined {
  const home = buildHome(t.store, { user: everyone.slack, release, now: at });
  return home.deadlines.find((d) => d.name === codeFreeze().name)?.notReady;
}

describe('Code Freeze readiness from the stored chain of custody', () => {
  it('lists a KEP whose linked code PR is not merge-ready on every surface, while the reading is recent', async () => {
    const before = await alertNotReady(now);
    const members = t.store.keps.list().filter((k) => k.latestMilestone === release && !before.has(k.number));
    const [held, merged] = members;
    read(held!.number, [pull(990_001, { labels: ['approved', 'do-not-merge/hold'] })], now);
    read(merged!.number, [pull(990_002, { state: 'MERGED', mergedAt: now.toISOString() })], now);

    const after = await alertNotReady(now);
    expect(after.size).toBe(before.size + 1);
    expect(after.get(held!.number)?.join(' ')).toContain('#990001');
    expect(after.has(merged!.number)).toBe(false);
    expect(digestNotReady(now)).toEqual([...after.keys()].sort((a, b) => a - b));
    expect(homeNotReady(now)).toBe(after.size);

    // a day later, with no newer reading, the PRs are no longer taken as known
    const later = new Date(now.getTime() + 25 * 3_600_000);
    expect([...(await alertNotReady(later)).keys()]).toEqual([...before.keys()]);
  });

  it('is read once per digest pass and once per App Home, for the tracking Status and readiness alike', () => {
    let reads = 0;
    const custody = {
      ...t.store.custody,
      linksCheckedSince: (...args: Parameters<typeof t.store.custody.linksCheckedSince>) => {
        reads += 1;
        return t.store.custody.linksCheckedSince(...args);
      },
    };
    const store = { ...t.store, custody };
    const pass = digestPass(store, release, now);
    for (const sig of config.sigs) {
      const { deadlines } = buildDigest(
        store,
        { settings: { release, codingPeriod: null }, sig: digestSigOf(config, sig.dir), now, channel: null },
        pass,
      );
      expect(deadlines.length).toBeGreaterThan(0);
    }
    expect(config.sigs.length).toBeGreaterThan(1);
    expect(reads).toBe(1);
    reads = 0;
    buildHome(store, { user: everyone.slack, release, now });
    expect(reads).toBe(1);
  });
});
