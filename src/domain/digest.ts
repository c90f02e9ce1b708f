/**
 * The weekly digest of a SIG, as data: a pure function of what the store holds and `now`. The
 * Block Kit, Markdown and text renderers all read this model, so the digest a chair gets in Slack
 * and the one `drumbeat digest` prints are the same digest.
 */
import { type CodingPeriod, checkConfidence, currentIncrement } from './confidence.ts';
import { type FreezeKind, isFreezeKind } from './freeze-readiness.ts';
import type { GithubEvent } from './github-snapshots.ts';
import { type KepState, kepStates } from './kep-state.ts';
import {
  hasReadinessChecks,
  type NotReadyKep,
  notReadyFor,
  type ReadinessContext,
  type ReadinessKep,
} from './readiness.ts';
import { isAuthor, type RoundPerson, type RoundSummary } from './round.ts';
import type { Blocker, StatusUpdate } from './status.ts';
import { isDeadline, upcomingRows } from './timeline-row.ts';
import type { TrackingStatus } from './tracking-status.ts';
import { type KepStage, kepStages, type MilestoneKind } from './types.ts';

/** The KEP fields a digest reads. */
export type DigestKep = ReadinessKep;

/** A calendar row with its instant. */
export interface DigestMilestone {
  name: string;
  kind: MilestoneKind | null;
  /** ISO-8601 UTC. */
  startsAt: string;
  /** `YYYY-MM-DD` when the row gives only a day (then `startsAt` is its 00:00 UTC). */
  date?: string | null;
  /** Last day of a range. */
  endDate?: string | null;
}

/** A fist-to-five vote's latest round, as the digest lists it. */
export interface DigestVoteInput {
  id: number;
  question: string;
  /** Round number (2+ after a re-vote). */
  round: number;
  closesAt: string;
  closedAt: string | null;
  outcome: 'approved' | 'not-approved' | null;
  ballots: number;
  electorate: number;
  /** Texts of the round's concerns that are not resolved. */
  concerns: string[];
}

/** A closed drumbeat round of the SIG. */
export interface DigestRoundInput {
  scheduledFor: string;
  closedAt: string | null;
  summary: RoundSummary | null;
}

export interface DigestInput {
  /** Tracking Status by KEP path (see `trackingStatusesOf`); absent: not shown. */
  tracking?: ReadonlyMap<string, TrackingStatus>;
  /** Exceptions, removals and the board's Status for each freeze's "not ready" list; absent: none. */
  readiness?: (freeze: FreezeKind) => ReadinessContext;
  sig: { dir: string; name: string };
  release: string;
  now: Date;
  /** Start of the "what changed" window: the previous digest's instant (or one cadence back). */
  since: Date;
  /** The SIG's KEPs in the release. */
  keps: readonly DigestKep[];
  /** Latest update of each KEP (by path), now. */
  latest: ReadonlyMap<string, StatusUpdate>;
  /** Latest update of each KEP (by path) made before `since`. */
  before: ReadonlyMap<string, Pick<StatusUpdate, 'state'>>;
  /** The states the SIG reported at or after `since`, oldest first. */
  updates: ReadonlyArray<Pick<StatusUpdate, 'kepPath' | 'state' | 'createdAt'>>;
  /** For KEPs now at-risk or blocked: since when the state has been that (ISO-8601). */
  stateSince: ReadonlyMap<string, string>;
  /** The SIG's blockers in the release, open and closed. */
  blockers: readonly Blocker[];
  /** The escalation step each blocker reached (by blocker id), when escalations are recorded. */
  escalationSteps: ReadonlyMap<number, string> | null;
  /** GitHub changes recorded since `since` (of any KEP; the SIG's are picked by number). */
  githubEvents: readonly GithubEvent[];
  milestones: readonly DigestMilestone[];
  /** How far ahead deadlines are listed (14 days). */
  horizonMs: number;
  /** Votes started in the SIG's channel. */
  votes: readonly DigestVoteInput[];
  codingPeriod: CodingPeriod | null;
  /** The SIG's drumbeat rounds in the release. */
  rounds: readonly DigestRoundInput[];
  facilitators: readonly RoundPerson[];
  /** The SIG's exception requests in the release that are not decided yet. */
  openExceptions?: readonly DigestException[];
  /** Open GitHub drift findings of the SIG's KEPs (labels, milestone, board, kep.yaml), by KEP. */
  drift?: readonly DigestDrift[];
  /** A KEP with no update for this long (one drumbeat round) is stale. */
  staleAfterMs: number;
}

