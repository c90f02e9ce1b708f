import { nextInstants, parseCron } from '../domain/cron.ts';
import {
  buildDigestModel,
  type Digest,
  type DigestRoundInput,
  type DigestVoteInput,
} from '../domain/digest.ts';
import { freezeNames } from '../domain/exception.ts';
import { processHealthLine } from '../domain/process-health.ts';
import type { HealthBase } from '../domain/program-facts.ts';
import { sigHealth } from '../domain/program-metrics.ts';
import type { Blocker, StatusUpdate } from '../domain/status.ts';
import type { DigestSettings, DigestSig, DigestStore } from '../ports/digest.ts';
import type { Store } from '../ports/store.ts';
import { listReleaseKeps } from './list-release-keps.ts';
import { readinessContexts } from './readiness-context.ts';
import { type ReleaseReadings, releaseReadings } from './release-readings.ts';
import { trackingStatusesOf } from './track-release.ts';

/** The repos a digest is built from (the digest port's store). */
export type BuildDigestStore = DigestStore;

const dayMs = 86_400_000;
/** Deadlines this far ahead are listed. */
export const digestHorizonMs = 14 * dayMs;
const githubEventLimit = 5000;

export interface BuildDigestInput {
  settings: Pick<DigestSettings, 'release' | 'codingPeriod'> &
    Partial<Pick<DigestSettings, 'escalationLadder'>>;
  sig: DigestSig;
  now: Date;
  /** The SIG channel id (votes started there are listed); null when it has none. */
  channel: string | null;
  /** Start of "what changed"; default: the previous digest sent, else one digest interval back. */
  since?: Date;
}

/**
 * What the digests of one pass read of the whole release, read once per pass at first use: the
 * base of the process-health lines (who each KEP belongs to, blockers, exceptions) and the
 * removals, board and linked pull requests the tracking Status and readiness read. A pass builds
 * its digests as of one `now`, so a record made while it runs shows from the next pass on.
 */
export interface DigestPass {
  now: Date;
  healthBase(): HealthBase;
  readings(): ReleaseReadings;
}

export function digestPass(store: BuildDigestStore, release: string, now: Date): DigestPass {
  let base: HealthBase | undefined;
  let readings: ReleaseReadings | undefined;
  return {
    now,
    healthBase: () => (base ??= store.processFacts.healthBase(release)),
    readings: () => (readings ??= releaseReadings(store, release, now)),
  };
}

/**
 * The digest of one SIG as of `now`, from the store: KEPs by stage and state, what changed since
 * the previous digest, blocked and at-risk KEPs, stale KEPs, deadlines within 14 days, votes
 * posted in the SIG's channel, commit confidence against the caps and the facilitators' response
 * to drumbeat rounds. With an escalation ladder, each blocker shows the step it reached. Digests
 * built in one pass share `pass`.
 */
export function buildDigest(
  store: BuildDigestStore,
  input: BuildDigestInput,
  pass: DigestPass = digestPass(store, input.settings.release, input.now),
): Digest {
  if (pass.now.getTime() !== input.now.getTime())
    throw new Error('buildDigest: the pass is for another instant');
  const model = buildDigestWithoutHealth(store, input, pass.readings());
  const rounds = store.processFacts.roundFacts(input.settings.release, input.sig.dir);
  const health = sigHealth({ ...pass.healthBase(), ...rounds }, input.sig.dir);
  return { ...model, processHealth: processHealthLine(health) };
}

/**
 * The digest without its process-health line: for readers that show every SIG at once (the
 * release page), which tally every SIG in one pass.
 */
export function buildDigestWithoutHealth(
  store: Omit<BuildDigestStore, 'processFacts'>,
  input: BuildDigestInput,
  readings: ReleaseReadings = releaseReadings(store, input.settings.release, input.now),
): Digest {
  const { sig, now } = input;
  const release = input.settings.release;
  const since = input.since ?? previousDigestInstant(store, sig, now);
  const latest = store.statusUpdates.latestBySig(sig.dir, release);
  const { keps } = listReleaseKeps(store, release, sig.dir);
  const sinceIso = since.toISOString();
  const blockers = store.digests.blockersOf(sig.dir, release);
  const ladder = input.settings.escalationLadder ?? null;
  return buildDigestModel({
    tracking: trackingStatusesOf(store, release, keps, now, readings),
    readiness: readinessContexts(store, release, now, readings),
    sig: { dir: sig.dir, name: sig.name },
    release,
    now,
    since,
    keps,
    latest,
    before: store.digests.latestBefore(sig.dir, release, sinceIso),
    updates: store.digests.statesSince(sig.dir, release, sinceIso),
    stateSince: stateSince(store, sig.dir, release, latest),
    blockers,
    escalationSteps: ladder ? escalationSteps(store, ladder, blockers, now) : null,
    githubEvents: store.githubEvents.listSince(sinceIso, githubEventLimit),
    milestones: store.milestones.listByRelease(release),
    horizonMs: digestHorizonMs,
    votes: input.channel ? votesIn(store, input.channel) : [],
    codingPeriod: input.settings.codingPeriod,
    rounds: rounds(store, sig.dir, release),
    facilitators: sig.facilitators.map((github) => ({
      github,
      slack: store.people.getByGithub(github)?.slack ?? null,
    })),
    staleAfterMs: cadenceIntervalMs(sig.roundCron, sig.roundTimezone, now),
    openExceptions: store.planning
      .listExceptions(release, 'open')
      .filter((e) => e.sig === sig.dir)
      .map((e) => ({
        id: e.id,
        kep: e.kep,
        kepTitle: e.kepTitle,
        freeze: freezeNames[e.freeze],
        requestedAt: e.requestedAt,
      })),
    drift: driftOf(store, keps),
  });
}

