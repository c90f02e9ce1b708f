import { afterEach, describe, expect, it } from 'vitest';
import { trackingStatusesOf } from '../../src/app/track-release.ts';
import { readKepsFromCheckout } from '../../src/github/local-checkout.ts';
import type { Store } from '../../src/ports/store.ts';
import type { FakeGithubFailure } from '../../src/sandbox/github/fake-github-server.ts';
import { fixtureRoot } from '../../src/sandbox/github/fixture-github.ts';
import { fixtureKnownSigs, type GithubHarness, githubHarness } from './github-harness.ts';

const harnesses: GithubHarness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

async function harness(...args: Parameters<typeof githubHarness>): Promise<GithubHarness> {
  const h = await githubHarness(...args);
  harnesses.push(h);
  return h;
}

/** Everything the sync stores, comparable across stores. */
function storedState(store: Store) {
  return {
    issues: store.githubSnapshots.listIssues('kubernetes/enhancements'),
    board: store.githubSnapshots.listBoardItems('kubernetes/264').map(({ itemId: _id, ...rest }) => rest),
    keps: store.keps.list().map(({ firstSeenAt: _f, updatedAt: _u, ...kep }) => kep),
  };
}

/** A release KEP of the fixture seed whose kep.yaml says `stage: beta`. */
function betaReleaseKep(h: GithubHarness): { number: number; path: string } {
  const kep = h.store.keps
    .list()
    .find((k) => k.stage === 'beta' && /\nstage: beta\n/.test(h.state.files.get(`${k.path}/kep.yaml`) ?? ''));
  if (!kep) throw new Error('no beta KEP in the release fixture');
  return { number: kep.number, path: `${kep.path}/kep.yaml` };
}

describe('first sync', () => {
  it('stores the release issues, the board and the KEPs, without events, in a handful of requests', async () => {
    const h = await harness({ options: { knownSigs: fixtureKnownSigs } });
    const summary = await h.sync();
    expect(summary).toMatchObject({ ok: true, error: null, events: [] });
    const release = [...h.state.issues.values()].filter((i) => i.labels.includes('lead-opted-in'));
    expect(release.length).toBeGreaterThan(10);
    expect(h.store.githubSnapshots.listIssues('kubernetes/enhancements').map((i) => i.number)).toEqual(
      release.map((i) => i.number).sort((a, b) => a - b),
    );
    expect(h.store.githubSnapshots.listBoardItems('kubernetes/264')).toHaveLength(
      h.state.board!.items.length,
    );
    expect(summary.keps.inserted).toBe(release.length);
    // probe, milestone lookup, milestone issues, labelled issues, board, tree, blobs
    expect(h.fake.requests.map((r) => r.operationName)).toEqual([
      'SyncProbe',
      'Milestones',
      'MilestoneIssues',
      'OptedInElsewhere',
      'BoardItems',
      'KepsTree',
      'Blobs',
    ]);
    expect(summary.requests).toBe(7);
    expect(summary.points).toBe(7);
    expect(h.store.githubSync.lastRun('ok')).toMatchObject({ requests: 7, outcome: 'ok' });
  });

  it('normalises kep.yaml and PRR files exactly as the local importer does', async () => {
    const h = await harness({ options: { knownSigs: fixtureKnownSigs } });
    await h.sync();
    const local = await readKepsFromCheckout(fixtureRoot, { knownSigs: fixtureKnownSigs });
    const synced = h.store.keps.list();
    expect(synced.length).toBeGreaterThan(10);
    for (const kep of synced) {
      const { firstSeenAt: _f, updatedAt: _u, ...fields } = kep;
      expect(fields).toEqual(local.keps.find((k) => k.path === kep.path));
    }
    expect(synced.some((k) => Object.keys(k.prrApprovals).length > 0)).toBe(true);
  });
});

