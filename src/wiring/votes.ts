import type { ResolvedConfig } from '../config/resolved-config.ts';
import { repoLinksFor } from '../domain/repo-links.ts';
import type { VoteDefaults, VoteDeps, VoteSettings } from '../ports/vote-messages.ts';
import { createVoteMessages } from '../slack/messages.ts';
import type { Adapters } from './adapters.ts';

/** The vote settings from the config: the approval label, the repository, who may close any vote. */
export function voteSettingsFrom(config: ResolvedConfig): VoteSettings {
  const closers = config.release.team
    .map((login) => config.peopleByGithub.get(login.toLowerCase())?.slack ?? null)
    .filter((id): id is string => id !== null);
  return { approvedLabel: config.github.labels.approved, repo: config.github.repo, closers };
}

/** What a new vote starts with (`votes:` in the config). */
export function voteDefaultsFrom(config: ResolvedConfig): VoteDefaults {
  const { quorum, hideValuesUntilClose, durationMs, remindAt } = config.votes;
  return { quorum, hideValues: hideValuesUntilClose, durationMs, remindAt };
}

/** What the vote use cases need: e.g. the scheduler runs `runDueVoteWork(deps)` every minute. */
export function voteDeps(config: ResolvedConfig, adapters: Adapters): VoteDeps {
  return {
    store: adapters.store,
    chat: adapters.chat,
    clock: adapters.clock,
    logger: adapters.logger.child({ component: 'votes' }),
    messages: createVoteMessages(repoLinksFor(config.github.repo)),
    settings: voteSettingsFrom(config),
  };
}
