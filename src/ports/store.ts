import type { Blocker, StatusUpdate } from '../domain/status.ts';
import type { CalendarMilestone, Kep, Person, Sig } from '../domain/types.ts';
import type { CustodyRepo } from './custody-store.ts';
import type { EscalationRepo } from './escalation-store.ts';
import type { PulseRepo, RetroRepo } from './feedback-store.ts';
import type * as Github from './github-store.ts';
import type { PlanningRepo } from './planning-store.ts';
import type { ProcessFactsRepo } from './process-store.ts';
import type { MilestoneRemovalRepo } from './removal-store.ts';
import type { JobLedgerRepo, RoundRepo } from './schedule-store.ts';
import type { SiteRepo } from './site-store.ts';
import type { VoteRepo } from './vote-store.ts';

/**
 * The Store port: everything the bot knows, as the core sees it. Synchronous (the SQLite adapter
 * is), so a use case can group writes with `transaction`. Implementations refuse bad rows with an
 * error whose `code` is `drumbeat_store_error` and whose message names the row and what to fix;
 * a multi-row write that fails stores none of its rows.
 */
export interface Store {
  sigs: SigRepo;
  people: PersonRepo;
  releases: ReleaseRepo;
  milestones: MilestoneRepo;
  keps: KepRepo;
  statusUpdates: StatusRepo;
  statusDays: StatusDayRepo;
  blockers: BlockerRepo;
  jobLedger: JobLedgerRepo;
  rounds: RoundRepo;
  githubSnapshots: Github.GithubSnapshotRepo;
  githubObjects: Github.GithubObjectRepo;
  githubSync: Github.GithubSyncRepo;
  githubEvents: Github.GithubEventRepo;
  githubWriteBack: Github.GithubWriteBackRepo;
  githubDrift: Github.GithubDriftRepo;
  votes: VoteRepo;
  escalations: EscalationRepo;
  digests: import('./digest-store.ts').DigestRepo;
  planning: PlanningRepo;
  processFacts: ProcessFactsRepo;
  pulses: PulseRepo;
  retros: RetroRepo;
  /** The release site's narrow reads and the database's change version. */
  site: SiteRepo;
  /** KEPs the release team removed from the milestone from Slack. */
  milestoneRemovals: MilestoneRemovalRepo;
  /** The chain of custody as last read from GitHub. */
  custody: CustodyRepo;
  /** Runs `fn` in one transaction (nested calls become savepoints); a throw undoes all of it. */
  transaction<T>(fn: () => T): T;
}

/**
 * `D` with its store narrowed to the repos `K`: how a use case declares exactly which repos it
 * reads and writes (the compiler then refuses any other).
 */
export type WithStore<D extends { store: unknown }, K extends keyof Store> = Omit<D, 'store'> & {
  store: Pick<Store, K>;
};

/** How many rows an upsert inserted, changed and left as they were (by natural key). */
export interface UpsertCounts {
  inserted: number;
  changed: number;
  unchanged: number;
}

/** The role a person holds in a SIG. */
export type SigRole = 'chair' | 'tech-lead' | 'facilitator';

/** A SIG as the bot runs it: sigs.yaml data with config overrides applied, plus the resolved channel. */
export interface SigRecord extends Sig {
  /** The Slack channel id (`C…`) the bot resolved `slackChannel` to; null when not resolved. */
  channelId: string | null;
  /** The resolved channel's name without `#`; null when not resolved. */
  channelName: string | null;
  /** GitHub logins of the people who report for the SIG during the release. */
  facilitators: string[];
}

export interface SigRepo {
  /** Inserts or replaces SIGs by `dir`, roles included, in one transaction. */
  upsertMany(sigs: SigRecord[]): UpsertCounts;
  get(dir: string): SigRecord | null;
  /** All SIGs, ordered by `dir`. */
  list(): SigRecord[];
  /** SIGs in which `github` holds one of `roles` (any role when omitted), ordered by `dir`. */
  listByPerson(github: string, roles?: SigRole[]): SigRecord[];
}

/** A person as stored: the config's `Person` plus what people set themselves in Slack. */
export interface PersonRecord extends Person {
  /** ISO-8601 UTC instant until which the person is out of office; null when not set. */
  outOfOfficeUntil: string | null;
}

export interface PersonRepo {
  /** Inserts or updates people by GitHub login (case-insensitive); keeps their out-of-office. */
  upsertMany(people: Person[]): UpsertCounts;
  /** By GitHub login, case-insensitive, with or without a leading `@`. */
  getByGithub(github: string): PersonRecord | null;
  getBySlackId(slackUserId: string): PersonRecord | null;
  /** All people, ordered by login. */
  list(): PersonRecord[];
  /**
   * Sets (an ISO-8601 instant) or clears (null) the person's out-of-office. Returns false when no
   * person has that login.
   */
  setOutOfOffice(github: string, until: string | null): boolean;
}

