/**
 * The Enhancements team's sweep: for the KEPs of a release, each requirement of a freeze (met /
 * unmet / unverified) and the tracking Status. Two halves: `trackKeps` computes from plain sources
 * (so `drumbeat track` can run from files alone), `trackSourcesFrom` gathers those sources from
 * the bot's store.
 */
import { trackedFreeze } from '../domain/current-freeze.ts';
import type { LinkedPull } from '../domain/custody.ts';
import type { ExceptionRequest } from '../domain/exception.ts';
import { evaluateFreeze, type FreezeKind, type RequirementResult } from '../domain/freeze-readiness.ts';
import type { KepReadme } from '../domain/kep-readme.ts';
import type { KepState } from '../domain/kep-state.ts';
import { type IssueMilestones, releaseMembers } from '../domain/release-membership.ts';
import { boardStatusForFreeze, type TrackingStatus, trackingStatus } from '../domain/tracking-status.ts';
import type { Kep } from '../domain/types.ts';
import type { Store } from '../ports/store.ts';
import { type ReleaseReadings, releaseReadings } from './release-readings.ts';
import type { RemovalReadRepo } from './removed-keps.ts';

/** The repos the release tracking reads. */
export type TrackReleaseStore = Pick<
  Store,
  'custody' | 'keps' | 'milestones' | 'planning' | 'statusUpdates' | RemovalReadRepo
>;

export interface TrackSources {
  keps: readonly Kep[];
  /** The SIGs' latest self-reported state by KEP path (empty without the bot's database). */
  selfReports: ReadonlyMap<string, KepState>;
  /** The release's exception requests (empty without the bot's database). */
  exceptions: readonly ExceptionRequest[];
  /** Synced issues by KEP number; null without GitHub. */
  issues: ReadonlyMap<number, { milestone: string | null; labels: readonly string[] }> | null;
  /** README headings by KEP path, for the KEPs a checkout holds a README of. */
  readmes: ReadonlyMap<string, KepReadme>;
  /** KEP paths the release team removed from the milestone. */
  removed: ReadonlySet<string>;
  /** The code repository's pull requests linked to each KEP issue, by KEP number; a KEP absent was not read. */
  pulls?: ReadonlyMap<number, readonly LinkedPull[]>;
  /** The synced tracking board's Status by KEP number; absent or null when no board was synced. */
  board?: ReadonlyMap<number, TrackingStatus> | null;
}

export interface TrackedKep {
  kep: Kep;
  selfReport: KepState | null;
  status: TrackingStatus;
  /** Where the Status comes from: the synced board's item, or computed from the requirements. */
  statusFrom: 'board' | 'computed';
  /** The Status computed from the requirements (equal to `status` unless the board says otherwise). */
  computedStatus: TrackingStatus;
  requirements: RequirementResult[];
}

export interface TrackOptions {
  release: string;
  freeze: FreezeKind;
  optedInLabel: string;
  sig?: string;
}

function issueMilestones(sources: TrackSources): IssueMilestones | undefined {
  if (!sources.issues) return undefined;
  return new Map([...sources.issues].map(([number, issue]) => [number, issue.milestone]));
}

/** The latest exception request of a KEP for the freeze, if any. */
function exceptionFor(sources: TrackSources, kep: Kep, freeze: FreezeKind): ExceptionRequest | null {
  const mine = sources.exceptions.filter((e) => e.kep === kep.number && e.freeze === freeze);
  return mine.sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))[0] ?? null;
}

/** The synced board's Status of the KEP when it speaks about this freeze. */
function boardFor(sources: TrackSources, kep: Kep, freeze: FreezeKind): TrackingStatus | null {
  const status = sources.board?.get(kep.number);
  return status ? boardStatusForFreeze(status, freeze) : null;
}