/** A row of the KEP table. */
export interface DigestKepRow {
  number: number;
  title: string;
  path: string;
  stage: KepStage | null;
  state: KepState | null;
  confidence: number | null;
  updatedAt: string | null;
  /** The release team's tracking Status (handbook value), when the calendar has a freeze. */
  tracking: TrackingStatus | null;
}

export type StageKey = KepStage | 'none';
export type StateKey = KepState | 'none';

export interface DigestTransition {
  kep: DigestKepRow;
  /** The state at the window start (null: never reported), then every change, in order. */
  states: Array<KepState | null>;
  updates: number;
  lastAt: string;
}

export interface DigestBlocker {
  id: number;
  kep: DigestKepRow;
  /** `KEP-1234`, `sig-auth`, `API review`. */
  target: string;
  openedAt: string;
  closedAt: string | null;
  closeReason: string | null;
  /** The escalation step reached, when escalations are recorded. */
  step: string | null;
}

export interface DigestAttention {
  kep: DigestKepRow;
  state: 'at-risk' | 'blocked';
  /** Since when the KEP has been in this state. */
  since: string;
  note: string;
  blockers: DigestBlocker[];
}

export interface DigestStale {
  kep: DigestKepRow;
  /** The latest update; null when there was none in the release. */
  lastUpdateAt: string | null;
}

/** A Timeline row that is not a deadline (a reminder, conference, meeting, release cut). */
export interface DigestEvent {
  name: string;
  /** The instant; null for a day-only row. */
  at: string | null;
  date: string | null;
  endDate: string | null;
}

export interface DigestDeadline {
  name: string;
  kind: MilestoneKind | null;
  /** The instant; for a day-only row its 00:00 UTC, with `date` set (show the day, not a time). */
  at: string;
  date: string | null;
  /** False when the milestone kind has no readiness checks. */
  checked: boolean;
  notReady: Array<{ kep: DigestKepRow; reasons: string[] }>;
}

export interface DigestConfidence {
  kep: DigestKepRow;
  confidence: number;
  /** The increment the work lands in (the update's, else the current one). */
  increment: number;
  cap: number | null;
  ok: boolean;
  /** Why it is not within the cap. */
  reason: string | null;
}

export interface DigestResponse {
  github: string;
  slack: string | null;
  /** Closed rounds the facilitator posted an update in. */
  updated: number;
  away: number;
  missed: number;
  /** updated / (rounds − away), percent, rounded; null when every round was away. */
  rate: number | null;
}

/** An exception request waiting for the release team's decision. */
export interface DigestException {
  id: number;
  kep: number;
  kepTitle: string;
  /** Which freeze it asks past, as people say it (`Code Freeze`). */
  freeze: string;
  requestedAt: string;
}

