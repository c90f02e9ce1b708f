/**
 * How each feature's messages look in Slack: the pure Block Kit builders behind the message ports
 * (`ports/*`), one object per feature, handed to the use cases by the composition root.
 */
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

export { createDigestMessages, digestMessages } from './blocks/digest-blocks.ts';
export { buildDriftNotice } from './blocks/drift-notice-blocks.ts';
export { escalationMessages } from './blocks/escalation-blocks.ts';
export { createScheduleMessages, scheduleMessages } from './blocks/schedule-messages.ts';

export const voteMessages: VoteMessages = {
  voteMessage: buildVoteMessage,
  result: buildVoteResult,
  concern: buildConcernPost,
  concernResolved: buildConcernResolved,
  reminder: buildVoteReminder,
};

export const planningMessages: PlanningMessages = {
  readoutParent: buildReadoutParent,
  planReply: buildPlanReply,
  planApproved: buildPlanApproved,
  exceptionPost: buildExceptionPost,
  exceptionDecision: buildExceptionDecision,
};
