/**
 * Reads the release page's model from the store in O(KEPs + blockers) rows: the release's KEPs and
 * their latest updates once for every SIG's row (`tallySigs`), the KEPs' states per day for the
 * burn-up (kept between requests), the calendar and the open blockers. A SIG page reads its SIG's
 * digest (`buildDigest`, its "what changed" window left empty).
 */
import { buildDigestWithoutHealth } from '../app/build-digest.ts';
import { type Digest, type StateKey, stateKeys } from '../domain/digest.ts';
import type { StatusUpdate } from '../domain/status.ts';
import type { DigestSettings, DigestSig } from '../ports/digest.ts';
import type { Store, StoredKep } from '../ports/store.ts';
import { dailyStates } from './daily-states.ts';
import { dependencyGraph } from './dependency-graph.ts';
import { burnup, calendarModel } from './release-timeline.ts';
import { type SigTally, tallySigs } from './sig-tallies.ts';
import type { Count, ReleaseModel, SigSummaryRow, TrackingStatusOf } from './site-types.ts';
import { memoByVersion } from './version-memo.ts';

/** What the page models need besides the store and `now`. */
export interface SiteModelSettings {
  digest: Pick<DigestSettings, 'release' | 'codingPeriod' | 'escalationLadder' | 'sigs'>;
  /** The enhancements repository, `owner/name`. */
  repo: string;
  /** Self-reported notes (and concerns, justifications) are shown. */
  showNotes: boolean;
  trackingStatus: TrackingStatusOf | null;
}

const stateLabels: Record<StateKey, string> = {
  'on-track': 'on track',
  'at-risk': 'at risk',
  blocked: 'blocked',
  done: 'done',
  dropped: 'dropped',
  none: 'not reported',
};

export const stateLabel = (state: StateKey): string => stateLabels[state];

/** A SIG's digest as the pages show it (no "what changed" window, no process-health line). */
export function readSigDigest(store: Store, settings: SiteModelSettings, sig: DigestSig, now: Date): Digest {
  return buildDigestWithoutHealth(store, {
    settings: settings.digest,
    sig,
    now,
    since: now,
    channel: store.sigs.get(sig.dir)?.channelId ?? null,
  });
}

/**
 * The release page's model: every SIG's row from one read of the release's KEPs and latest
 * updates, one aggregated read of the KEPs' states per day for the burn-up, the calendar and the
 * open blockers.
 */
export function buildReleaseModel(store: Store, settings: SiteModelSettings, now: Date): ReleaseModel {
  const release = settings.digest.release;
  const tallies = tallySigs(store, settings.digest, now);
  const daily = dailyStates(store, release);
  const milestones = store.milestones.listByRelease(release);
  const rows = tallies.flatMap((t) => t.keps);
  const blockers = store.blockers.listOpen({ release });
  const tracking = trackingCounter(store, settings, now);
  const pageKey = `${release}\n${settings.digest.sigs.map((s) => s.dir)}`;
  const start = milestones[0]
    ? new Date(milestones[0].startsAt)
    : firstUpdate([{ updates: daily.rows }], now);
  const end =
    milestones.at(-1) && Date.parse(milestones.at(-1)!.startsAt) < now.getTime()
      ? new Date(milestones.at(-1)!.startsAt)
      : now;
  return {
    release,
    generatedAt: now.toISOString(),
    repo: settings.repo,
    lastModified: lastModified(
      [{ updates: daily.newest ? [{ createdAt: daily.newest }] : [] }],
      blockers.map((b) => b.openedAt),
      start,
    ),
    calendar: calendarModel(milestones, now),
    total: rows.length,
    byState: stateCounts(tallies.map((t) => t.stateTotals)),
    byTracking: tracking ? countsOf(tracking(rows.map((r) => ({ path: r.path, state: r.state })))) : null,
    byStage: stageTotals(tallies),
    // pure results of this page's data and settings, kept while the database is unchanged
    burnup: memoByVersion(store, `burnup\n${pageKey}\n${start.toISOString()}\n${end.toISOString()}`, () =>
      burnup(new Set(rows.map((r) => r.path)), daily.rows, stateKeys, start, end),
    ),
    sigs: tallies.map((t) => tallySummary(t, tracking)),
    graph: memoByVersion(store, `graph\n${pageKey}`, () =>
      dependencyGraph(blockers, new Map(rows.map((r) => [r.number, r.title]))),
    ),
  };
}

