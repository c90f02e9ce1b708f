/**
 * The release page's view models: plain data read from the store once per page, rendered to HTML
 * and SVG by `src/site/*-page.ts`. The same models serve the bot's HTTP route and the static export.
 */
import type { StateKey } from '../domain/digest.ts';
import type { KepState } from '../domain/kep-state.ts';
import type { MilestoneKind } from '../domain/types.ts';
import type { StoredKep } from '../ports/store.ts';

/**
 * The release team's tracking Status of a KEP (`Tracked For Code Freeze`, `At Risk For Code Freeze`,
 * `Deferred`…), when a rule for it is plugged in; null when the rule has no value for the KEP.
 */
export type TrackingStatusOf = (kep: StoredKep, latestState: KepState | null, now: Date) => string | null;

/** A count with its label, one bar of a chart. */
export interface Count {
  key: string;
  label: string;
  count: number;
}

export interface CalendarRow {
  name: string;
  kind: MilestoneKind | null;
  /** ISO-8601 UTC. */
  startsAt: string;
  freeze: boolean;
  past: boolean;
}

export interface CalendarModel {
  rows: CalendarRow[];
  /** ISO-8601 UTC. */
  now: string;
  /** The next freeze still ahead, with the time left in words (`12 days 4 hours`). */
  nextFreeze: { name: string; startsAt: string; countdown: string } | null;
  /** The next milestone of any kind still ahead. */
  next: { name: string; startsAt: string } | null;
}

/** One day of the burn-up: how many KEPs were in each state at the end of the day. */
export interface BurnupPoint {
  /** `YYYY-MM-DD`. */
  day: string;
  state: StateKey;
  count: number;
}

export interface SigSummaryRow {
  dir: string;
  name: string;
  keps: number;
  byState: Record<StateKey, number>;
  /** By tracking Status label, when a rule is plugged in. */
  tracking: Record<string, number> | null;
  blocked: number;
  stale: number;
  /** Latest confidences within their increment's cap, of those reported; null without a coding period. */
  confidence: { within: number; reported: number } | null;
  /** Rounds answered / rounds owed across the facilitators, percent; null before any closed round. */
  responseRate: number | null;
  roundsClosed: number;
}

export interface GraphNode {
  id: string;
  label: string;
  kind: 'kep' | 'sig' | 'party';
  /** KEP number, for links. */
  kep: number | null;
  title: string | null;
}

export interface GraphEdge {
  from: string;
  to: string;
  blockerId: number;
  /** Part of a dependency cycle. */
  cycle: boolean;
  openedAt: string;
}

export interface DependencyGraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** `KEP-1 → KEP-2 → KEP-1`, one per cycle. */
  cycles: string[];
}

export interface ReleaseModel {
  release: string;
  generatedAt: string;
  /** `owner/name` of the enhancements repository (`github.repo`), the record of the KEPs. */
  repo: string;
  /** The newest change the page shows (ISO-8601), for Last-Modified. */
  lastModified: string;
  calendar: CalendarModel;
  total: number;
  byState: Count[];
  /** Null when no tracking Status rule is plugged in. */
  byTracking: Count[] | null;
  byStage: Array<{ stage: string; byState: Record<StateKey, number>; total: number }>;
  burnup: BurnupPoint[];
  sigs: SigSummaryRow[];
  graph: DependencyGraphModel;
}

/** A KEP row of a SIG page. */
export interface SigKepRow {
  number: number;
  title: string;
  stage: string | null;
  tracking: string | null;
  state: KepState | null;
  confidence: number | null;
  updatedAt: string | null;
  /** States reported over the release, oldest first. */
  history: Array<{ state: KepState; at: string }>;
}

export interface SigPageModel {
  release: string;
  generatedAt: string;
  /** `owner/name` of the enhancements repository (`github.repo`), the record of the KEPs. */
  repo: string;
  lastModified: string;
  dir: string;
  name: string;
  summary: SigSummaryRow;
  keps: SigKepRow[];
  byState: Count[];
  votes: Array<{ question: string; round: number; closesAt: string; outcome: string; ballots: string }>;
  plan: {
    version: number;
    savedAt: string;
    approvedAt: string | null;
    /** Committed KEPs per increment (1-based), with the planned confidence. */
    increments: Array<{
      increment: number;
      keps: Array<{ number: number; title: string; confidence: number }>;
    }>;
  } | null;
  exceptions: Array<{
    id: number;
    kep: number;
    title: string;
    freeze: string;
    status: string;
    requestedAt: string;
    missing: string | null;
  }>;
  graph: DependencyGraphModel;
}

export interface KepHistoryRow {
  at: string;
  state: KepState;
  confidence: number | null;
  increment: number | null;
  /** Null when notes are not shown (site.showNotes false, or the update came by DM). */
  note: string | null;
  by: string;
}

export interface KepPageModel {
  release: string;
  generatedAt: string;
  /** `owner/name` of the enhancements repository (`github.repo`), the record of the KEPs. */
  repo: string;
  lastModified: string;
  number: number;
  title: string;
  path: string;
  owningSig: string | null;
  owningSigName: string | null;
  participatingSigs: string[];
  status: string | null;
  stage: string | null;
  milestones: Array<{ stage: string; release: string }>;
  prrApprovals: Array<{ stage: string; approver: string }>;
  tracking: string | null;
  latest: KepHistoryRow | null;
  history: KepHistoryRow[];
  blockedBy: Array<{ id: number; target: string; kep: number | null; openedAt: string; openedBy: string }>;
  waitingOnIt: Array<{ id: number; kep: number; title: string | null; openedAt: string }>;
  cycles: string[];
  links: { issue: string; kepYaml: string; directory: string };
  /** Pull requests named in the KEP's exception requests. */
  pullRequests: string[];
  exceptions: Array<{ id: number; freeze: string; status: string; requestedAt: string }>;
  warnings: string[];
  graph: DependencyGraphModel;
}