describe('incremental sync', () => {
  it('with nothing changed costs three requests and records nothing', async () => {
    const h = await harness();
    await h.sync();
    h.fake.requests.length = 0;
    const second = await h.sync();
    expect(second).toMatchObject({
      ok: true,
      events: [],
      requests: 3,
      board: { skipped: true },
      files: { listed: false, fetched: 0 },
    });
    expect(h.fake.requests.map((r) => r.operationName)).toEqual([
      'SyncProbe',
      'MilestoneIssues',
      'OptedInElsewhere',
    ]);
    expect(second.keps).toEqual({ inserted: 0, changed: 0, unchanged: 0 });
  });

  it('asks only for issues updated since the last one it read', async () => {
    const h = await harness();
    await h.sync();
    const inMilestone = (i: { milestone: string | null }) => i.milestone === 'v1.35';
    const issues = [...h.state.issues.values()];
    const newest = (pick: (i: (typeof issues)[number]) => boolean) =>
      issues
        .filter(pick)
        .map((i) => i.updatedAt)
        .sort()
        .at(-1);
    const elsewhere = newest((i) => i.labels.includes('lead-opted-in') && !inMilestone(i));
    expect(elsewhere).toBeDefined();
    h.fake.requests.length = 0;
    await h.sync();
    const variables = (name: string) => h.fake.requests.find((r) => r.operationName === name)?.variables;
    expect(variables('MilestoneIssues')).toMatchObject({ since: newest(inMilestone) });
    // the labelled issues outside the milestone, by search: the milestone's are not read twice
    expect(variables('OptedInElsewhere')).toMatchObject({
      searchQuery: `repo:kubernetes/enhancements is:issue label:"lead-opted-in" -milestone:"v1.35" updated:>=${elsewhere} sort:updated-asc`,
    });
  });

  it('records a label added and an issue that newly opted in, and reads the new KEP’s files', async () => {
    const h = await harness();
    await h.sync();
    const [tracked] = h.store.githubSnapshots.listIssues('kubernetes/enhancements');
    h.clock.advance(3_600_000);
    h.state.updateIssue(tracked!.number, { labels: [...tracked!.labels, 'milestone-approved'] });
    const outsider = [...h.state.issues.values()].find(
      (i) => !i.labels.includes('lead-opted-in') && i.state === 'OPEN',
    )!;
    h.state.updateIssue(outsider.number, { labels: [...outsider.labels, 'lead-opted-in'] });
    const summary = await h.sync();
    expect(summary.events.map((e) => [e.kepNumber, e.message])).toEqual([
      [tracked!.number, 'label milestone-approved added'],
      [outsider.number, 'KEP issue joined the release'],
    ]);
    expect(summary.keps.inserted).toBe(1);
    expect(h.store.keps.findByNumber(outsider.number)).toHaveLength(1);
  });

  it('surfaces a board status change as an event', async () => {
    const h = await harness();
    await h.sync();
    const [item] = h.store.githubSnapshots.listBoardItems('kubernetes/264');
    h.clock.advance(60_000);
    h.state.setBoardField(item!.issueNumber!, 'Status', 'At Risk for Code Freeze');
    h.fake.requests.length = 0;
    const summary = await h.sync();
    expect(summary.events).toHaveLength(1);
    expect(summary.events[0]).toMatchObject({
      kind: 'board-field',
      kepNumber: item!.issueNumber,
      field: 'Status',
      before: 'Tracked for Enhancements Freeze',
      after: 'At Risk for Code Freeze',
      message: 'moved to At Risk for Code Freeze on the board',
    });
    expect(h.store.githubEvents.listByKep(item!.issueNumber!, 5)[0]?.message).toBe(
      'moved to At Risk for Code Freeze on the board',
    );
    expect(h.fake.requests.map((r) => r.operationName)).toEqual([
      'SyncProbe',
      'MilestoneIssues',
      'OptedInElsewhere',
      'BoardItems',
    ]);
  });

  it("makes the synced board's Status the KEP's tracking Status, and the next board change too", async () => {
    const h = await harness();
    const [item] = h.store.githubSnapshots.listBoardItems('kubernetes/264');
    expect(item).toBeUndefined();
    await h.sync();
    const number = h.store.githubSnapshots.listBoardItems('kubernetes/264')[0]!.issueNumber!;
    const keps = h.store.keps.findByNumber(number);
    const statusNow = () => trackingStatusesOf(h.store, 'v1.35', keps, h.clock.now()).get(keps[0]!.path);
    expect(statusNow()).toBe('Tracked For Enhancement Freeze');
    h.clock.advance(60_000);
    h.state.setBoardField(number, 'Status', 'At Risk for Code Freeze');
    await h.sync();
    expect(statusNow()).toBe('At Risk For Code Freeze');
    // The board taken out of the config: the next sync hands the Status back to the requirements.
    h.clock.advance(60_000);
    await h.sync({ board: null });
    expect(statusNow()).not.toBe('At Risk For Code Freeze');
  });

  it('records an item taken off the board', async () => {
    const h = await harness();
    await h.sync();
    const [item] = h.store.githubSnapshots.listBoardItems('kubernetes/264');
    h.clock.advance(60_000);
    h.state.removeBoardItem(item!.issueNumber!);
    const summary = await h.sync();
    expect(summary.events.map((e) => [e.kepNumber, e.message])).toEqual([
      [item!.issueNumber, 'removed from the board'],
    ]);
    expect(summary.board.removed).toBe(1);
  });

  it('re-reads an unchanged board once the rescan interval has passed', async () => {
    const h = await harness({ options: { boardRescanMs: 3_600_000 } });
    await h.sync();
    h.clock.advance(3_600_000);
    const summary = await h.sync();
    expect(summary.board).toMatchObject({ skipped: false, changed: 0 });
    expect(summary.events).toEqual([]);
  });

  it('fetches only the kep.yaml whose oid changed and records what changed in it', async () => {
    const h = await harness();
    await h.sync();
    const kep = betaReleaseKep(h);
    h.state.writeFile(kep.path, h.state.files.get(kep.path)!.replace('\nstage: beta\n', '\nstage: stable\n'));
    h.fake.requests.length = 0;
    const summary = await h.sync();
    const blobs = h.fake.requests.filter((r) => r.operationName === 'Blobs');
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.variables.ids).toHaveLength(1);
    expect(summary.events.map((e) => [e.kepNumber, e.message])).toEqual([
      [kep.number, 'kep.yaml changed: stage beta → stable'],
    ]);
    expect(summary.keps).toEqual({ inserted: 0, changed: 1, unchanged: 0 });
    expect(h.store.keps.getByPath(kep.path.replace('/kep.yaml', ''))?.stage).toBe('stable');
  });

  it('ignores changes to files of KEPs outside the release (one tree read, no blob)', async () => {
    const h = await harness();
    await h.sync();
    const released = new Set(h.store.keps.list().map((k) => `${k.path}/kep.yaml`));
    const other = [...h.state.files.keys()].find((p) => p.endsWith('/kep.yaml') && !released.has(p))!;
    h.state.writeFile(other, `${h.state.files.get(other)}\n# touched\n`);
    h.fake.requests.length = 0;
    const summary = await h.sync();
    expect(h.fake.requests.map((r) => r.operationName)).toEqual([
      'SyncProbe',
      'MilestoneIssues',
      'OptedInElsewhere',
      'KepsTree',
    ]);
    expect(summary.events).toEqual([]);
  });
});