/** A release, e.g. `v1.37`, with the coding period from the config. */
export interface ReleaseRecord {
  /** `vMAJOR.MINOR`. */
  name: string;
  /**
   * The config's coding period (start, increments, confidence caps…), stored as JSON and read back
   * as plain data: parse it (zod) before use. Null when the release has none.
   */
  codingPeriod: object | null;
}

export interface ReleaseRepo {
  upsert(release: ReleaseRecord): void;
  get(name: string): ReleaseRecord | null;
  /** All releases, oldest version first. */
  list(): ReleaseRecord[];
  /** Makes a stored release the current one; refuses a release that is not stored. */
  setCurrent(name: string): void;
  getCurrent(): ReleaseRecord | null;
}

/** A stored calendar row: its stable id and the instant it sorts by. */
export interface StoredMilestone extends CalendarMilestone {
  /** Stable across re-imports while the release and name stay the same. */
  id: number;
  release: string;
  /** `at`, or `date` at 00:00 UTC, as a full ISO-8601 UTC string. */
  startsAt: string;
}

/** What replacing a calendar did, by natural key (release, name). */
export interface CalendarChanges extends UpsertCounts {
  removed: number;
}

export interface MilestoneRepo {
  /**
   * Makes `milestones` the whole calendar of a stored release, in one transaction. Rows keep
   * their id while their name is unchanged (even when the date moves); rows no longer listed are
   * deleted.
   */
  replaceCalendar(release: string, milestones: CalendarMilestone[]): CalendarChanges;
  /** The release's calendar ordered by instant (then by calendar order). */
  listByRelease(release: string): StoredMilestone[];
  getById(id: number): StoredMilestone | null;
}

/** A stored KEP: the normalised KEP plus when the bot first saw it and last saw it change. */
export interface StoredKep extends Kep {
  firstSeenAt: string;
  updatedAt: string;
}

/** What a KEP upsert did, by path. */
export interface KepUpsertResult {
  inserted: string[];
  changed: string[];
  unchanged: string[];
}

/** Filters for `KepRepo.list`; all given filters must match. */
export interface KepFilter {
  owningSig?: string;
  /** `v1.37` form. */
  latestMilestone?: string;
  /** KEPs that list this SIG in `participating-sigs`. */
  participatingSig?: string;
}

export interface KepRepo {
  /**
   * Inserts or updates KEPs by path, in one transaction. `now` stamps `firstSeenAt` on new KEPs
   * and `updatedAt` on new and changed ones; identical data changes nothing.
   */
  upsertMany(keps: Kep[], now: Date): KepUpsertResult;
  getByPath(path: string): StoredKep | null;
  /** Every KEP with this number (numbers are not unique), ordered by path. */
  findByNumber(number: number): StoredKep[];
  /** KEPs matching the filter (all KEPs when it is empty), ordered by number then path. */
  list(filter?: KepFilter): StoredKep[];
}

/** What a use case passes to record a status update; the store adds `id`. */
export type NewStatusUpdate = Omit<StatusUpdate, 'id'> & {
  /** Unique per intended update: a retried delivery records nothing new. */
  idempotencyKey: string;
};

/** Which post is a SIG's top-level status post of a day (outside rounds; migration 0015). */
export interface StatusDayRepo {
  /**
   * Claims the day's top-level post for `key` when none is claimed yet; returns the key that holds
   * the day (this one, or the earlier post later updates reply to).
   */
  claim(sig: string, day: string, key: string, at: Date): string;
  /** Makes `key` the day's top-level post (the one claimed before never reached Slack). */
  replace(sig: string, day: string, key: string, at: Date): void;
}

export interface StatusRepo {
  /**
   * Records an update once per idempotency key. `created` is false when the key was already
   * recorded (the stored update is returned, unchanged).
   */
  record(update: NewStatusUpdate): { update: StatusUpdate; created: boolean };
  /** The latest update of a KEP in a release before the given id (all when omitted). */
  latest(kepPath: string, release: string, beforeId?: number): StatusUpdate | null;
  /** The newest `limit` updates of a KEP in a release, newest first. */
  history(kepPath: string, release: string, limit: number): StatusUpdate[];
  /** The latest update of each KEP of a SIG in a release, by KEP path. */
  latestBySig(sig: string, release: string): Map<string, StatusUpdate>;
  /**
   * Since when each KEP of a SIG has been in its latest state (the first update of the run of
   * that state), by KEP path.
   */
  stateSinceBySig(sig: string, release: string): Map<string, string>;
}

export type NewBlocker = Omit<Blocker, 'id' | 'closedAt' | 'closedBy' | 'closeReason'>;

export interface BlockerRepo {
  /** Opens a blocker, or returns the open one with the same KEP and target (`created` false). */
  open(blocker: NewBlocker): { blocker: Blocker; created: boolean };
  close(id: number, by: string, reason: string, now: Date): Blocker | null;
  get(id: number): Blocker | null;
  /** Open blockers, oldest first, of one KEP or of a whole release. */
  listOpen(filter: { release: string; kepPath?: string }): Blocker[];
}
