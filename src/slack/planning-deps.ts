import type { PlanningDeps, PlanningMessages, PlanningSettings } from '../ports/planning.ts';
import { buildExceptionDecision, buildExceptionPost } from './blocks/exception-messages.ts';
import { buildPlanApproved, buildPlanReply, buildReadoutParent } from './blocks/plan-messages.ts';
import type { BotContext } from './context.ts';
import { voteDepsFrom } from './vote-deps.ts';

/** How planning messages look in Slack: the pure builders behind the PlanningMessages port. */
export const planningMessages: PlanningMessages = {
  readoutParent: buildReadoutParent,
  planReply: buildPlanReply,
  planApproved: buildPlanApproved,
  exceptionPost: buildExceptionPost,
  exceptionDecision: buildExceptionDecision,
};

/** The planning settings from the config and the resolved channels. */
export function planningSettingsFrom(ctx: BotContext): PlanningSettings {
  const { config } = ctx;
  const slackOf = (login: string) => config.peopleByGithub.get(login.toLowerCase())?.slack ?? null;
  return {
    release: config.release.name,
    codingPeriod: config.release.codingPeriod,
    calendar: config.release.milestones,
    readoutAt: config.planning.readoutAt,
    releaseChannel: ctx.channels.release,
    admins: config.release.team,
    planners: ctx.statusPolicy.updaters,
    facilitators: Object.fromEntries(config.sigs.map((s) => [s.dir, s.facilitators])),
    voteOwner: config.release.lead?.slack ?? null,
    exceptions: {
      deciders: config.planning.exceptions.deciders.map(slackOf).filter((id): id is string => id !== null),
      windowBeforeMs: config.planning.exceptions.windowBeforeMs,
      windowAfterMs: config.planning.exceptions.windowAfterMs,
      freezes: config.planning.exceptions.freezes,
    },
    vote: {
      quorum: config.votes.quorum,
      hideValues: config.votes.hideValuesUntilClose,
      durationMs: config.votes.durationMs,
      remindAt: config.votes.remindAt,
    },
    github: {
      repo: config.github.repo,
      approvedLabel: config.github.labels.approved,
      optedInLabel: config.github.labels.optedIn,
    },
  };
}

/** What the planning use cases need, from the bot's context. */
export function planningDepsFrom(ctx: BotContext): PlanningDeps {
  return {
    store: ctx.store,
    chat: ctx.chat,
    clock: ctx.clock,
    logger: ctx.logger.child({ component: 'planning' }),
    messages: planningMessages,
    settings: planningSettingsFrom(ctx),
    votes: voteDepsFrom(ctx),
  };
}
