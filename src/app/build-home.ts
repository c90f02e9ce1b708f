import { freezeNames } from '../domain/exception.ts';
import { isFreezeKind } from '../domain/freeze-readiness.ts';
import type { KepState } from '../domain/kep-state.ts';
import { notReadyFor } from '../domain/readiness.ts';
import { isInRelease } from '../domain/release-membership.ts';
import { describeBlockerTarget } from '../domain/status.ts';
import { isDeadline, rowOverAt, upcomingRows } from '../domain/timeline-row.ts';
import type { TrackingStatus } from '../domain/tracking-status.ts';
import type { KepStage } from '../domain/types.ts';
import type { Store, StoredKep } from '../ports/store.ts';
import { readinessContexts } from './readiness-context.ts';
import { type ReleaseReadings, releaseReadings } from './release-readings.ts';
import type { RemovalReadRepo } from './removed-keps.ts';
import { trackingStatusesOf } from './track-release.ts';

/** The repos the App Home is read from. */
export type HomeStore = Pick<
  Store,
  | 'blockers'
  | 'custody'
  | 'githubSnapshots'
  | 'keps'
  | 'milestones'
  | 'people'
  | 'planning'
  | 'sigs'
  | 'statusUpdates'
  | 'votes'
  | RemovalReadRepo
>;

/** A KEP of one of the user's SIGs, with its latest state. */
export interface HomeKep {
  number: number;
  title: string;
  path: string;
  sig: string;
  stage: KepStage | null;
  state: KepState | null;
  confidence: number | null;
  updatedAt: string | null;
  /** The release team's tracking Status (handbook value); null when the calendar has no freeze. */
  tracking: TrackingStatus | null;
}

export interface HomeVote {
  voteId: number;
  roundId: number;
  round: number;
  question: string;
  channel: string;
  closesAt: string;
}

export interface HomeBlocker {
  id: number;
  kepNumber: number;
  kepTitle: string;
  sig: string;
  /** `KEP-1234`, `sig-auth`, `API review`. */
  target: string;
  openedAt: string;
  raisedByYou: boolean;
  /** The blocked KEP is one of the user's SIGs' KEPs. */
  onYourKep: boolean;
  /** The user's SIG (or one of its KEPs) is what blocks it. */
  youBlock: boolean;
}

export interface HomeDeadline {
  name: string;
  at: string;
  /** `YYYY-MM-DD` for a day-only row (then `at` is its 00:00 UTC): show the day, not a time. */
  date: string | null;
  /** KEPs of the user's SIGs not ready for it; null when the milestone has no readiness check. */
  notReady: number | null;
}

/** Everything the App Home tab shows one user. */
export interface HomeModel {
  user: string;
  /** The user's GitHub login when they are in `people`; null otherwise. */
  github: string | null;
  release: string;
  now: string;
  /** SIGs the user facilitates or chairs, with their channel id (for "Start a vote"). */
  sigs: Array<{ dir: string; name: string; channel: string | null }>;
  keps: HomeKep[];
  votes: HomeVote[];
  blockers: HomeBlocker[];
  deadlines: HomeDeadline[];
  /** The next Timeline rows that are not deadlines (reminders, conferences, meetings), 14 days ahead. */
  events: HomeEvent[];
  /** Open exception requests the user asked for, or on the KEPs of their SIGs. */
  exceptions: HomeException[];
}

export interface HomeEvent {
  name: string;
  /** The instant; null for a day-only row. */
  at: string | null;
  date: string | null;
  endDate: string | null;
}

export interface HomeException {
  id: number;
  kep: number;
  kepTitle: string;
  /** `Code Freeze`, … */
  freeze: string;
  requestedAt: string;
  yours: boolean;
}

/**
 * The App Home of `user` (a Slack id) as data: the KEPs of the SIGs they facilitate or chair with
 * their latest state, open vote rounds waiting for their ballot, open blockers they raised or that
 * involve their KEPs or SIGs, and the next three deadlines.
 */