type TrackingCounter = (
  rows: Array<{ path: string; state: StatusUpdate['state'] | null }>,
) => Record<string, number>;

/** Counts KEPs by tracking Status, when a rule is plugged in (one read of the KEPs for it). */
export function trackingCounter(
  store: Store,
  settings: SiteModelSettings,
  now: Date,
): TrackingCounter | null {
  const rule = settings.trackingStatus;
  if (!rule) return null;
  const byPath = new Map<string, StoredKep>(store.keps.list().map((k) => [k.path, k]));
  return (rows) => {
    const out: Record<string, number> = {};
    for (const row of rows) {
      const kep = byPath.get(row.path);
      const status = (kep && rule(kep, row.state, now)) ?? 'No status';
      out[status] = (out[status] ?? 0) + 1;
    }
    return out;
  };
}

function countsOf(record: Record<string, number>): Count[] {
  return Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => ({ key, label: key, count }));
}

export function stateCounts(totals: ReadonlyArray<Record<StateKey, number>>): Count[] {
  return stateKeys.map((key) => ({
    key,
    label: stateLabel(key),
    count: totals.reduce((sum, t) => sum + (t[key] ?? 0), 0),
  }));
}

function stageTotals(digests: ReadonlyArray<Pick<Digest, 'counts'>>): ReleaseModel['byStage'] {
  const byStage = new Map<string, Record<StateKey, number>>();
  for (const d of digests) {
    for (const row of d.counts) {
      const into =
        byStage.get(row.stage) ??
        (Object.fromEntries(stateKeys.map((k) => [k, 0])) as Record<StateKey, number>);
      for (const k of stateKeys) into[k] += row.byState[k] ?? 0;
      byStage.set(row.stage, into);
    }
  }
  const order = ['alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed', 'none'];
  return [...byStage.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([stage, byState]) => ({
      stage: stage === 'none' ? 'no stage' : stage,
      byState,
      total: stateKeys.reduce((sum, k) => sum + byState[k], 0),
    }));
}

/** A SIG's row as its digest gives it (a SIG page). */
export function sigSummary(digest: Digest, tracking: TrackingCounter | null): SigSummaryRow {
  const response = digest.response.facilitators;
  return {
    dir: digest.sig.dir,
    name: digest.sig.name,
    keps: digest.total,
    byState: digest.stateTotals,
    tracking: tracking ? tracking(digest.keps.map((r) => ({ path: r.path, state: r.state }))) : null,
    blocked: digest.stateTotals.blocked ?? 0,
    stale: digest.stale.length,
    confidence: digest.confidence
      ? { within: digest.confidence.rows.filter((r) => r.ok).length, reported: digest.confidence.rows.length }
      : null,
    responseRate: rate(
      response.reduce((sum, f) => sum + f.updated, 0),
      response.reduce((sum, f) => sum + f.updated + f.missed, 0),
    ),
    roundsClosed: digest.response.roundsClosed,
  };
}

/** A SIG's row from its tally (the release page): the same numbers as `sigSummary` of its digest. */
export function tallySummary(tally: SigTally, tracking: TrackingCounter | null): SigSummaryRow {
  return {
    dir: tally.sig.dir,
    name: tally.sig.name,
    keps: tally.keps.length,
    byState: tally.stateTotals,
    tracking: tracking ? tracking(tally.keps.map((r) => ({ path: r.path, state: r.state }))) : null,
    blocked: tally.stateTotals.blocked ?? 0,
    stale: tally.stale,
    confidence: tally.confidence,
    responseRate: rate(tally.response.answered, tally.response.owed),
    roundsClosed: tally.response.roundsClosed,
  };
}

const rate = (answered: number, owed: number) => (owed > 0 ? Math.round((answered / owed) * 100) : null);

type Dated = { updates: ReadonlyArray<{ createdAt: string }> };

function firstUpdate(sigs: readonly Dated[], now: Date): Date {
  const first = sigs.flatMap((s) => s.updates.map((u) => u.createdAt)).sort()[0];
  return first ? new Date(first) : now;
}

/** The newest instant the page's data carries; `floor` when there is none. */
export function lastModified(sigs: readonly Dated[], others: readonly string[], floor: Date): string {
  let newest = floor.toISOString();
  for (const s of sigs) for (const u of s.updates) if (u.createdAt > newest) newest = u.createdAt;
  for (const at of others) if (at > newest) newest = at;
  return newest;
}