export interface Digest {
  sig: { dir: string; name: string };
  release: string;
  generatedAt: string;
  since: string;
  total: number;
  /** KEP counts by stage, then by latest state. */
  counts: Array<{ stage: StageKey; byState: Record<StateKey, number>; total: number }>;
  stateTotals: Record<StateKey, number>;
  /** Every KEP, by stage (alpha, beta, stable…, none) then number. */
  keps: DigestKepRow[];
  changes: {
    transitions: DigestTransition[];
    blockersOpened: DigestBlocker[];
    blockersResolved: DigestBlocker[];
    github: Array<{ kepNumber: number; message: string; at: string }>;
  };
  attention: DigestAttention[];
  stale: DigestStale[];
  deadlines: DigestDeadline[];
  /** Timeline rows within the horizon that are not deadlines. */
  events: DigestEvent[];
  votes: { open: DigestVoteInput[]; closed: DigestVoteInput[] };
  /** Null without a coding period. */
  confidence: { increment: number; rows: DigestConfidence[] } | null;
  response: { roundsClosed: number; roundsWithUpdates: number; facilitators: DigestResponse[] };
  /** Escalation steps are shown (escalations recorded). */
  escalations: boolean;
  /** Exception requests of the SIG's KEPs still waiting for a decision. */
  openExceptions: DigestException[];
  /** One line of the SIG's program metrics this release (see `drumbeat report`). */
  processHealth?: string;
  /** The SIG's last digest of the release, sent at the release instant. */
  closing?: boolean;
  /** Open drift findings of the SIG's KEPs, by KEP number (absent: none known). */
  drift?: DigestDrift[];
}

/** One open drift finding: `#4222 label stage/alpha but kep.yaml stage is beta`. */
export interface DigestDrift {
  kepNumber: number;
  message: string;
}

/** How many drift lines a digest shows; the rest are counted. */
export const digestDriftLimit = 5;

const stageOrder: StageKey[] = [...kepStages, 'none'];
export const stateKeys: StateKey[] = [...kepStates, 'none'];
const settled = new Set<KepState>(['done', 'dropped']);

/** Builds the digest model. Pure: every instant comes from the input. */
export function buildDigestModel(input: DigestInput): Digest {
  const rows = kepRows(input);
  const byPath = new Map(rows.map((r) => [r.path, r]));
  const blockers = input.blockers
    .map((b) => toDigestBlocker(b, byPath, input.escalationSteps))
    .filter((b): b is DigestBlocker => b !== null);
  const sinceIso = input.since.toISOString();
  return {
    sig: input.sig,
    release: input.release,
    generatedAt: input.now.toISOString(),
    since: sinceIso,
    total: rows.length,
    ...countTables(rows),
    keps: rows,
    changes: {
      transitions: transitions(input, byPath),
      blockersOpened: blockers.filter((b) => b.openedAt >= sinceIso),
      blockersResolved: blockers.filter((b) => b.closedAt !== null && b.closedAt >= sinceIso),
      github: githubChanges(input, rows),
    },
    attention: attention(input, rows, blockers),
    stale: stale(input, rows),
    deadlines: deadlines(input, byPath),
    events: events(input),
    votes: {
      open: input.votes.filter((v) => v.closedAt === null),
      closed: input.votes.filter((v) => v.closedAt !== null && v.closedAt >= sinceIso),
    },
    confidence: confidence(input, rows),
    response: responseRate(input),
    escalations: input.escalationSteps !== null,
    openExceptions: [...(input.openExceptions ?? [])],
    drift: [...(input.drift ?? [])].sort((a, b) => a.kepNumber - b.kepNumber),
  };
}

function kepRows(input: DigestInput): DigestKepRow[] {
  const rows = input.keps.map((k): DigestKepRow => {
    const latest = input.latest.get(k.path) ?? null;
    return {
      number: k.number,
      title: k.title,
      path: k.path,
      stage: k.stage,
      state: latest?.state ?? null,
      confidence: latest?.confidence ?? null,
      updatedAt: latest?.createdAt ?? null,
      tracking: input.tracking?.get(k.path) ?? null,
    };
  });
  return rows.sort(
    (a, b) => stageRank(a.stage) - stageRank(b.stage) || a.number - b.number || a.path.localeCompare(b.path),
  );
}

/** Where a stage comes in the digest's tables (alpha first, no stage last). */
export const stageRank = (s: KepStage | null) => stageOrder.indexOf(s ?? 'none');

