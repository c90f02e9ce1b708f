import type { VoteDeps, VoteMessages } from '../ports/vote-messages.ts';
import {
  buildConcernPost,
  buildConcernResolved,
  buildVoteMessage,
  buildVoteReminder,
  buildVoteResult,
} from './blocks/vote-message-blocks.ts';
import type { BotContext } from './context.ts';

/** How vote messages look in Slack: the pure builders behind the VoteMessages port. */
export const voteMessages: VoteMessages = {
  voteMessage: buildVoteMessage,
  result: buildVoteResult,
  concern: buildConcernPost,
  concernResolved: buildConcernResolved,
  reminder: buildVoteReminder,
};

/**
 * What the vote use cases need, from the bot's context: e.g. the scheduler runs
 * `runDueVoteWork(voteDepsFrom(ctx))` every minute.
 */
export function voteDepsFrom(ctx: BotContext): VoteDeps {
  const { config } = ctx;
  const closers = config.release.team
    .map((login) => config.peopleByGithub.get(login.toLowerCase())?.slack ?? null)
    .filter((id): id is string => id !== null);
  return {
    store: ctx.store,
    chat: ctx.chat,
    clock: ctx.clock,
    logger: ctx.logger.child({ component: 'votes' }),
    messages: voteMessages,
    settings: { approvedLabel: config.github.labels.approved, repo: config.github.repo, closers },
  };
}
