import { decidePermission, emptyRoster } from '../domain/permissions.ts';
import { type RoundCloseReason, type RoundDecision, voteTallyIntervalMs } from '../domain/vote.ts';
import {
  voteFinalKey,
  votePostKey,
  voteReminderPrefix,
  voteResultKey,
  voteThread,
} from '../domain/vote-keys.ts';
import type { WithStore } from '../ports/store.ts';
import type { VoteDeps, VoteView } from '../ports/vote-messages.ts';
import { loadVoteView } from './load-vote-view.ts';

/** What `closeVote` takes: the vote ports, with the repos it uses. */
export type CloseVoteDeps = WithStore<VoteDeps, 'githubWriteBack' | 'votes'>;

export interface CloseVoteInput {
  roundId: number;
  reason: RoundCloseReason;
  /** Who closes it early (`owner` reason): the owner or one of `settings.closers`. */
  by?: string;
}

export type CloseVoteResult =
  | {
      ok: true;
      /** False when the round was already closed (nothing was sent again). */
      closed: boolean;
      decision: RoundDecision;
      view: VoteView;
      /** Issue numbers a label was newly planned for. */
      labelsPlanned: number[];
    }
  | { ok: false; message: string };

/**
 * Closes a round once: records the outcome, posts the result in the thread, shows the final tally
 * in the vote message, and on approval plans the approved label on the vote's KEP issues.
 */
export async function closeVote(deps: CloseVoteDeps, input: CloseVoteInput): Promise<CloseVoteResult> {
  const { votes } = deps.store;
  const before = loadVoteView(votes, input.roundId);
  if (!before) return { ok: false, message: 'This vote no longer exists.' };
  if (input.reason === 'owner' && !mayClose(deps, before, input.by ?? '')) {
    return {
      ok: false,
      message: 'Only the person who started this vote (or the release team) can close it early.',
    };
  }
  if (before.round.closedAt !== null) {
    return { ok: true, closed: false, decision: before.decision, view: before, labelsPlanned: [] };
  }
  const now = deps.clock.now();
  const outcome = before.decision.approved ? 'approved' : 'not-approved';
  const closed = votes.closeRound(input.roundId, {
    closedAt: now.toISOString(),
    reason: input.reason,
    outcome,
    by: input.reason === 'owner' ? (input.by ?? null) : null,
  });
  const view = loadVoteView(votes, input.roundId)!;
  if (!closed) return { ok: true, closed: false, decision: view.decision, view, labelsPlanned: [] };
  await sendClosingMessages(deps, view, now);
  const labelsPlanned = outcome === 'approved' ? planApprovedLabels(deps, view, now) : [];
  deps.logger.info('vote round closed', {
    vote: view.vote.id,
    round: view.round.number,
    outcome,
    reason: input.reason,
  });
  return { ok: true, closed: true, decision: view.decision, view, labelsPlanned };
}

function mayClose(deps: Omit<VoteDeps, 'store'>, view: VoteView, user: string): boolean {
  const act = {
    kind: 'vote-management',
    ownerSlack: view.vote.owner,
    teamSlack: deps.settings.closers,
  } as const;
  return decidePermission(emptyRoster, { slack: user, github: null }, act).allowed;
}

async function sendClosingMessages(deps: Omit<VoteDeps, 'store'>, view: VoteView, now: Date): Promise<void> {
  const { vote, round } = view;
  // reminders still waiting (quiet hours) would now only arrive after the fact
  const withdrawn = await deps.chat.withdraw(voteReminderPrefix(vote.id, round.number), 'the vote closed');
  if (withdrawn > 0)
    deps.logger.info('vote reminders withdrawn: the vote closed before they could go', {
      vote: vote.id,
      round: round.number,
      withdrawn,
    });
  await deps.chat.post({
    key: voteResultKey(vote.id, round.number),
    lane: 'interactive',
    ...voteThread(vote),
    ...deps.messages.result(view),
  });
  // A tally update may be waiting up to one interval; the final one goes after it, never before.
  await deps.chat.update({
    key: voteFinalKey(vote.id, round.number),
    lane: 'interactive',
    target: { key: votePostKey(vote.id, round.number) },
    notBefore: new Date(now.getTime() + voteTallyIntervalMs),
    ...deps.messages.voteMessage(view, now),
  });
}

/** Records a plan to add the approved label to each KEP issue of the vote (the write-back applies it). */
function planApprovedLabels(
  deps: WithStore<VoteDeps, 'githubWriteBack'>,
  view: VoteView,
  now: Date,
): number[] {
  const { repo, approvedLabel: label } = deps.settings;
  if (view.vote.kepIssues.length === 0) return [];
  const planned = deps.store.githubWriteBack.plan(
    view.vote.kepIssues.map((issue) => ({
      key: `add-label:${repo}#${issue}:${label}`,
      kind: 'add-label' as const,
      repo,
      issueNumber: issue,
      label,
      reason: `vote ${view.vote.id} approved (round ${view.round.number})`,
      description: `add label ${label} to ${repo}#${issue}`,
    })),
    now,
  );
  return planned.filter((p) => p.created).map((p) => p.action.issueNumber);
}
