import type { ElectorateKind, VoteQuorum, VoteReminderRule } from '../domain/vote.ts';
import { maxQuestionLength } from '../domain/vote-command.ts';
import { votePostKey } from '../domain/vote-keys.ts';
import type { WithStore } from '../ports/store.ts';
import type { VoteDeps } from '../ports/vote-messages.ts';
import type { RoundRecord, VoteRecord } from '../ports/vote-store.ts';
import { loadVoteView } from './load-vote-view.ts';

/** What `startVote` takes: the vote ports, with the repos it uses. */
export type StartVoteDeps = WithStore<VoteDeps, 'votes'>;

/** A vote to start, with its electorate already read from Slack (frozen from now on). */
export interface StartVoteInput {
  question: string;
  owner: string;
  channel: string;
  /** Post the vote as a reply in this message's thread (a readout); null for a top-level post. */
  threadTs: string | null;
  electorate: { kind: ElectorateKind; source: string | null; members: string[] };
  quorum: VoteQuorum;
  hideValues: boolean;
  durationMs: number;
  remindAt: VoteReminderRule[];
  link: string | null;
  kepIssues: number[];
  /** Unique per intended vote (the start modal's view id). */
  idempotencyKey: string;
}

export type StartVoteResult =
  | { ok: true; vote: VoteRecord; round: RoundRecord; created: boolean }
  | { ok: false; field: 'question' | 'electorate'; message: string };

/** Stores the vote with its frozen electorate and round 1, and posts the vote message. */
export async function startVote(deps: StartVoteDeps, input: StartVoteInput): Promise<StartVoteResult> {
  const question = input.question.replace(/\s+/g, ' ').trim();
  if (question === '') return { ok: false, field: 'question', message: 'Write the question people vote on.' };
  if ([...question].length > maxQuestionLength)
    return {
      ok: false,
      field: 'question',
      message: `The question is too long: keep it under ${maxQuestionLength} characters and link the plan instead.`,
    };
  const members = [...new Set(input.electorate.members)];
  if (members.length === 0)
    return {
      ok: false,
      field: 'electorate',
      message: 'Nobody is in this electorate: pick a channel, user group or people with at least one person.',
    };
  const now = deps.clock.now();
  const { vote, round, created } = deps.store.votes.create(
    {
      question,
      owner: input.owner,
      channel: input.channel,
      threadTs: input.threadTs,
      electorateKind: input.electorate.kind,
      electorateSource: input.electorate.kind === 'people' ? null : input.electorate.source,
      quorum: input.quorum,
      hideValues: input.hideValues,
      durationMs: input.durationMs,
      remindAt: input.remindAt,
      link: input.link,
      kepIssues: input.kepIssues,
      createdAt: now.toISOString(),
      electors: members,
      idempotencyKey: input.idempotencyKey,
    },
    { opensAt: now.toISOString(), closesAt: new Date(now.getTime() + input.durationMs).toISOString() },
  );
  const view = loadVoteView(deps.store.votes, round.id)!;
  await deps.chat.post({
    key: votePostKey(vote.id, round.number),
    lane: 'interactive',
    channel: vote.channel,
    ...(vote.threadTs ? { threadTs: vote.threadTs } : {}),
    ...deps.messages.voteMessage(view, now),
  });
  deps.logger.info('vote started', { vote: vote.id, electors: members.length, created });
  return { ok: true, vote, round, created };
}
