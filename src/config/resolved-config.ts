/**
 * The configuration the rest of the app uses: imports read, defaults applied, references checked,
 * durations in milliseconds, time zones filled in. Produced only by loadConfig / parseConfigText.
 */
import type { BoardFieldNames } from '../domain/board.ts';
import type { LadderStep } from '../domain/escalation-ladder.ts';
import type { CalendarMilestone, MilestoneKind, Person, Sig } from '../domain/types.ts';
import type { GithubLabels, WriteBackVia } from '../domain/write-back-plan.ts';
import type { DeliverySettings } from './delivery-config.ts';
import type { FeedbackConfig } from './feedback-config.ts';
import type { PlanningSettings } from './planning-config.ts';
import type { ConfigProblem } from './problems.ts';
import type { SiteSettings } from './site-config.ts';

/** When a SIG's drumbeat round opens, nudges and closes. */
export interface DrumbeatCadence {
  /** Cron expression (the grammar of domain/cron.ts), evaluated in `timezone`. */
  cron: string;
  /** IANA zone. */
  timezone: string;
  /** After the round opens, facilitators who have not updated get one DM. */
  nudgeAfterMs: number;
  /** After the round opens, the summary reply is posted and the round closes. */
  closeAfterMs: number;
}

/** When and where a SIG's weekly digest goes. */
export interface DigestCadence {
  cron: string;
  timezone: string;
  /** `chairs` (a DM to each chair with a Slack user) or a channel (`#name` or an ID). */
  to: 'chairs' | string;
}

/** Who may update a SIG's KEPs, by role. */
export type StatusUpdaterRole = 'facilitators' | 'chairs' | 'techLeads';

/** A SIG as the bot runs it: sigs.yaml (or inline) data with the config's overrides applied. */
export interface ResolvedSig extends Sig {
  /** Where rounds and SIG alerts are posted: `#name` or a channel ID; null when none is known. */
  channel: string | null;
  /** GitHub logins of the release's facilitators (each is a person in `people`). */
  facilitators: string[];
  drumbeat: DrumbeatCadence;
  digest: DigestCadence;
  statusUpdaterRoles: StatusUpdaterRole[];
  /** GitHub logins allowed to update this SIG's KEPs (from the roles above; release team not included). */
  statusUpdaters: string[];
}

/** The SIG-PM coding period: increments with confidence caps. */
export interface CodingPeriod {
  /** `YYYY-MM-DD`, the first day of increment 0. */
  start: string;
  increments: number;
  weeksPerIncrement: number;
  /** Max commit confidence (percent) for work k increments ahead; the last cap applies beyond. */
  confidenceCaps: number[];
  /** `YYYY-MM-DD`, the day after the last increment. */
  end: string;
}

export interface AlertSettings {
  /** Milestone kinds that get deadline alerts. */
  kinds: MilestoneKind[];
  /** Lead times (ms before the milestone), longest first. */
  leadTimesMs: number[];
  /** Per-kind lead times replacing `leadTimesMs` for that kind. */
  leadTimesByKindMs: Partial<Record<MilestoneKind, number[]>>;
}

export interface ResolvedRelease {
  /** `v1.37`. */
  name: string;
  /** Imported and inline milestones, in time order. */
  milestones: CalendarMilestone[];
  codingPeriod: CodingPeriod | null;
  alerts: AlertSettings;
  /** The release lead, a person from `people`. */
  lead: Person | null;
  /** GitHub logins allowed to update the status of any SIG's KEPs (the release team; includes the lead). */
  team: string[];
}

export type VoteQuorum = { kind: 'all' } | { kind: 'share'; share: number };

/** When to remind voters who have not voted: a share of the voting time, or a time before it closes. */
export type VoteReminder = { kind: 'elapsed-share'; share: number } | { kind: 'before-close'; ms: number };

export interface VoteDefaults {
  durationMs: number;
  quorum: VoteQuorum;
  hideValuesUntilClose: boolean;
  remindAt: VoteReminder[];
}

export interface GithubSettings {
  /** `owner/name`. */
  repo: string;
  owner: string;
  name: string;
  /** `owner/name` of the repository whose pull requests implement KEPs (`kubernetes/kubernetes`). */
  codeRepo: string;
  /** Read the chain of custody after each scheduled sync, so readiness judges Code/Test Freeze from PRs. */
  custody: boolean;
  board: { org: string; number: number; fields: BoardFieldNames } | null;
  /** Absolute path of a kubernetes/enhancements checkout, or null. */
  localCheckout: string | null;
  labels: GithubLabels;
  /** GitHub changes are only planned (dry-run) until this is true. */
  writeBack: boolean;
  /** How labels and milestones are changed: Prow commands in one issue comment, or the API. */
  writeBackVia: WriteBackVia;
}

export interface ResolvedConfig {
  /** Absolute path of the config file. */
  file: string;
  workspace: { timezone: string; channels: { pm: string; release: string } };
  github: GithubSettings;
  release: ResolvedRelease;
  people: Person[];
  /** People by GitHub login, lower-cased (GitHub logins are case-insensitive). */
  peopleByGithub: ReadonlyMap<string, Person>;
  /** People by Slack user ID. */
  peopleBySlack: ReadonlyMap<string, Person>;
  /** Lower-cased logins that come from `people.import` alone (no `people` entry of their own). */
  peopleImportedOnly?: ReadonlySet<string>;
  /** SIGs the bot runs for, ordered by dir. */
  sigs: ResolvedSig[];
  sigsByDir: ReadonlyMap<string, ResolvedSig>;
  escalation: { businessDays: boolean; ladder: LadderStep[] };
  votes: VoteDefaults;
  /** Release planning: the readout and exception requests (`planning:`). */
  planning: PlanningSettings;
  /** The satisfaction pulse and the retrospective after the release (`feedback:`). */
  feedback: FeedbackConfig;
  /** The read-only release page (`site:`). */
  site: SiteSettings;
  /** The Slack app's history scopes and what a crash mid-send means without them (`delivery:`). */
  delivery: DeliverySettings;
  warnings: ConfigProblem[];
}

/** The person with this GitHub login (any case), or null. */
export function personByGithub(config: Pick<ResolvedConfig, 'peopleByGithub'>, login: string): Person | null {
  return config.peopleByGithub.get(login.toLowerCase()) ?? null;
}

/** The lead times (ms) for a milestone kind: its own list when configured, else the default. */
export function leadTimesFor(alerts: AlertSettings, kind: MilestoneKind | null): number[] {
  return (kind !== null ? alerts.leadTimesByKindMs[kind] : undefined) ?? alerts.leadTimesMs;
}

/** May this GitHub login update the status of this SIG's KEPs (its updaters, or the release team)? */
export function mayUpdateSig(
  config: Pick<ResolvedConfig, 'release'>,
  sig: ResolvedSig,
  login: string,
): boolean {
  const lower = login.toLowerCase();
  return [...sig.statusUpdaters, ...config.release.team].some((l) => l.toLowerCase() === lower);
}
