import { type RoundSnapshotEntry, roundKey, roundTimes } from '../domain/round.ts';
import type { RoundCadence, RoundKepRow, ScheduleDeps } from '../ports/schedule.ts';
import type { RoundRecord } from '../ports/schedule-store.ts';
import type { Store, WithStore } from '../ports/store.ts';
import { listReleaseKeps } from './list-release-keps.ts';
import { postRendered } from './post-rendered.ts';
import { type RemovalReadStore, removedKepPaths } from './removed-keps.ts';

/** What `openRound` takes: the schedule ports, with the repos it uses. */
export type OpenRoundDeps = WithStore<
  ScheduleDeps,
  'keps' | 'rounds' | 'sigs' | 'statusUpdates' | 'milestoneRemovals' | 'githubSnapshots' | 'githubSync'
>;

/** The repos a round's KEP rows are read from. */
export type RoundRowsStore = Pick<Store, 'keps' | 'statusUpdates'> & RemovalReadStore;

export type OpenRoundResult =
  | { kind: 'opened'; round: RoundRecord; keps: number; messages: number }
  | { kind: 'exists'; round: RoundRecord }
  | { kind: 'no-channel'; sig: string }
  | { kind: 'no-keps'; sig: string };

/** The SIG's KEPs in the release with their latest state, as a round lists them (removed ones left out). */
export function roundRows(store: RoundRowsStore, sig: string, release: string): RoundKepRow[] {
  const latest = store.statusUpdates.latestBySig(sig, release);
  const removed = removedKepPaths(store, release);
  const keps = listReleaseKeps(store, release, sig).keps.filter((kep) => !removed.has(kep.path));
  return keps.map((kep) => {
    const update = latest.get(kep.path);
    return {
      path: kep.path,
      number: kep.number,
      title: kep.title,
      state: update?.state ?? null,
      confidence: update?.confidence ?? null,
      updatedAt: update?.createdAt ?? null,
    };
  });
}

/**
 * Opens a SIG's drumbeat round for the cadence instant `scheduledFor`: posts the parent message
 * listing the SIG's KEPs in the release (long lists continue in its thread) and records the round
 * with the state of each KEP at open. A SIG with no KEP in the release gets no round (nor nudges). Nudge and close times count from `scheduledFor`, so a round
 * opened late (catch-up) still closes on time. Runs once per (SIG, instant); a rerun posts nothing
 * new (the outbox keys are deterministic).
 */
export async function openRound(
  deps: OpenRoundDeps,
  input: { release: string; cadence: RoundCadence; scheduledFor: Date; now: Date },
): Promise<OpenRoundResult> {
  const { store } = deps;
  const { cadence, scheduledFor, release } = input;
  const existing = store.rounds.get(cadence.sig, scheduledFor);
  if (existing) return { kind: 'exists', round: existing };
  const channel = deps.channels.sig(cadence.sig);
  if (!channel) return { kind: 'no-channel', sig: cadence.sig };
  const rows = roundRows(store, cadence.sig, release);
  if (rows.length === 0) return { kind: 'no-keps', sig: cadence.sig };
  const times = roundTimes(scheduledFor, cadence.nudgeAfterMs, cadence.closeAfterMs);
  const message = deps.messages.roundParent({
    sig: cadence.sig,
    sigName: store.sigs.get(cadence.sig)?.name ?? cadence.sig,
    release,
    openedAt: input.now,
    nudgeAt: times.nudgeAt,
    closeAt: times.closeAt,
    rows,
  });
  const parentKey = `${roundKey(cadence.sig, scheduledFor)}:parent`;
  const keys = await postRendered(deps.chat, { channel }, parentKey, message, { lane: 'scheduled' });
  const snapshot: Record<string, RoundSnapshotEntry> = {};
  const latest = store.statusUpdates.latestBySig(cadence.sig, release);
  for (const row of rows) {
    const update = latest.get(row.path);
    snapshot[row.path] = { state: update?.state ?? null, updateId: update?.id ?? null };
  }
  const { round } = store.rounds.create({
    sig: cadence.sig,
    release,
    scheduledFor: scheduledFor.toISOString(),
    openedAt: input.now.toISOString(),
    nudgeAt: times.nudgeAt.toISOString(),
    closeAt: times.closeAt.toISOString(),
    channel,
    parentKey,
    kepPaths: rows.map((r) => r.path),
    snapshot,
  });
  return { kind: 'opened', round, keps: rows.length, messages: keys.length };
}
