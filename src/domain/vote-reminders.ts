import type { VoteReminderRule } from './vote.ts';

/** A reminder of a round: its place in the vote's rules and when it is due. */
export interface ReminderInstant {
  index: number;
  at: Date;
}

/**
 * When each reminder rule fires for a round open from `opensAt` to `closesAt`: `elapsed-share` at
 * that share of the voting time, `before-close` that long before the deadline. Rules that fall
 * outside the round (at or before it opens, at or after it closes) are left out. Ordered by time.
 */
export function reminderInstants(
  rules: readonly VoteReminderRule[],
  opensAt: Date,
  closesAt: Date,
): ReminderInstant[] {
  const open = opensAt.getTime();
  const close = closesAt.getTime();
  return rules
    .map((rule, index) => ({
      index,
      at: rule.kind === 'elapsed-share' ? open + rule.share * (close - open) : close - rule.ms,
    }))
    .filter(({ at }) => Number.isFinite(at) && at > open && at < close)
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ index, at }) => ({ index, at: new Date(Math.round(at)) }));
}

/**
 * The reminders due at `now` that have not been sent. When several are due at once (the bot was
 * down), only the latest is sent, so nobody gets two reminders in a row; `skipped` are the others,
 * to be recorded as done.
 */
export function dueReminders(
  instants: readonly ReminderInstant[],
  sent: ReadonlySet<number>,
  now: Date,
): { send: ReminderInstant | null; skipped: ReminderInstant[] } {
  const due = instants.filter((r) => r.at.getTime() <= now.getTime() && !sent.has(r.index));
  if (due.length === 0) return { send: null, skipped: [] };
  return { send: due.at(-1)!, skipped: due.slice(0, -1) };
}
