/**
 * What the GitHub sync reads, as plain data: KEP issues, release-board items, and the events that
 * describe how they changed. Pure types; no I/O.
 */

/** A KEP issue as last read (the issue number is the KEP number). */
export interface IssueSnapshot {
  /** `owner/name`. */
  repo: string;
  number: number;
  title: string;
  state: 'OPEN' | 'CLOSED';
  /** The milestone title (`v1.37`), or null. */
  milestone: string | null;
  /** Label names, sorted. */
  labels: string[];
  /** GitHub's `updatedAt` (ISO-8601). */
  updatedAt: string;
}

/** An item of the release tracking board (a GitHub Project), with the fields the release team sets. */
export interface BoardItemSnapshot {
  /** `org/number` of the project. */
  board: string;
  /** The ProjectV2Item node id. */
  itemId: string;
  /** The issue's repository (`owner/name`) and number; null for drafts and pull requests. */
  issueRepo: string | null;
  issueNumber: number | null;
  /** `Tracked for Enhancements Freeze`, `At Risk for Code Freeze`, `Removed From Milestone`… */
  status: string | null;
  stage: string | null;
  sig: string | null;
  prrStatus: string | null;
  /** Every single-select, text, number and date field by its name. */
  fields: Record<string, string>;
  archived: boolean;
  updatedAt: string;
}

export const githubEventKinds = [
  'issue-joined',
  'issue-state',
  'issue-milestone',
  'label-added',
  'label-removed',
  'board-added',
  'board-removed',
  'board-field',
  'kep-changed',
] as const;
export type GithubEventKind = (typeof githubEventKinds)[number];

/** Something that changed on GitHub, worded for people ("moved to At Risk for Code Freeze on the board"). */
export interface NewGithubEvent {
  /** Unique per change: replaying a page records nothing twice. */
  key: string;
  kind: GithubEventKind;
  kepNumber: number | null;
  field: string | null;
  before: string | null;
  after: string | null;
  message: string;
  /** When GitHub says it changed (the item's updatedAt), ISO-8601. */
  occurredAt: string;
}

/** A stored event. */
export interface GithubEvent extends NewGithubEvent {
  id: number;
  recordedAt: string;
}
