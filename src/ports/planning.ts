/**
 * What the planning use cases (plans, the readout, exception requests) take: the ports, plain
 * settings from the config, and how their messages look (implemented by pure Block Kit builders in
 * `src/slack/messages.ts`, so `src/app/` never imports Block Kit).
 */
import type { BoardFieldNames } from '../domain/board.ts';
import type { CodingPeriod, Increment } from '../domain/confidence.ts';
import type { ExceptionFreeze, ExceptionRequest } from '../domain/exception.ts';
import type { PermissionRoster } from '../domain/permissions.ts';
import type { SigPlan, UncommittedDependency } from '../domain/plan.ts';
import type { CalendarMilestone } from '../domain/types.ts';
import type { Chat, ChatContent } from './chat.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import type { Store } from './store.ts';
import type { VoteDefaults, VoteDeps } from './vote-messages.ts';

/** One SIG's plan as the readout shows it. */
export interface PlanReplyModel {
  plan: SigPlan;
  increments: Increment[] | null;
  /** Risks by KEP number (low confidence, last increment, uncommitted dependencies). */
  risks: Map<number, string[]>;
  uncommitted: UncommittedDependency[];
  /** True when the plan changed after the readout was posted. */
  updated: boolean;
}

export interface ReadoutModel {
  release: string;
  plans: SigPlan[];
  uncommitted: UncommittedDependency[];
  /** SIGs that have facilitators but no plan. */
  missing: string[];
}

/** How planning messages look. */
export interface PlanningMessages {
  readoutParent(model: ReadoutModel): ChatContent;
  planReply(model: PlanReplyModel): ChatContent;
  /** The vote approved the plan: what was marked and which labels were planned. */
  planApproved(input: {
    release: string;
    sigs: string[];
    labelsPlanned: number[];
    alreadyPlanned: number[];
  }): ChatContent;
  /** The request in the release channel, with Approve / Reject while open, the decision after. */
  exceptionPost(request: ExceptionRequest, deciders: string[]): ChatContent;
  /** The reply in the request's thread when it is decided. */
  exceptionDecision(request: ExceptionRequest): ChatContent;
}

export interface PlanningSettings {
  release: string;
  codingPeriod: CodingPeriod | null;
  calendar: CalendarMilestone[];
  /** ISO instant of the planning event (readout), or null. */
  readoutAt: string | null;
  /** Channel id of the release channel (the readout and exception requests go there). */
  releaseChannel: string | null;
  /** GitHub logins who may plan any SIG (the release team). */
  admins: string[];
  /** GitHub logins who may plan each SIG (its status updaters), by SIG dir. */
  planners: Record<string, string[]>;
  /** GitHub logins of each SIG's facilitators (the readout vote's electorate), by SIG dir. */
  facilitators: Record<string, string[]>;
  /** Slack user id of who owns the readout vote (the release lead), or null. */
  voteOwner: string | null;
  exceptions: {
    /** Slack user ids of who may decide. */
    deciders: string[];
    windowBeforeMs: number;
    windowAfterMs: number;
    freezes: ExceptionFreeze[];
  };
  /** The vote settings of the config (`votes:`). */
  vote: VoteDefaults;
  github: { repo: string; approvedLabel: string; optedInLabel: string };
  /** Who may commit plans and decide exception requests. */
  permissions: PermissionRoster;
  /** The release tracking board (`org/number`) and its field names, when configured. */
  board: { key: string; names: BoardFieldNames } | null;
}

/** The repos the planning use cases read and write. */
export type PlanningStore = Pick<
  Store,
  'githubSnapshots' | 'githubWriteBack' | 'keps' | 'people' | 'planning' | 'transaction' | 'votes'
>;

export interface PlanningDeps {
  store: PlanningStore;
  chat: Chat;
  clock: Clock;
  logger: Logger;
  messages: PlanningMessages;
  settings: PlanningSettings;
  /** The vote use cases' deps (the readout starts a vote). */
  votes: VoteDeps;
}
