/**
 * The release page's reads stay small as history grows: the burn-up from one aggregated read of
 * states per day (the same curve as from every update), and a large blocker graph drawn in part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/db/create-store.ts';
import { stateKeys } from '../../src/domain/digest.ts';
import { drawnGraph } from '../../src/site/dependency-graph.ts';
import { buildReleaseModel } from '../../src/site/release-model.ts';
import { burnup } from '../../src/site/release-timeline.ts';
import { renderSitePage, servedLinks } from '../../src/site/site.ts';
import type { DependencyGraphModel, GraphEdge } from '../../src/site/site-types.ts';
import { siteModelSettingsFrom } from '../../src/wiring/site.ts';
import { type ExampleRelease, exampleNow, exampleRelease } from './example-release.ts';

let ex: ExampleRelease;
beforeAll(async () => {
  ex = await exampleRelease();
}, 60_000);
afterAll(() => ex.cleanup());

describe('the burn-up from states per day', () => {
  it('is the curve every update gives, with more than one update a day for some KEPs', () => {
    const release = 'v1.35';
    const daily = ex.store.digests.dailyStates(release).rows;
    expect(daily.length).toBeGreaterThan(0);
    // the example has KEPs updated twice on one day: the aggregated read has fewer rows
    const first = ex.config.sigs.flatMap((s) => [
      ...ex.store.statusUpdates.latestBySig(s.dir, release).values(),
    ])[0]!;
    ex.store.statusUpdates.record({
      ...first,
      state: first.state === 'blocked' ? 'on-track' : 'blocked',
      createdAt: new Date(Date.parse(first.createdAt) + 60_000).toISOString(),
      idempotencyKey: 'release-reads-second-update',
    });
    const after = ex.config.sigs.flatMap((s) => ex.store.digests.statesSince(s.dir, release, '1970-01-01'));
    expect(ex.store.digests.dailyStates(release).rows.length).toBeLessThan(after.length);
    const keps = new Set(after.map((u) => u.kepPath));
    const start = new Date('2025-09-01T00:00:00Z');
    expect(burnup(keps, ex.store.digests.dailyStates(release).rows, stateKeys, start, exampleNow)).toEqual(
      burnup(keps, after, stateKeys, start, exampleNow),
    );
    const model = buildReleaseModel(ex.store, siteModelSettingsFrom(ex.config), exampleNow);
    expect(model.lastModified).toBe(
      after
        .map((u) => u.createdAt)
        .sort()
        .at(-1),
    );
  });
});

describe('the burn-up kept between requests', () => {
  it('follows new updates by reading only those, and rereads everything after an update dated in the past', () => {
    const release = 'v1.35';
    const settings = siteModelSettingsFrom(ex.config);
    const everything = () =>
      ex.config.sigs.flatMap((s) => [...ex.store.statusUpdates.latestBySig(s.dir, release).values()]);
    // a second Store over the same database keeps nothing yet: its model reads everything
    const fromScratch = (now: Date) => buildReleaseModel(createStore(ex.db), settings, now);
    const now = new Date('2025-11-20T12:00:00Z');
    const first = buildReleaseModel(ex.store, settings, now);
    const latest = everything()
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .at(-1)!;
    const record = (state: 'blocked' | 'done', createdAt: string, key: string) =>
      ex.store.statusUpdates.record({ ...latest, state, createdAt, idempotencyKey: key });
    record('blocked', '2025-11-10T09:00:00.000Z', 'kept-1');
    record('done', '2025-11-10T10:00:00.000Z', 'kept-2');
    record('blocked', '2025-11-11T10:00:00.000Z', 'kept-3');
    const second = buildReleaseModel(ex.store, settings, now);
    expect(second.burnup).not.toEqual(first.burnup);
    expect(second.lastModified).toBe('2025-11-11T10:00:00.000Z');
    expect(second.burnup).toEqual(fromScratch(now).burnup);
    record('done', '2025-10-01T10:00:00.000Z', 'kept-after-the-fact');
    const third = buildReleaseModel(ex.store, settings, now);
    expect(third.burnup).not.toEqual(second.burnup);
    expect(third.burnup).toEqual(fromScratch(now).burnup);
    expect(third.lastModified).toBe('2025-11-11T10:00:00.000Z');
  });
});

function chain(length: number): DependencyGraphModel {
  const edges: GraphEdge[] = Array.from({ length }, (_, i) => ({
    from: `kep:${i}`,
    to: `kep:${i + 1}`,
    blockerId: i + 1,
    cycle: i >= length - 2,
    openedAt: new Date(Date.UTC(2025, 8, 1) + (length - i) * 60_000).toISOString(),
  }));
  const nodes = Array.from({ length: length + 1 }, (_, i) => ({
    id: `kep:${i}`,
    label: `KEP-${i}`,
    kind: 'kep' as const,
    kep: i,
    title: null,
  }));
  return { nodes, edges, cycles: [] };
}

describe('a large dependency graph', () => {
  it('is drawn in part: cycles first, then the oldest blockers, the nodes at their ends', () => {
    const small = chain(10);
    expect(drawnGraph(small, 20)).toEqual({ graph: small, omitted: 0 });
    const { graph, omitted } = drawnGraph(chain(2000), 150);
    expect(omitted).toBe(1850);
    expect(graph.edges).toHaveLength(150);
    const ids = graph.edges.map((e) => e.blockerId);
    expect(ids).toContain(1999);
    expect(ids).toContain(2000);
    // the oldest are the highest ids in this chain
    expect(Math.min(...ids)).toBe(2000 - 149);
    expect(new Set(graph.nodes.map((n) => n.id))).toEqual(
      new Set(graph.edges.flatMap((e) => [e.from, e.to])),
    );
  });

  it('renders the release page with 2,000 chained blockers, listing every one', () => {
    const keps = ex.store.keps.list({ latestMilestone: 'v1.35' });
    const first = keps[0]!;
    ex.store.transaction(() => {
      for (let i = 0; i < 2000; i++)
        ex.store.blockers.open({
          kepPath: first.path,
          kepNumber: 90_000 + i,
          sig: first.owningSig!,
          release: 'v1.35',
          target: { type: 'kep', kep: 90_000 + i + 1 },
          openedBy: 'U0CHAIR',
          openedAt: '2025-10-01T00:00:00.000Z',
          openedByUpdate: null,
        });
    });
    const page = renderSitePage(
      ex.store,
      siteModelSettingsFrom(ex.config),
      { kind: 'release' },
      servedLinks('/release'),
      exampleNow,
    )!;
    expect(page.html).toContain('too many to draw legibly: the drawing shows 150');
    expect(page.html).toContain('href="/release/kep/91999"');
    expect(page.html.match(/ waits on /g)!.length).toBeGreaterThanOrEqual(2000);
  });
});
