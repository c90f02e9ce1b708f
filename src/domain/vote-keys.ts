/**
 * The idempotency keys of every message a vote sends. Each names one intended message for ever, so
 * a retry, a double click or a restart sends nothing twice.
 */

/** The vote message of a round. */
export const votePostKey = (voteId: number, round: number) => `vote:${voteId}:r${round}:post`;

/** An update of the tally, naming the latest ballot change it shows. */
export const voteTallyKey = (voteId: number, round: number, eventId: number) =>
  `vote:${voteId}:r${round}:tally:${eventId}`;

/** The last update of a round's message, when it closes. */
export const voteFinalKey = (voteId: number, round: number) => `vote:${voteId}:r${round}:final`;

/** The result reply of a round. */
export const voteResultKey = (voteId: number, round: number) => `vote:${voteId}:r${round}:result`;

export const voteConcernKey = (voteId: number, round: number, concernId: number) =>
  `vote:${voteId}:r${round}:concern:${concernId}`;

export const voteResolvedKey = (voteId: number, round: number, concernId: number) =>
  `vote:${voteId}:r${round}:resolved:${concernId}`;

export const voteReminderKey = (voteId: number, round: number, index: number, user: string) =>
  `${voteReminderPrefix(voteId, round)}${index}:${user}`;

/** What every reminder key of a round starts with. */
export const voteReminderPrefix = (voteId: number, round: number) => `vote:${voteId}:r${round}:remind:`;

/** Where a vote's thread is: the readout's thread, or the thread of round 1's message. */
export type VoteThread = { channel: string; threadTs: string } | { threadOf: string };

export function voteThread(vote: { id: number; channel: string; threadTs: string | null }): VoteThread {
  return vote.threadTs
    ? { channel: vote.channel, threadTs: vote.threadTs }
    : { threadOf: votePostKey(vote.id, 1) };
}
