/**
 * The plain values and ports the escalation use cases take. The Slack adapter builds them from the
 * bot's context (`src/slack/escalation-deps.ts`) and renders messages with pure Block Kit builders
 * (`src/slack/blocks/escalation-blocks.ts`), so `app/` never imports Block Kit.
 */
import type { BlockingParty, LadderStep } from '../domain/escalation-ladder.ts';
import type { PermissionRoster } from '../domain/permissions.ts';
import type { Chat, ChatBlocks } from './chat.ts';
import type { Clock } from './clock.ts';
import type { EscalationMessageKind } from './escalation-store.ts';
import type { Logger } from './logger.ts';
import type { Store } from './store.ts';

export interface EscalationSettings {
  /** `v1.35`. */
  release: string;
  businessDays: boolean;
  ladder: LadderStep[];
  /** The release lead's Slack user id; null when there is none (or no Slack user). */
  leadSlack: string | null;
  /** How long "Snooze" delays the next step (business time with `businessDays`). */
  snoozeMs: number;
  /** Who may press the escalation buttons. */
  permissions: PermissionRoster;
  /** `owner/name` of the enhancements repository (`github.repo`). */
  repo: string;
}

/** Resolved channel ids. */
export interface EscalationChannels {
  pm: string | null;
  release: string | null;
  sig(dir: string): string | null;
  /** A `channel:` target as written (`C…` or `#name`) → its id, or null when unknown. */
  named(channel: string): string | null;
}

/** One blocker as a message shows it. */
export interface EscalationItem {
  blockerId: number;
  kep: { number: number; title: string; sig: string };
  /** `KEP-1234`, `sig-auth`, `API review`. */
  waitsOn: string;
  party: BlockingParty;
  /** Slack user who declared it. */
  declaredBy: string;
  openedAt: Date;
  /** `3d (business days)`. */
  age: string;
  /** The next freeze (or release day) after now. */
  milestoneAtRisk: { name: string; at: Date } | null;
  /** KEPs that wait on the blocked one, as chains (see `dependentPaths`). */
  dependents: number[][];
  /** What kep.yaml already says about the two, or null. */
  relationship: string | null;
  open: boolean;
  closedBy: string | null;
  closeReason: string | null;
  acknowledgedBy: string | null;
  snoozedUntil: Date | null;
}

/** A ladder message about one blocker or a fan-out group with the same blocking party. */
export interface EscalationMessageModel {
  kind: Exclude<EscalationMessageKind, 'cycle'>;
  /** The message's outbox key: the buttons carry it. */
  key: string;
  /** 0-based ladder step. */
  step: number;
  release: string;
  /** `sig-auth`, `API review`. */
  partyLabel: string;
  /** The blocking SIG's facilitators (`sig`), or the release lead (`lead`): Slack ids. */
  mention: string[];
  items: EscalationItem[];
  now: Date;
}

export interface ResolutionModel {
  item: EscalationItem;
  /** The blocked KEP left the release: the blocker closed on its own. */
  dropped: boolean;
  release: string;
}

export interface CycleModel {
  /** `KEP-1 → KEP-2 → KEP-1`. */
  cycle: string;
  items: EscalationItem[];
  release: string;
}

/** Message content for the Chat port. */
export interface EscalationContent {
  text: string;
  blocks: ChatBlocks;
}

/** Builders of the escalation messages (implemented in slack/blocks). */
export interface EscalationMessages {
  message(model: EscalationMessageModel): EscalationContent;
  resolution(model: ResolutionModel): EscalationContent;
  cycle(model: CycleModel): EscalationContent;
  /** The one notice that a cycle called out earlier is gone (its blockers climb again). */
  cycleBroken(model: CycleModel): EscalationContent;
}

/** The repos the escalation use cases read and write. */
export type EscalationStore = Pick<
  Store,
  'blockers' | 'escalations' | 'keps' | 'milestones' | 'people' | 'sigs' | 'statusUpdates' | 'transaction'
>;

/** The ports the escalation use cases need. */
export interface EscalationDeps {
  store: EscalationStore;
  chat: Chat;
  clock: Clock;
  logger: Logger;
  channels: EscalationChannels;
  messages: EscalationMessages;
  settings: EscalationSettings;
  /** The outbox key of a SIG's open drumbeat round parent, when rounds run. */
  roundThread?: (sig: string) => string | null;
}
