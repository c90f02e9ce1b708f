import { permissionRosterFrom } from '../config/permission-roster.ts';
import type { ResolvedConfig } from '../config/resolved-config.ts';
import type { PlanningDeps, PlanningSettings } from '../ports/planning.ts';
import type { VoteDeps } from '../ports/vote-messages.ts';
import { planningMessages } from '../slack/messages.ts';
import type { Adapters } from './adapters.ts';
import { voteDefaultsFrom } from './votes.ts';

/** The planning settings from the config and the release channel resolved at start. */
export function planningSettingsFrom(
  config: ResolvedConfig,
  releaseChannel: string | null,
): PlanningSettings {
  const slackOf = (login: string) => config.peopleByGithub.get(login.toLowerCase())?.slack ?? null;
  return {
    release: config.release.name,
    codingPeriod: config.release.codingPeriod,
    calendar: config.release.milestones,
    readoutAt: config.planning.readoutAt,
    releaseChannel,
    admins: config.release.team,
    planners: Object.fromEntries(config.sigs.map((s) => [s.dir, s.statusUpdaters])),
    facilitators: Object.fromEntries(config.sigs.map((s) => [s.dir, s.facilitators])),
    voteOwner: config.release.lead?.slack ?? null,
    exceptions: {
      deciders: config.planning.exceptions.deciders.map(slackOf).filter((id): id is string => id !== null),
      windowBeforeMs: config.planning.exceptions.windowBeforeMs,
      windowAfterMs: config.planning.exceptions.windowAfterMs,
      freezes: config.planning.exceptions.freezes,
    },
    vote: voteDefaultsFrom(config),
    github: {
      repo: config.github.repo,
      approvedLabel: config.github.labels.approved,
      optedInLabel: config.github.labels.optedIn,
    },
    permissions: permissionRosterFrom(config),
    board: config.github.board
      ? { key: `${config.github.board.org}/${config.github.board.number}`, names: config.github.board.fields }
      : null,
  };
}

/** What the planning use cases need; a plan's vote runs on the vote feature's deps. */
export function planningDeps(config: ResolvedConfig, adapters: Adapters, votes: VoteDeps): PlanningDeps {
  return {
    store: adapters.store,
    chat: adapters.chat,
    clock: adapters.clock,
    logger: adapters.logger.child({ component: 'planning' }),
    messages: planningMessages,
    settings: planningSettingsFrom(config, adapters.channels.release),
    votes,
  };
}
