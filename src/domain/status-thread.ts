/**
 * Where a SIG channel's status post goes: during a round, the round's thread; outside one, the
 * first update of the day is a top-level post and later updates that day reply in its thread, so
 * a channel gets at most one top-level status post a day. Days are UTC days.
 */

/** The UTC day of an instant, `YYYY-MM-DD`. */
export function statusDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export interface StatusThreadInput {
  /** Outbox key of the open round's parent, or null outside a round. */
  roundThread: string | null;
  /** Outbox key of the day's top-level status post (possibly this post's own key), or null. */
  dayParent: string | null;
  /** This post's outbox key. */
  ownKey: string;
}

/** The outbox key of the post to reply under, or null for a top-level post. */
export function statusThread(input: StatusThreadInput): string | null {
  if (input.roundThread) return input.roundThread;
  return input.dayParent && input.dayParent !== input.ownKey ? input.dayParent : null;
}
