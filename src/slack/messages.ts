/**
 * How each feature's messages look in Slack: the pure Block Kit builders behind the message ports
 * (`ports/*`), one object per feature, handed to the use cases by the composition root.
 */
import type { RepoLinks } from '../domain/repo-links.ts';
import type { PlanningMessages } from '../ports/planning.ts';
import type { VoteMessages } from '../ports/vote-messages.ts';
import { buildExceptionDecision, buildExceptionPost } from './blocks/exception-messages.ts';
import { buildPlanApproved, buildPlanReply, buildReadoutParent } from './blocks/plan-messages.ts';
import {
  buildConcernPost,
  buildConcernResolved,
  buildVoteMessage,
  buildVoteReminder,
  buildVoteResult,
} from './blocks/vote-message-blocks.ts';

export { createDigestMessages } from './blocks/digest-blocks.ts';
export { buildDriftNotice } from './blocks/drift-notice-blocks.ts';
export { createEscalationMessages } from './blocks/escalation-blocks.ts';
export { createScheduleMessages } from './blocks/schedule-messages.ts';

/** The vote messages; the plan's KEPs link to their issues in the enhancements `repo`. */
export function createVoteMessages(repo: RepoLinks): VoteMessages {
  return {
    voteMessage: (view, now) => buildVoteMessage(view, now, repo),
    result: buildVoteResult,
    concern: buildConcernPost,
    concernResolved: buildConcernResolved,
    reminder: buildVoteReminder,
  };
}

export const planningMessages: PlanningMessages = {
  readoutParent: buildReadoutParent,
  planReply: buildPlanReply,
  planApproved: buildPlanApproved,
  exceptionPost: buildExceptionPost,
  exceptionDecision: buildExceptionDecision,
};