function emptyStates(): Record<StateKey, number> {
  return Object.fromEntries(stateKeys.map((k) => [k, 0])) as Record<StateKey, number>;
}

/** The "KEPs by stage and state" table and its state totals, from each KEP's stage and latest state. */
export function countTables(
  rows: readonly { stage: KepStage | null; state: KepState | null }[],
): Pick<Digest, 'counts' | 'stateTotals'> {
  const stateTotals = emptyStates();
  const byStage = new Map<StageKey, Record<StateKey, number>>();
  for (const row of rows) {
    const stage = row.stage ?? 'none';
    const state = row.state ?? 'none';
    const counts = byStage.get(stage) ?? emptyStates();
    counts[state] += 1;
    byStage.set(stage, counts);
    stateTotals[state] += 1;
  }
  const counts = stageOrder
    .filter((s) => byStage.has(s))
    .map((stage) => {
      const byState = byStage.get(stage)!;
      return { stage, byState, total: Object.values(byState).reduce((a, b) => a + b, 0) };
    });
  return { counts, stateTotals };
}

function transitions(input: DigestInput, byPath: ReadonlyMap<string, DigestKepRow>): DigestTransition[] {
  const out = new Map<string, DigestTransition>();
  for (const u of input.updates) {
    const kep = byPath.get(u.kepPath);
    if (!kep) continue;
    const entry = out.get(u.kepPath) ?? {
      kep,
      states: [input.before.get(u.kepPath)?.state ?? null],
      updates: 0,
      lastAt: u.createdAt,
    };
    if (entry.states.at(-1) !== u.state) entry.states.push(u.state);
    entry.updates += 1;
    entry.lastAt = u.createdAt;
    out.set(u.kepPath, entry);
  }
  return [...out.values()]
    .filter((t) => t.states.length > 1)
    .sort((a, b) => a.kep.number - b.kep.number || a.kep.path.localeCompare(b.kep.path));
}

function toDigestBlocker(
  b: Blocker,
  byPath: ReadonlyMap<string, DigestKepRow>,
  steps: ReadonlyMap<number, string> | null,
): DigestBlocker | null {
  const kep = byPath.get(b.kepPath);
  if (!kep) return null;
  const target =
    b.target.type === 'kep' ? `KEP-${b.target.kep}` : b.target.type === 'sig' ? b.target.sig : b.target.name;
  return {
    id: b.id,
    kep,
    target,
    openedAt: b.openedAt,
    closedAt: b.closedAt,
    closeReason: b.closeReason,
    step: steps?.get(b.id) ?? null,
  };
}

function githubChanges(input: DigestInput, rows: readonly DigestKepRow[]): Digest['changes']['github'] {
  const numbers = new Set(rows.map((r) => r.number));
  const since = input.since.toISOString();
  return input.githubEvents
    .filter((e) => e.kepNumber !== null && numbers.has(e.kepNumber) && e.recordedAt >= since)
    .map((e) => ({ kepNumber: e.kepNumber!, message: e.message, at: e.occurredAt }));
}

function attention(
  input: DigestInput,
  rows: readonly DigestKepRow[],
  blockers: readonly DigestBlocker[],
): DigestAttention[] {
  const out: DigestAttention[] = [];
  for (const kep of rows) {
    if (kep.state !== 'at-risk' && kep.state !== 'blocked') continue;
    const latest = input.latest.get(kep.path)!;
    out.push({
      kep,
      state: kep.state,
      since: input.stateSince.get(kep.path) ?? latest.createdAt,
      note: latest.note,
      blockers: blockers.filter((b) => b.kep.path === kep.path && b.closedAt === null),
    });
  }
  // blocked first, then the longest in trouble
  return out.sort(
    (a, b) =>
      (a.state === 'blocked' ? 0 : 1) - (b.state === 'blocked' ? 0 : 1) ||
      a.since.localeCompare(b.since) ||
      a.kep.number - b.kep.number,
  );
}