/** One KEP's requirements and Status for the freeze. */
export function trackKep(sources: TrackSources, kep: Kep, options: TrackOptions): TrackedKep {
  const selfReport = sources.selfReports.get(kep.path) ?? null;
  const requirements = evaluateFreeze(options.freeze, {
    kep,
    release: options.release,
    issue: sources.issues ? (sources.issues.get(kep.number) ?? { milestone: null, labels: [] }) : null,
    optedInLabel: options.optedInLabel,
    readme: sources.readmes.get(kep.path) ?? null,
    selfReport,
    pulls: sources.pulls?.get(kep.number) ?? null,
  });
  const onBoard = boardFor(sources, kep, options.freeze);
  const computedStatus = trackingStatus({
    freeze: options.freeze,
    readiness: requirements,
    selfReport,
    exception: exceptionFor(sources, kep, options.freeze)?.status ?? null,
    removedFromMilestone: sources.removed.has(kep.path),
  });
  if (onBoard) return { kep, selfReport, status: onBoard, statusFrom: 'board', computedStatus, requirements };
  return { kep, selfReport, status: computedStatus, statusFrom: 'computed', computedStatus, requirements };
}

/** Every KEP of the release (of one SIG with `sig`), by number, with its requirements and Status. */
export function trackKeps(sources: TrackSources, options: TrackOptions): TrackedKep[] {
  const scoped = options.sig ? sources.keps.filter((k) => k.owningSig === options.sig) : sources.keps;
  return releaseMembers(scoped, options.release, issueMilestones(sources))
    .sort((a, b) => a.number - b.number || a.path.localeCompare(b.path))
    .map((kep) => trackKep(sources, kep, options));
}

/**
 * The sources as the bot's store holds them. `keps` narrows which KEPs' self-reports are read (all
 * SIGs' otherwise); `repo` reads the synced issues when there are any; `now` reads the linked pull
 * requests of the custody readings recent at that instant.
 */
export function trackSourcesFrom(
  store: Pick<Store, 'custody' | 'keps' | 'planning' | 'statusUpdates' | RemovalReadRepo>,
  release: string,
  options: {
    repo?: string | null;
    keps?: readonly Kep[];
    readmes?: ReadonlyMap<string, KepReadme>;
    now?: Date;
    /** Removals, board and linked pull requests already read (else read here; pulls only with `now`). */
    readings?: ReleaseReadings;
  } = {},
): TrackSources {
  const keps = options.keps ?? store.keps.list();
  const selfReports = new Map<string, KepState>();
  const sigs = new Set(keps.map((k) => k.owningSig).filter((s): s is string => s !== null));
  for (const sig of sigs)
    for (const [path, update] of store.statusUpdates.latestBySig(sig, release))
      selfReports.set(path, update.state);
  const synced = options.repo ? store.githubSnapshots.listIssues(options.repo) : [];
  const readings = options.readings ?? releaseReadings(store, release, options.now ?? null);
  const { pulls } = readings;
  return {
    keps,
    selfReports,
    exceptions: store.planning.listExceptions(release),
    issues:
      synced.length > 0
        ? new Map(synced.map((i) => [i.number, { milestone: i.milestone, labels: i.labels }]))
        : null,
    readmes: options.readmes ?? new Map(),
    removed: readings.removed,
    board: readings.board,
    ...(pulls ? { pulls } : {}),
  };
}

/**
 * The tracking Status of each given KEP of the release as of `now` (for the freeze the calendar
 * says is next, or the last one once all have passed), by KEP path, from what the store holds.
 * Without a freeze in the calendar, only removed KEPs have one. Surfaces show it next to the SIG's own report.
 */
export function trackingStatusesOf(
  store: TrackReleaseStore,
  release: string,
  keps: readonly Kep[],
  now: Date,
  readings?: ReleaseReadings,
): Map<string, TrackingStatus> {
  const statuses = new Map<string, TrackingStatus>();
  const freeze = trackedFreeze(store.milestones.listByRelease(release), now);
  if (keps.length === 0) return statuses;
  if (!freeze) {
    const { removed, board } = readings ?? releaseReadings(store, release, null);
    for (const kep of keps) {
      const status = board?.get(kep.number) ?? (removed.has(kep.path) ? 'Removed From Milestone' : null);
      if (status) statuses.set(kep.path, status);
    }
    return statuses;
  }
  const sources = trackSourcesFrom(store, release, { keps, now, ...(readings ? { readings } : {}) });
  const options = { release, freeze: freeze.kind, optedInLabel: 'lead-opted-in' };
  for (const kep of keps) statuses.set(kep.path, trackKep(sources, kep, options).status);
  return statuses;
}
