/** What an inbound key identifies: a delivery (`event`, `trigger`) or a person's click. */
export type InboundKind = 'event' | 'trigger' | 'click' | 'other';

/** The ledger of inbound deliveries and clicks already handled (table `slack_inbound`). */
export interface InboundRepo {
  /**
   * Records `key` as handled at `now`. True the first time; false for a duplicate. With
   * `windowMs`, a key seen longer ago than the window counts as new again (and is refreshed):
   * that is how a double click is told from a second, deliberate click.
   */
  claim(key: string, kind: InboundKind, now: Date, windowMs?: number): boolean;
  /** Forgets `key` (its handler failed, so Slack's retry may run it again). */
  release(key: string): void;
  /** Deletes keys seen before `olderThan`; returns how many. */
  prune(olderThan: Date): number;
}