function stale(input: DigestInput, rows: readonly DigestKepRow[]): DigestStale[] {
  const cutoff = input.now.getTime() - input.staleAfterMs;
  return rows
    .filter((r) => !(r.state !== null && settled.has(r.state)))
    .filter((r) => r.updatedAt === null || Date.parse(r.updatedAt) < cutoff)
    .map((r) => ({ kep: r, lastUpdateAt: r.updatedAt }))
    .sort(
      (a, b) =>
        (a.lastUpdateAt ?? '').localeCompare(b.lastUpdateAt ?? '') ||
        a.kep.number - b.kep.number ||
        a.kep.path.localeCompare(b.kep.path),
    );
}

/** The rows not over yet that begin within the horizon; day-only rows keep their day. */
function upcoming(input: DigestInput) {
  const rows = input.milestones.map((m) => ({
    ...m,
    at: m.date ? null : m.startsAt,
    date: m.date ?? null,
    endDate: m.endDate ?? null,
  }));
  return upcomingRows(rows, input.now, input.horizonMs);
}

function events(input: DigestInput): DigestEvent[] {
  return upcoming(input)
    .filter((m) => !isDeadline(m))
    .map((m) => ({ name: m.name, at: m.at, date: m.date, endDate: m.endDate }));
}

function deadlines(input: DigestInput, byPath: ReadonlyMap<string, DigestKepRow>): DigestDeadline[] {
  const states = new Map<string, KepState>();
  for (const [path, u] of input.latest) states.set(path, u.state);
  return upcoming(input)
    .filter(isDeadline)
    .map((m) => {
      const context = isFreezeKind(m.kind) && input.readiness ? input.readiness(m.kind) : {};
      const notReady = notReadyFor(m.kind, input.keps, input.release, states, context);
      return {
        name: m.name,
        kind: m.kind,
        at: m.startsAt,
        date: m.date,
        checked: hasReadinessChecks(m.kind),
        notReady: notReady.map((n: NotReadyKep) => ({ kep: byPath.get(n.kep.path)!, reasons: n.reasons })),
      };
    });
}

function confidence(input: DigestInput, rows: readonly DigestKepRow[]): Digest['confidence'] {
  const period = input.codingPeriod;
  if (!period) return null;
  const current = currentIncrement(period, input.now);
  const out: DigestConfidence[] = [];
  for (const kep of rows) {
    const latest = input.latest.get(kep.path);
    if (!latest || latest.confidence === null || (kep.state !== null && settled.has(kep.state))) continue;
    const increment = latest.increment ?? current;
    const check = checkConfidence(period, increment, latest.confidence, input.now);
    out.push({
      kep,
      confidence: latest.confidence,
      increment,
      cap: check.cap,
      ok: check.ok,
      reason: check.ok ? null : check.reason,
    });
  }
  return { increment: current, rows: out };
}

function responseRate(input: DigestInput): Digest['response'] {
  const closed = input.rounds.filter((r) => r.closedAt !== null && r.summary !== null);
  const facilitators = input.facilitators.map((p): DigestResponse => {
    let updated = 0;
    let away = 0;
    let missed = 0;
    for (const r of closed) {
      const s = r.summary!;
      const updater = s.updatedBy.some((u) => isAuthor({ authorSlack: u.slack, authorGithub: u.github }, p));
      if (updater) updated += 1;
      else if (s.away.some((a) => a.github.toLowerCase() === p.github.toLowerCase())) away += 1;
      else missed += 1;
    }
    const counted = closed.length - away;
    return { ...p, updated, away, missed, rate: counted > 0 ? Math.round((updated / counted) * 100) : null };
  });
  return {
    roundsClosed: closed.length,
    roundsWithUpdates: closed.filter((r) => r.summary!.updatedBy.length > 0).length,
    facilitators,
  };
}
