import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { castBallot } from '../../../app/cast-ballot.ts';
import { closeVote } from '../../../app/close-vote.ts';
import { loadConcernForm } from '../../../app/load-concern-form.ts';
import { startRevote } from '../../../app/start-revote.ts';
import { readVoteValue, type VoteValue } from '../../../domain/vote.ts';
import type { VoteDeps } from '../../../ports/vote-messages.ts';
import { buildVoteNotice, type VoteMessageBody } from '../../blocks/vote-message-blocks.ts';
import { buildConcernModal } from '../../blocks/vote-modal-blocks.ts';
import { actions, voteCastPattern } from '../../ids.ts';
import type { VoteTally } from '../../vote-tally.ts';

/** Where a click came from, to answer the clicker ephemerally in the same place. */
interface Clicker {
  user: string;
  channel: string | null;
  threadTs: string | null;
  triggerId: string;
}

function clickerOf(body: BlockAction): Clicker {
  const container = body.container as { thread_ts?: string } | undefined;
  return {
    user: body.user.id,
    channel: body.channel?.id ?? null,
    threadTs: container?.thread_ts ?? null,
    triggerId: body.trigger_id,
  };
}

async function tell(deps: VoteDeps, who: Clicker, body: VoteMessageBody, tag: string): Promise<void> {
  if (!who.channel) return;
  await deps.chat.ephemeral({
    key: `vote:ephemeral:${tag}:${who.triggerId}`,
    lane: 'interactive',
    channel: who.channel,
    user: who.user,
    ...(who.threadTs ? { threadTs: who.threadTs } : {}),
    ...body,
  });
}

const roundIdOf = (action: ButtonAction) => {
  const n = Number(action.value);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
};

/** The 0–5 buttons, "Close now" and "Re-vote". */
export function registerVoteActions(app: App, deps: VoteDeps, tally: VoteTally): void {
  app.action<BlockAction<ButtonAction>>(voteCastPattern, async ({ ack, body, action, client }) => {
    const value = readVoteValue(action.action_id.slice(-1));
    const who = clickerOf(body);
    if (value === null) return ack();
    if (value <= 2) return askForConcern(deps, client, { ack, who, value, roundId: roundIdOf(action) });
    await ack(); // answer Slack first; a 3–5 needs nothing more from the person
    const result = await castBallot(deps, {
      roundId: roundIdOf(action),
      voter: who.user,
      value,
      idempotencyKey: `click:${who.triggerId}`,
    });
    if (!result.ok) return tell(deps, who, buildVoteNotice(result.message), 'refused');
    // the feedback is the vote message itself: the voter's name appears in its tally within a second
    if (result.changed) tally.changed(roundIdOf(action));
  });

  app.action<BlockAction<ButtonAction>>(actions.voteClose, async ({ ack, body, action }) => {
    await ack();
    const result = await closeVote(deps, { roundId: roundIdOf(action), reason: 'owner', by: body.user.id });
    if (!result.ok) await tell(deps, clickerOf(body), buildVoteNotice(result.message), 'close');
  });

  app.action<BlockAction<ButtonAction>>(actions.voteRevote, async ({ ack, body, action }) => {
    await ack();
    const result = await startRevote(deps, { roundId: roundIdOf(action), by: body.user.id });
    if (!result.ok) await tell(deps, clickerOf(body), buildVoteNotice(result.message), 'revote');
  });
}

interface ConcernAsk {
  ack: () => Promise<void>;
  who: Clicker;
  value: VoteValue;
  roundId: number;
}

/** A 0, 1 or 2: check the voter may vote, then open the concern modal (while the trigger_id lives). */
async function askForConcern(deps: VoteDeps, client: WebClient, ask: ConcernAsk): Promise<void> {
  const check = await castBallot(deps, {
    roundId: ask.roundId,
    voter: ask.who.user,
    value: ask.value,
    idempotencyKey: `check:${ask.who.triggerId}`,
  });
  if (check.ok || check.reason !== 'needs-concern') {
    await ask.ack();
    if (!check.ok) await tell(deps, ask.who, buildVoteNotice(check.message), 'refused');
    return;
  }
  // the check above found the round, so the form is there
  const form = loadConcernForm(deps.store, ask.roundId, ask.who.user)!;
  try {
    await client.views.open({
      trigger_id: ask.who.triggerId,
      view: buildConcernModal(form.question, { roundId: form.roundId, value: ask.value }, form.openConcern),
    });
  } catch (error) {
    deps.logger.warn('could not open the concern form', { error });
    await tell(
      deps,
      ask.who,
      buildVoteNotice('Slack did not open the concern form in time; click again.'),
      'modal',
    );
  }
  await ask.ack();
}