describe('GitHub search answers 1,000 hits at most', () => {
  /** `count` issues opted in but outside the v1.35 milestone (older releases' KEPs), numbered from 90000. */
  function optInElsewhere(h: GithubHarness, count: number) {
    return Array.from({ length: count }, (_, i) =>
      h.state.addIssue({
        number: 90_000 + i,
        title: `Old KEP ${i}`,
        state: 'OPEN',
        milestone: 'v1.30',
        labels: ['lead-opted-in'],
      }),
    );
  }
  const stored = (h: GithubHarness) =>
    h.store.githubSnapshots.listIssues('kubernetes/enhancements').filter((i) => i.number >= 90_000);

  it('reads every opted-in issue outside the milestone when more than 1,000 match, each once', async () => {
    const h = await harness();
    optInElsewhere(h, 2_350);
    const summary = await h.sync();
    expect(summary.warnings.filter((w) => w.includes('1000'))).toEqual([]);
    expect(stored(h).map((i) => i.number)).toEqual(Array.from({ length: 2_350 }, (_, i) => 90_000 + i));
    const searches = h.fake.requests.filter((r) => r.operationName === 'OptedInElsewhere');
    // 1,000 + 1,000 + the rest, 100 a page, each pass going on from the last hit's update time
    expect(searches).toHaveLength(10 + 10 + 4);
    const bounds = new Set(
      searches.map((r) => String(r.variables.searchQuery).match(/updated:>=(\S+)/)?.[1]),
    );
    expect(bounds.size).toBe(3);
  });

  it('says so when more than 1,000 issues share one update time (no bound can reach past them)', async () => {
    const h = await harness();
    const same = '2025-09-01T00:00:00Z';
    for (const issue of optInElsewhere(h, 1_100)) issue.updatedAt = same;
    const summary = await h.sync();
    expect(stored(h)).toHaveLength(1_000);
    expect(
      summary.warnings.some((w) => w.includes('more than 1000 issues were updated at 2025-09-01T00:00:00Z')),
    ).toBe(true);
  });
});