/** Open drift findings of these KEPs, one line each (the last sync's). */
function driftOf(store: Pick<Store, 'githubDrift'>, keps: readonly { number: number }[]) {
  const numbers = new Set(keps.map((k) => k.number));
  return store.githubDrift
    .list()
    .filter((f) => numbers.has(f.kepNumber))
    .map((f) => ({ kepNumber: f.kepNumber, message: f.message }));
}

/** The previous digest's instant, or one digest interval before `now` when none was sent. */
export function previousDigestInstant(store: Pick<Store, 'digests'>, sig: DigestSig, now: Date): Date {
  const previous = store.digests.previousRun(sig.dir, now);
  if (previous) return new Date(previous.scheduledFor);
  return new Date(now.getTime() - cadenceIntervalMs(sig.cron, sig.timezone, now));
}

/** The gap between the next two instants of a cadence (7 days when it cannot be read). */
export function cadenceIntervalMs(cron: string, zone: string, now: Date): number {
  const parsed = parseCron(cron);
  if (!parsed.ok) return 7 * dayMs;
  const [a, b] = nextInstants(parsed.spec, zone, now, new Date(now.getTime() + 400 * dayMs), 2);
  return a && b ? b.getTime() - a.getTime() : 7 * dayMs;
}

/** Since when each at-risk or blocked KEP has been in its state (kept by the store on write). */
function stateSince(
  store: Pick<Store, 'statusUpdates'>,
  sig: string,
  release: string,
  latest: Map<string, StatusUpdate>,
) {
  const since = store.statusUpdates.stateSinceBySig(sig, release);
  const out = new Map<string, string>();
  for (const [path, update] of latest) {
    if (update.state !== 'at-risk' && update.state !== 'blocked') continue;
    out.set(path, since.get(path) ?? update.createdAt);
  }
  return out;
}

/** The ladder step each open blocker reached: `step 2 of 3 (pm-channel)`, acknowledged, snoozed. */
function escalationSteps(
  store: Pick<Store, 'escalations'>,
  ladder: string[],
  blockers: Blocker[],
  now: Date,
): Map<number, string> {
  const out = new Map<number, string>();
  for (const b of blockers) {
    if (b.closedAt !== null) continue;
    const state = store.escalations.get(b.id);
    const top = state && state.steps.length > 0 ? Math.max(...state.steps) : null;
    const parts = [
      top === null ? 'not escalated yet' : `step ${top + 1} of ${ladder.length} (${ladder[top] ?? '?'})`,
    ];
    if (state?.acknowledgedAt) parts.push('acknowledged');
    if (state?.snoozedUntil && Date.parse(state.snoozedUntil) > now.getTime())
      parts.push(`snoozed until ${state.snoozedUntil.slice(0, 16).replace('T', ' ')} UTC`);
    out.set(b.id, parts.join(', '));
  }
  return out;
}

function votesIn(store: Pick<Store, 'digests' | 'votes'>, channel: string): DigestVoteInput[] {
  const out: DigestVoteInput[] = [];
  for (const id of store.digests.voteIdsIn([channel])) {
    const vote = store.votes.get(id);
    const round = store.votes.rounds(id).at(-1);
    if (!vote || !round) continue;
    out.push({
      id,
      question: vote.question,
      round: round.number,
      closesAt: round.closesAt,
      closedAt: round.closedAt,
      outcome: round.outcome,
      ballots: store.votes.ballotCount(round.id),
      electorate: store.votes.electorateSize(id),
      concerns: store.votes
        .concerns(round.id)
        .filter((c) => c.resolvedAt === null)
        .map((c) => c.text),
    });
  }
  return out;
}

function rounds(store: Pick<Store, 'rounds'>, sig: string, release: string): DigestRoundInput[] {
  return store.rounds
    .list(sig)
    .filter((r) => r.release === release)
    .map((r) => ({ scheduledFor: r.scheduledFor, closedAt: r.closedAt, summary: r.summary }));
}
