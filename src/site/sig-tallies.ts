/**
 * Every SIG's row of the release page from one pass over the release: the release's KEPs and each
 * one's latest update are read once (not a digest per SIG), then counted as the digest counts them
 * (`buildDigestModel`): by state and stage, stale KEPs, confidences within the cap, round response.
 */
import { cadenceIntervalMs } from '../app/build-digest.ts';
import { type CodingPeriod, checkConfidence, currentIncrement } from '../domain/confidence.ts';
import type { StageKey, StateKey } from '../domain/digest.ts';
import { countTables, stageRank } from '../domain/digest.ts';
import type { KepState } from '../domain/kep-state.ts';
import { isInRelease } from '../domain/release-membership.ts';
import { isAuthor } from '../domain/round.ts';
import type { KepStage } from '../domain/types.ts';
import type { DigestSettings, DigestSig } from '../ports/digest.ts';
import type { SiteKep, SiteLatest } from '../ports/site-store.ts';
import type { Store } from '../ports/store.ts';

/** A KEP of a SIG with its latest reported state. */
export interface TallyKep {
  number: number;
  title: string;
  path: string;
  stage: KepStage | null;
  state: KepState | null;
}

/** One SIG's counts, the numbers its digest shows. */
export interface SigTally {
  sig: DigestSig;
  /** In the digest's order: by stage (alpha… then none), then number and path. */
  keps: TallyKep[];
  stateTotals: Record<StateKey, number>;
  counts: Array<{ stage: StageKey; byState: Record<StateKey, number>; total: number }>;
  stale: number;
  /** Null without a coding period. */
  confidence: { within: number; reported: number } | null;
  /** Closed rounds; round-and-facilitator pairs owed (not away) and answered. */
  response: { roundsClosed: number; owed: number; answered: number };
}

export type TallyStore = Pick<Store, 'site' | 'rounds' | 'people'>;
export type TallySettings = Pick<DigestSettings, 'release' | 'codingPeriod' | 'sigs'>;

interface Row {
  kep: SiteKep;
  latest: SiteLatest | null;
}

const settled = new Set<KepState>(['done', 'dropped']);

/** Every configured SIG's tally, in the settings' order: one read of the KEPs with their latest states. */
export function tallySigs(store: TallyStore, settings: TallySettings, now: Date): SigTally[] {
  const release = settings.release;
  const bySig = new Map<string, Row[]>();
  for (const row of store.site.kepsWithLatest(release)) {
    if (row.kep.owningSig === null || !isInRelease(row.kep, release)) continue;
    const list = bySig.get(row.kep.owningSig);
    if (list) list.push(row);
    else bySig.set(row.kep.owningSig, [row]);
  }
  const within = confidenceCheck(settings.codingPeriod, now);
  return settings.sigs.map((sig) =>
    tallySig(sig, (bySig.get(sig.dir) ?? []).sort(digestOrder), within, now, responseOf(store, sig, release)),
  );
}

function tallySig(
  sig: DigestSig,
  rows: readonly Row[],
  within: ConfidenceCheck | null,
  now: Date,
  response: SigTally['response'],
): SigTally {
  return {
    sig,
    keps: rows.map(({ kep, latest }) => ({
      number: kep.number,
      title: kep.title,
      path: kep.path,
      stage: kep.stage,
      state: latest?.state ?? null,
    })),
    ...countTables(rows.map(({ kep, latest }) => ({ stage: kep.stage, state: latest?.state ?? null }))),
    stale: staleCount(rows, now.getTime() - staleAfterMs(sig, now)),
    confidence: within ? confidenceTally(rows, within) : null,
    response,
  };
}

function digestOrder(a: Row, b: Row): number {
  return (
    stageRank(a.kep.stage) - stageRank(b.kep.stage) ||
    a.kep.number - b.kep.number ||
    a.kep.path.localeCompare(b.kep.path)
  );
}

const isSettled = (latest: SiteLatest | null) => latest !== null && settled.has(latest.state);

/** KEPs not done or dropped whose latest update is older than the cutoff (or that have none). */
function staleCount(rows: readonly Row[], cutoffMs: number): number {
  return rows.filter(
    ({ latest }) => !isSettled(latest) && (latest === null || Date.parse(latest.createdAt) < cutoffMs),
  ).length;
}

type ConfidenceCheck = (increment: number | null, confidence: number) => boolean;

/** Whether a confidence is within its increment's cap at `now`; each (increment, confidence) checked once. */
function confidenceCheck(period: CodingPeriod | null, now: Date): ConfidenceCheck | null {
  if (!period) return null;
  const current = currentIncrement(period, now);
  const seen = new Map<string, boolean>();
  return (increment, confidence) => {
    const target = increment ?? current;
    const key = `${target}:${confidence}`;
    let ok = seen.get(key);
    if (ok === undefined) {
      ok = checkConfidence(period, target, confidence, now).ok;
      seen.set(key, ok);
    }
    return ok;
  };
}

function confidenceTally(rows: readonly Row[], within: ConfidenceCheck): SigTally['confidence'] {
  let reported = 0;
  let ok = 0;
  for (const { latest } of rows) {
    if (!latest || latest.confidence === null || isSettled(latest)) continue;
    reported += 1;
    if (within(latest.increment, latest.confidence)) ok += 1;
  }
  return { within: ok, reported };
}

/** The SIG's closed rounds of the release and how each facilitator answered them. */
function responseOf(store: TallyStore, sig: DigestSig, release: string): SigTally['response'] {
  const closed = store.rounds
    .list(sig.dir)
    .filter((r) => r.release === release && r.closedAt !== null && r.summary !== null);
  let owed = 0;
  let answered = 0;
  for (const github of sig.facilitators) {
    const person = { github, slack: store.people.getByGithub(github)?.slack ?? null };
    for (const { summary } of closed) {
      const updated = summary!.updatedBy.some((u) =>
        isAuthor({ authorSlack: u.slack, authorGithub: u.github }, person),
      );
      const away = summary!.away.some((a) => a.github.toLowerCase() === github.toLowerCase());
      if (updated) answered += 1;
      if (updated || !away) owed += 1;
    }
  }
  return { roundsClosed: closed.length, owed, answered };
}

const intervals = new Map<string, number>();

/** One drumbeat round's length at `now` (the digest's stale threshold), kept for the last 64 inputs. */
function staleAfterMs(sig: DigestSig, now: Date): number {
  const key = `${sig.roundCron}\n${sig.roundTimezone}\n${now.getTime()}`;
  let ms = intervals.get(key);
  if (ms === undefined) {
    ms = cadenceIntervalMs(sig.roundCron, sig.roundTimezone, now);
    intervals.set(key, ms);
    if (intervals.size > 64) intervals.delete(intervals.keys().next().value!);
  }
  return ms;
}
