import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { startVote } from '../../../app/start-vote.ts';
import { stateConcern } from '../../../app/state-concern.ts';
import { readVoteValue, type VoteQuorum } from '../../../domain/vote.ts';
import {
  type ElectorateChoice,
  parseKepIssues,
  parseQuorum,
  parseVotingTime,
} from '../../../domain/vote-command.ts';
import type { VoteDeps } from '../../../ports/vote-messages.ts';
import type { BotContext } from '../../context.ts';
import { isSlackChannelId, isSlackUserGroupId, safeUrl } from '../../escape.ts';
import { blocks as ids, views } from '../../ids.ts';
import { resolveElectorate } from '../../resolve-electorate.ts';
import type { VoteTally } from '../../vote-tally.ts';

type StateValues = Record<string, Record<string, Record<string, unknown>>>;

const startMetadata = z.object({ channel: z.string().min(1), threadTs: z.string().nullable() });
const concernMetadata = z.object({
  roundId: z.number().int().positive(),
  value: z.number().int().min(0).max(2),
});

/** What the start modal's fields say, checked field by field. */
export interface StartForm {
  question: string;
  electorate: ElectorateChoice;
  durationMs: number;
  quorum: VoteQuorum;
  hideValues: boolean;
  link: string | null;
  kepIssues: number[];
}

const field = (values: StateValues, id: string) => values[id]?.[id] ?? {};
const text = (values: StateValues, id: string) => String(field(values, id).value ?? '').trim();

/** Reads the start modal's state; `errors` (block_id → message) when a field needs fixing. */
export function readStartForm(
  values: StateValues,
): { ok: true; form: StartForm } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const question = text(values, ids.voteQuestion);
  if (question === '') errors[ids.voteQuestion] = 'Write the question people vote on.';
  const electorate = readElectorate(values, errors);
  const durationMs = parseVotingTime(text(values, ids.voteDuration));
  if (durationMs === null)
    errors[ids.voteDuration] = 'Write a voting time between 5m and 30d, e.g. 72h, 3d or 90m.';
  const quorum = parseQuorum(text(values, ids.voteQuorum));
  if (quorum === null) errors[ids.voteQuorum] = 'Write "all" or a share between 1% and 100%, e.g. 60%.';
  const rawLink = text(values, ids.voteLink);
  if (rawLink && !safeUrl(rawLink))
    errors[ids.voteLink] = 'Give an http(s) link, e.g. https://docs.google.com/…';
  const keps = parseKepIssues(text(values, ids.voteKeps));
  if (keps.bad.length > 0)
    errors[ids.voteKeps] =
      `Not a KEP issue: ${keps.bad.slice(0, 3).join(', ')}. Write numbers like 4222, #4222 or KEP-4222.`;
  const hidden = field(values, ids.voteHideValues).selected_options;
  if (Object.keys(errors).length > 0 || !electorate || durationMs === null || quorum === null)
    return { ok: false, errors };
  return {
    ok: true,
    form: {
      question,
      electorate,
      durationMs,
      quorum,
      hideValues: Array.isArray(hidden) && hidden.length > 0,
      link: rawLink || null,
      kepIssues: keps.numbers,
    },
  };
}

function readElectorate(values: StateValues, errors: Record<string, string>): ElectorateChoice | null {
  const kind = (field(values, ids.voteElectorateKind).selected_option as { value?: string } | null)?.value;
  if (kind === 'people') {
    const users = field(values, ids.votePeople).selected_users;
    if (Array.isArray(users) && users.length > 0) return { kind: 'people', ids: users.map(String) };
    errors[ids.votePeople] = 'Pick the people who vote (or choose another kind of electorate above).';
    return null;
  }
  if (kind === 'usergroup') {
    const raw = text(values, ids.voteUsergroup);
    const id = /^<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>$/.exec(raw)?.[1] ?? raw;
    if (isSlackUserGroupId(id)) return { kind: 'usergroup', id };
    errors[ids.voteUsergroup] = raw
      ? `"${raw.slice(0, 40)}" is not a user group ID: IDs look like S0123ABCD (or name the group in the command: /fist-to-five question @group).`
      : 'Type the user group ID (S…), or choose another kind of electorate above.';
    return null;
  }
  const channel = String(field(values, ids.voteChannel).selected_conversation ?? '');
  if (isSlackChannelId(channel)) return { kind: 'channel', id: channel };
  errors[ids.voteChannel] =
    'Pick the channel whose members vote (or choose another kind of electorate above).';
  return null;
}

function errorBlockFor(choice: ElectorateChoice): string {
  return choice.kind === 'channel'
    ? ids.voteChannel
    : choice.kind === 'usergroup'
      ? ids.voteUsergroup
      : ids.votePeople;
}

/** The start modal and the concern modal. */
export function registerVoteViews(app: App, ctx: BotContext, deps: VoteDeps, tally: VoteTally): void {
  app.view(views.voteStartModal, async ({ ack, view, body, client, context }) => {
    const meta = startMetadata.safeParse(safeJson(view.private_metadata));
    if (!meta.success) {
      await ack({
        response_action: 'errors',
        errors: { [ids.voteQuestion]: 'This form is out of date; close it and start again.' },
      });
      return;
    }
    const read = readStartForm(view.state.values as unknown as StateValues);
    if (!read.ok) return ack({ response_action: 'errors', errors: read.errors });
    const outcome = await start(ctx, deps, client as WebClient, {
      form: read.form,
      owner: body.user.id,
      botUserId: context.botUserId,
      viewId: view.id,
      ...meta.data,
    });
    if (outcome) return ack({ response_action: 'errors', errors: outcome });
    await ack();
  });

  app.view(views.voteConcernModal, async ({ ack, view, body }) => {
    const meta = concernMetadata.safeParse(safeJson(view.private_metadata));
    const value = meta.success ? readVoteValue(meta.data.value) : null;
    if (!meta.success || value === null) {
      await ack({
        response_action: 'errors',
        errors: { [ids.voteConcern]: 'This form is out of date; click your vote again.' },
      });
      return;
    }
    const result = await stateConcern(deps, {
      roundId: meta.data.roundId,
      voter: body.user.id,
      value,
      text: text(view.state.values as unknown as StateValues, ids.voteConcern),
      idempotencyKey: `concern:${view.id}`,
    });
    if (!result.ok) return ack({ response_action: 'errors', errors: { [ids.voteConcern]: result.message } });
    await ack();
    tally.changed(meta.data.roundId);
  });
}

interface StartRequest {
  form: StartForm;
  owner: string;
  channel: string;
  threadTs: string | null;
  botUserId: string | undefined;
  viewId: string;
}

/** Reads the electorate and starts the vote; field errors when something must be fixed. */
async function start(
  ctx: BotContext,
  deps: VoteDeps,
  client: WebClient,
  req: StartRequest,
): Promise<Record<string, string> | null> {
  const electorate = await resolveElectorate(client, req.form.electorate, req.botUserId);
  if (!electorate.ok) return { [errorBlockFor(req.form.electorate)]: electorate.message };
  const result = await startVote(deps, {
    ...req.form,
    owner: req.owner,
    channel: req.channel,
    threadTs: req.threadTs,
    electorate,
    remindAt: ctx.voteDefaults.remindAt,
    idempotencyKey: `view:${req.viewId}`,
  });
  if (result.ok) return null;
  return {
    [result.field === 'question' ? ids.voteQuestion : errorBlockFor(req.form.electorate)]: result.message,
  };
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return null;
  }
}
