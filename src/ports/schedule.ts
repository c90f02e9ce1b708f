/**
 * The plain values and ports the scheduled use cases (rounds, nudges, alerts) take. The scheduler
 * adapter builds `ScheduleSettings` from the config; the Slack adapter implements
 * `ScheduleMessages` with pure Block Kit builders.
 */
import type { AlertPolicy } from '../domain/deadline-alerts.ts';
import type { KepState } from '../domain/kep-state.ts';
import type { NotReadyKep } from '../domain/readiness.ts';
import type { RoundSummary } from '../domain/round.ts';
import type { MilestoneKind } from '../domain/types.ts';
import type { Chat, ChatBlocks } from './chat.ts';
import type { Logger } from './logger.ts';
import type { Store } from './store.ts';

/** A SIG's drumbeat cadence, for SIGs that get rounds (a channel and at least one facilitator). */
export interface RoundCadence {
  sig: string;
  /** 5-field cron, read in `timezone`. */
  cron: string;
  timezone: string;
  nudgeAfterMs: number;
  closeAfterMs: number;
  /** GitHub logins. */
  facilitators: string[];
}

export interface ScheduleSettings {
  /** `v1.35`. */
  release: string;
  rounds: RoundCadence[];
  /** Rounds open only inside the release cycle; null ends are open. */
  roundsWindow: { from: Date | null; until: Date | null };
  alerts: AlertPolicy;
}

/** Resolved channel ids. */
export interface ScheduleChannels {
  release: string | null;
  sig(dir: string): string | null;
}

/** A message that may overflow: the first part is the message, the others go in its thread. */
export interface RenderedMessage {
  text: string;
  parts: ChatBlocks[];
}

/** A KEP line of a round (parent message and nudge DM). */
export interface RoundKepRow {
  path: string;
  number: number;
  title: string;
  state: KepState | null;
  confidence: number | null;
  /** When the latest update was made; null when never. */
  updatedAt: string | null;
}

export interface RoundParentModel {
  sig: string;
  sigName: string;
  release: string;
  openedAt: Date;
  nudgeAt: Date;
  closeAt: Date;
  rows: RoundKepRow[];
}

export interface NudgeModel {
  sig: string;
  sigName: string;
  release: string;
  /** The SIG channel id, where the round's thread is. */
  channel: string;
  closeAt: Date;
  /** When the DM is written (the nudge instant; quiet hours may delay delivery). */
  now: Date;
  rows: RoundKepRow[];
}

export interface RoundSummaryModel {
  sig: string;
  sigName: string;
  release: string;
  openedAt: Date;
  closedAt: Date;
  kepCount: number;
  summary: RoundSummary;
}

export interface DeadlineAlertModel {
  milestone: { name: string; kind: MilestoneKind | null; at: Date | null; date: string | null };
  deadline: Date;
  leadLabel: string;
  now: Date;
  release: string;
  /** What the milestone means (phase definitions); null when there is none. */
  meaning: string | null;
  /** False when the milestone kind has no readiness checks. */
  checked: boolean;
  notReady: NotReadyKep[];
  /** KEPs considered (in the release channel: all; in a SIG channel: the SIG's). */
  kepCount: number;
  /** The KEPs considered, by the release's membership rule: number and owning SIG. */
  keps: Array<{ number: number; sig: string | null }>;
  /** Release channel, or one SIG's channel listing just its KEPs. */
  scope: { kind: 'release' } | { kind: 'sig'; sig: string };
}

/** Builders of the scheduled messages (implemented in slack/blocks). */
export interface ScheduleMessages {
  roundParent(model: RoundParentModel): RenderedMessage;
  nudge(model: NudgeModel): RenderedMessage;
  roundSummary(model: RoundSummaryModel): RenderedMessage;
  deadlineAlert(model: DeadlineAlertModel): RenderedMessage;
}

/** The repos the scheduled use cases (rounds, nudges, alerts) read and write. */
export type ScheduleStore = Pick<
  Store,
  | 'custody'
  | 'githubSnapshots'
  | 'githubSync'
  | 'jobLedger'
  | 'keps'
  | 'milestones'
  | 'milestoneRemovals'
  | 'people'
  | 'planning'
  | 'rounds'
  | 'sigs'
  | 'statusUpdates'
>;

/** The ports the scheduled use cases need. */
export interface ScheduleDeps {
  store: ScheduleStore;
  chat: Chat;
  logger: Logger;
  channels: ScheduleChannels;
  messages: ScheduleMessages;
}
