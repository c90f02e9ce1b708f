/** What the escalation ladder stores about blockers (see migrations/0007_escalations.sql). */

/** A blocker as the ladder knows it. */
export interface EscalationState {
  blockerId: number;
  /** The blocked KEP was in the release when the ladder first saw the blocker. */
  inRelease: boolean;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  /** No ladder step before this ISO instant; null when not snoozed. */
  snoozedUntil: string | null;
  snoozes: number;
  /** Outbox key of the cycle notice when the blocker is part of a dependency cycle. */
  cycleKey: string | null;
  resolutionAnnouncedAt: string | null;
  firstSeenAt: string;
  /** Ladder step indexes done. */
  steps: number[];
}

/** `post`: a channel post with buttons; `sig`: the blocking SIG's notice; `dm`; `lead`: the release lead mentioned; `cycle`. */
export type EscalationMessageKind = 'post' | 'sig' | 'dm' | 'lead' | 'cycle';

/** A message that told someone about one or more blockers. */
export interface EscalationMessage {
  /** Its outbox key. */
  key: string;
  kind: EscalationMessageKind;
  step: number;
  /** The ladder target slug (`pm-channel`, `channel:C…`…) or `cycle`. */
  target: string;
  /** The blocking party's key (`sig:sig-auth`, `kep:1234`, `party:api review`). */
  party: string;
  channel: string | null;
  dmUser: string | null;
  /** Outbox key of the thread the message lives in: its own key when it is a parent. */
  threadKey: string;
  /** Outbox key of the parent it replies under; null for a parent. */
  replyTo: string | null;
  notBefore: string | null;
  /** Content changes so far; `sentRevision` is the last one handed to the outbox (-1: none). */
  revision: number;
  sentRevision: number;
  createdAt: string;
  blockerIds: number[];
}

export type NewEscalationMessage = Omit<EscalationMessage, 'revision' | 'sentRevision' | 'createdAt'>;

/** How the `cycle` event of a broken cycle's detail starts. */
export const cycleBrokenPrefix = 'broken: ';

export type EscalationEventKind = 'acknowledged' | 'snoozed' | 'resolved' | 'cycle' | 'dropped';

export interface EscalationEvent {
  blockerId: number;
  kind: EscalationEventKind;
  by: string;
  at: string;
  detail: string;
}

export interface EscalationRepo {
  /** True when an open blocker of the release has not been seen by the ladder yet (a new one). */
  hasUnseenOpen(release: string): boolean;
  /** The ladder's record of a blocker, or null before it first saw it. */
  get(blockerId: number): EscalationState | null;
  /** The record, created on first sight with `inRelease`. */
  ensure(blockerId: number, inRelease: boolean, now: Date): EscalationState;
  /** Records a step as done; false when it already was (nothing changes). */
  recordStep(blockerId: number, step: number, now: Date, note: string): boolean;
  /** Stores a message with its blockers (not yet sent: `sentRevision` -1). */
  createMessage(message: NewEscalationMessage, now: Date): EscalationMessage;
  /** Adds blockers to a message and counts a revision. */
  join(key: string, blockerIds: number[], now: Date): void;
  /** Counts a content change of each message (it is sent again as an update). */
  revise(keys: string[]): void;
  markSent(key: string, revision: number): void;
  message(key: string): EscalationMessage | null;
  /** Messages that told about the blocker, oldest first. */
  messagesOf(blockerId: number): EscalationMessage[];
  /** The newest message for (step, target, party) that still has an open blocker, or null. */
  activeMessage(step: number, target: string, party: string): EscalationMessage | null;
  /** Messages whose latest revision is not handed to the outbox yet. */
  unsent(): EscalationMessage[];
  acknowledge(blockerIds: number[], by: string, now: Date): void;
  snooze(blockerIds: number[], until: Date, by: string, now: Date): void;
  markCycle(blockerIds: number[], cycleKey: string, now: Date, detail: string): void;
  /** The blockers are in no cycle any more: they climb again (logged as a `cycle` event, `broken: …`). */
  clearCycle(blockerIds: number[], now: Date, detail: string): void;
  /** Closed blockers the ladder told someone about whose resolution is not posted yet. */
  unannouncedClosed(): number[];
  markAnnounced(blockerId: number, now: Date): void;
  log(event: EscalationEvent): void;
  events(blockerId: number): EscalationEvent[];
}