describe('failures: the sync resumes or reports, and never corrupts the store', () => {
  let reference: ReturnType<typeof storedState> | null = null;
  async function cleanReference() {
    if (reference) return reference;
    const clean = await harness();
    await clean.sync();
    reference = storedState(clean.store);
    return reference;
  }

  const transient: [FakeGithubFailure, string][] = [
    ['502', 'BoardItems'],
    ['secondary', 'MilestoneIssues'],
    ['malformed', 'Blobs'],
    ['rate-limited', 'KepsTree'],
  ];
  it.each(transient)(
    'a passing %s (on %s) is waited out and retried, or reported and resumed; the store ends as a clean sync leaves it',
    async (failure, operation) => {
      const h = await harness();
      h.fake.failNext(failure, 1, operation);
      // RATE_LIMITED empties the budget until the reset (an hour here): allow waiting that long
      const summary = await h.sync();
      if (failure === 'rate-limited') {
        expect(summary.ok).toBe(false);
        expect(summary.error).toMatch(/rate limit/);
        h.clock.advance(3_600_000);
        expect((await h.sync()).ok).toBe(true);
      } else {
        expect(summary).toMatchObject({ ok: true, retries: 1 });
      }
      expect(h.fake.requests.some((r) => r.failure === failure)).toBe(true);
      expect(storedState(h.store)).toEqual(await cleanReference());
    },
  );

  it.each(['MilestoneIssues', 'OptedInElsewhere', 'BoardItems', 'KepsTree', 'Blobs'])(
    'a GitHub outage during %s stops the sync with a report; the next sync resumes and ends where a clean one does',
    async (operation) => {
      const h = await harness({ client: { retries: 1 } });
      h.fake.failNext('502', 2, operation);
      const failed = await h.sync();
      expect(failed.ok).toBe(false);
      expect(failed.error).toMatch(/GitHub kept failing for .*HTTP 502/);
      expect(h.store.githubSync.lastRun()).toMatchObject({ outcome: 'failed', error: failed.error });
      const resumed = await h.sync();
      expect(resumed.ok).toBe(true);
      expect(resumed.events).toEqual([]);
      expect(storedState(h.store)).toEqual(await cleanReference());
    },
  );

  it('a malformed answer that persists is reported and nothing from it is stored', async () => {
    const h = await harness({ client: { retries: 1 } });
    h.fake.failNext('malformed', 2, 'BoardItems');
    const failed = await h.sync();
    expect(failed).toMatchObject({
      ok: false,
      error: expect.stringMatching(/did not have the expected shape/),
    });
    expect(h.store.githubSnapshots.listBoardItems('kubernetes/264')).toEqual([]);
    expect(h.store.githubSnapshots.listIssues('kubernetes/enhancements').length).toBeGreaterThan(0);
  });

  it('a store reopened after a failed sync holds only whole pages', async () => {
    const h = await harness({ client: { retries: 0 } });
    h.fake.failNext('502', 1, 'Blobs');
    await h.sync();
    const reopened = h.reopen();
    expect(storedState(reopened).issues).toEqual(storedState(h.store).issues);
    expect(reopened.keps.list()).toEqual([]);
  });
});
