import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackingBoardCursor } from '../../src/app/board-tracking.ts';
import { buildHome } from '../../src/app/build-home.ts';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import { makeBoardItem } from '../db/factories.ts';
import type { TempStore } from '../db/temp-db.ts';
import { enhancementsFreezeAlert, everyone, exampleRelease, sigDigest } from './release-rig.ts';

// The deadline alert, the digests' next deadlines and App Home count the same KEPs as not ready for
// the Enhancements Freeze of the v1.35 example, and all three follow the synced tracking board.
const release = 'v1.35';
const now = new Date('2025-10-10T12:00:00Z');
const board = 'kubernetes/264';

let t: TempStore;
let config: ResolvedConfig;

beforeAll(async () => {
  ({ t, config } = await exampleRelease(now));
});
afterAll(() => t.cleanup());

const freeze = () => t.store.milestones.listByRelease(release).find((m) => m.kind === 'enhancements-freeze')!;

async function alertNotReady(): Promise<Map<number, string>> {
  const model = await enhancementsFreezeAlert(t.store, release, now);
  return new Map(model.notReady.map((n) => [n.kep.number, n.status]));
}

/** Every SIG digest's not-ready KEPs for the freeze, together. */
function digestNotReady(): number[] {
  const out: number[] = [];
  for (const sig of config.sigs) {
    const digest = sigDigest(t.store, config, sig.dir, release, now);
    const row = digest.deadlines.find((d) => d.kind === 'enhancements-freeze');
    out.push(...(row?.notReady ?? []).map((n) => n.kep.number));
  }
  return out.sort((a, b) => a - b);
}

function homeNotReady(): number | null | undefined {
  const home = buildHome(t.store, { user: everyone.slack, release, now });
  return home.deadlines.find((d) => d.name === freeze().name)?.notReady;
}

function putStatus(issueNumber: number, status: string) {
  t.store.githubSnapshots.putBoardItem(makeBoardItem(issueNumber, status, { board }), now);
}

describe('not ready for a freeze: one answer on the alert, the digests and App Home', () => {
  it('agree before and after the board is synced, and follow the board where it has a Status', async () => {
    const members = t.store.keps.list().filter((k) => k.latestMilestone === release);
    const notYet = members.slice(0, 2).map((k) => ({ ...k, status: 'provisional' as const }));
    t.store.keps.upsertMany(notYet, now);
    const before = await alertNotReady();
    expect([...before.keys()]).toEqual(expect.arrayContaining(notYet.map((k) => k.number)));
    expect(digestNotReady()).toEqual([...before.keys()].sort((a, b) => a - b));
    expect(homeNotReady()).toBe(before.size);

    const [cleared] = [...before.keys()];
    const listedNumbers = new Set(before.keys());
    const flagged = t.store.keps
      .list()
      .find((k) => k.latestMilestone === release && !listedNumbers.has(k.number))!;
    putStatus(cleared!, 'Tracked for Enhancements Freeze');
    putStatus(flagged.number, 'At Risk for Enhancements Freeze');
    t.store.githubSync.setCursor(trackingBoardCursor, board, now);

    const after = await alertNotReady();
    expect(after.has(cleared!)).toBe(false);
    expect(after.get(flagged.number)).toBe('At Risk For Enhancement Freeze');
    expect(after.size).toBe(before.size);
    expect(digestNotReady()).toEqual([...after.keys()].sort((a, b) => a - b));
    expect(homeNotReady()).toBe(after.size);
  });
});