export function buildHome(store: HomeStore, input: { user: string; release: string; now: Date }): HomeModel {
  const { user, release, now } = input;
  const person = store.people.getBySlackId(user);
  const sigs = person ? store.sigs.listByPerson(person.github, ['chair', 'facilitator']) : [];
  const keps: HomeKep[] = [];
  const members: StoredKep[] = [];
  const states = new Map<string, KepState>();
  for (const sig of sigs) {
    const latest = store.statusUpdates.latestBySig(sig.dir, release);
    for (const [path, u] of latest) states.set(path, u.state);
    for (const k of store.keps.list({ owningSig: sig.dir })) {
      const u = latest.get(k.path);
      if (!isInRelease(k, release)) continue;
      members.push(k);
      keps.push({
        number: k.number,
        title: k.title,
        path: k.path,
        sig: sig.dir,
        stage: k.stage,
        state: u?.state ?? null,
        confidence: u?.confidence ?? null,
        updatedAt: u?.createdAt ?? null,
        tracking: null,
      });
    }
  }
  const readings = releaseReadings(store, release, now);
  const tracking = trackingStatusesOf(store, release, members, now, readings);
  for (const k of keps) k.tracking = tracking.get(k.path) ?? null;
  const sigDirs = new Set(sigs.map((s) => s.dir));
  const kepPaths = new Set(keps.map((k) => k.path));
  const kepNumbers = new Set(keps.map((k) => k.number));
  const titles = new Map(keps.map((k) => [k.path, k.title]));
  return {
    user,
    github: person?.github ?? null,
    release,
    now: now.toISOString(),
    sigs: sigs.map((s) => ({ dir: s.dir, name: s.name, channel: s.channelId })),
    keps,
    votes: waitingVotes(store, user, now),
    exceptions: store.planning
      .listExceptions(release, 'open')
      .filter((e) => e.requester === user || (e.sig !== null && sigDirs.has(e.sig)))
      .map((e) => ({
        id: e.id,
        kep: e.kep,
        kepTitle: e.kepTitle,
        freeze: freezeNames[e.freeze],
        requestedAt: e.requestedAt,
        yours: e.requester === user,
      })),
    blockers: store.blockers
      .listOpen({ release })
      .map((b) => ({
        b,
        raisedByYou: b.openedBy === user,
        onYourKep: kepPaths.has(b.kepPath),
        youBlock:
          (b.target.type === 'sig' && sigDirs.has(b.target.sig)) ||
          (b.target.type === 'kep' && kepNumbers.has(b.target.kep)),
      }))
      .filter((x) => x.raisedByYou || x.onYourKep || x.youBlock)
      .map(
        ({ b, ...why }): HomeBlocker => ({
          id: b.id,
          kepNumber: b.kepNumber,
          kepTitle: titles.get(b.kepPath) ?? store.keps.getByPath(b.kepPath)?.title ?? b.kepPath,
          sig: b.sig,
          target: describeBlockerTarget(b.target),
          openedAt: b.openedAt,
          ...why,
        }),
      ),
    deadlines: nextDeadlines(store, { release, now, readings }, keps, states),
    events: nextEvents(store, release, now),
  };
}

function waitingVotes(store: Pick<Store, 'votes'>, user: string, now: Date): HomeVote[] {
  const out: HomeVote[] = [];
  for (const round of store.votes.openRoundsFor(user)) {
    if (Date.parse(round.closesAt) <= now.getTime()) continue;
    if (store.votes.ballot(round.id, user)) continue;
    const vote = store.votes.get(round.voteId);
    if (!vote) continue;
    out.push({
      voteId: vote.id,
      roundId: round.id,
      round: round.number,
      question: vote.question,
      channel: vote.channel,
      closesAt: round.closesAt,
    });
  }
  return out;
}

function nextDeadlines(
  store: Pick<Store, 'custody' | 'keps' | 'milestones' | 'planning' | RemovalReadRepo>,
  at: { release: string; now: Date; readings: ReleaseReadings },
  keps: HomeKep[],
  states: Map<string, KepState>,
): HomeDeadline[] {
  const { release, now } = at;
  const paths = new Set(keps.map((k) => k.path));
  const full = [...paths].map((p) => store.keps.getByPath(p)).filter((k) => k !== null);
  const contexts = readinessContexts(store, release, now, at.readings);
  return store.milestones
    .listByRelease(release)
    .filter((m) => isDeadline(m) && rowOverAt(m) > now.getTime())
    .slice(0, 3)
    .map((m) => {
      const notReady = isFreezeKind(m.kind)
        ? notReadyFor(m.kind, full, release, states, contexts(m.kind)).length
        : null;
      return { name: m.name, at: m.startsAt, date: m.date, notReady };
    });
}

const eventHorizonMs = 14 * 86_400_000;

function nextEvents(store: Pick<Store, 'milestones'>, release: string, now: Date): HomeEvent[] {
  return upcomingRows(store.milestones.listByRelease(release), now, eventHorizonMs)
    .filter((m) => !isDeadline(m))
    .slice(0, 3)
    .map((m) => ({ name: m.name, at: m.at, date: m.date, endDate: m.endDate }));
}
