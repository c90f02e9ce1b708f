/**
 * The vocabulary of the product, shared by every layer. Pure data: no behaviour, no I/O.
 * Names follow DESIGN.md: SIG (by `dir`), KEP (by number), release, calendar milestone, person.
 */

export const kepStatuses = [
  'provisional',
  'implementable',
  'implemented',
  'deferred',
  'rejected',
  'withdrawn',
  'replaced',
] as const;
export type KepStatus = (typeof kepStatuses)[number];

export const kepStages = ['alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed'] as const;
export type KepStage = (typeof kepStages)[number];

/** A KEP as read from `kep.yaml` (and its PRR file), normalised. Raw values are kept in `raw`. */
export interface Kep {
  /** The KEP directory relative to the enhancements checkout root, e.g. `keps/sig-node/1287-in-place-…`. */
  path: string;
  /** `kep-number` as an integer (the enhancements issue number). */
  number: number;
  title: string;
  owningSig: string | null;
  participatingSigs: string[];
  status: KepStatus | null;
  stage: KepStage | null;
  /** `v1.37` form, or null (`"0.0"`, missing, or unreadable). */
  latestMilestone: string | null;
  /** Release per stage, `v1.37` form; unreadable values are dropped with a warning. */
  milestones: Partial<Record<KepStage, string>>;
  /** PRR approver per stage, from `keps/prod-readiness/<owning-sig>/<number>.yaml`. */
  prrApprovals: Partial<Record<KepStage, string>>;
  /** Related KEP paths (`see-also`, `replaces`, `superseded-by`), normalised to `keps/<sig>/<dir>`. */
  seeAlso: string[];
  replaces: string[];
  supersededBy: string[];
  /** What was wrong with the file, in words an owner can act on. */
  warnings: string[];
  /** The parsed kep.yaml as it was, for anything the normalised fields do not carry. */
  raw: Record<string, unknown>;
}

export const sigKinds = ['sig', 'wg', 'ug', 'committee'] as const;
export type SigKind = (typeof sigKinds)[number];

export interface SigMeeting {
  description: string;
  day: string | null;
  time: string | null;
  /** The zone as written in sigs.yaml (`PT`, `UTC`, `Poland`, …). */
  tz: string | null;
  /** An IANA zone when the free text allows one, else null (see `zoneNote`). */
  zone: string | null;
  zoneNote: string | null;
  frequency: string | null;
  url: string | null;
}

/** A group from kubernetes/community `sigs.yaml`. */
export interface Sig {
  dir: string;
  name: string;
  kind: SigKind;
  label: string | null;
  slackChannel: string | null;
  /** GitHub logins. */
  chairs: string[];
  techLeads: string[];
  meetings: SigMeeting[];
}

export const milestoneKinds = [
  'cycle-start',
  'prr-freeze',
  'enhancements-freeze',
  'exceptions-call',
  'feature-blog-freeze',
  'code-freeze',
  'docs-freeze',
  'burndown',
  'alpha',
  'beta',
  'rc',
  'release',
  'thaw',
] as const;
export type MilestoneKind = (typeof milestoneKinds)[number];

/** One row of a release calendar. Exactly one of `at` and `date` is set. */
export interface CalendarMilestone {
  name: string;
  kind: MilestoneKind | null;
  who: string | null;
  week: number | null;
  /** ISO-8601 UTC instant (`2025-10-17T12:00:00Z`) when the row gives a time or an AoE deadline. */
  at: string | null;
  /** `YYYY-MM-DD` when the row gives only a day. */
  date: string | null;
  /** Last day of a range (`KubeCon … 2025-11-10 … 2025-11-13`). */
  endDate: string | null;
  aoe: boolean;
}

export interface QuietHours {
  /** `HH:MM` local time. */
  from: string;
  to: string;
  weekends: boolean;
}

/** A person known to the bot: GitHub login ↔ Slack user. */
export interface Person {
  github: string;
  slack: string | null;
  timezone: string;
  quietHours: QuietHours | null;
}

/** Something a parser or importer could not take as it was. Never fatal by itself. */
export interface Warning {
  /** Where: a file path, optionally with `:line`. */
  source: string;
  message: string;
}
