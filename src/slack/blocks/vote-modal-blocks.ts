import type { KnownBlock, ModalView } from '@slack/types';
import { formatDuration } from '../../domain/duration.ts';
import { type VoteQuorum, type VoteValue, voteLegend } from '../../domain/vote.ts';
import type { ElectorateChoice } from '../../domain/vote-command.ts';
import { maxConcernLength, maxQuestionLength } from '../../domain/vote-command.ts';
import { escapeMrkdwn, truncate } from '../escape.ts';
import { blocks as ids, views } from '../ids.ts';
import { plainText } from './block-kit.ts';
import { voteLegendText } from './vote-message-blocks.ts';

/** Where the vote goes, carried through the start modal in `private_metadata`. */
export interface VoteStartMetadata {
  channel: string;
  /** The readout's ts (message shortcut), or null for a top-level vote. */
  threadTs: string | null;
}

/** Carried through the concern modal. */
export interface VoteConcernMetadata {
  roundId: number;
  value: VoteValue;
}

export interface StartModalInput {
  question: string;
  electorate: ElectorateChoice | null;
  /** The channel the command was typed in (the default electorate). */
  channel: string | null;
  defaults: { durationMs: number; quorum: VoteQuorum; hideValues: boolean };
  /** Said at the top, e.g. when the command named two kinds of electorate. */
  note: string | null;
  /** The readout's text, shown for context when started from a message. */
  readout: string | null;
  metadata: VoteStartMetadata;
}

function input(
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    type: 'input',
    block_id: blockId,
    label: plainText(label),
    element: { action_id: blockId, ...element },
    ...extra,
  } as KnownBlock;
}

const kindOptions = [
  { text: plainText('Members of a channel'), value: 'channel' },
  { text: plainText('A user group'), value: 'usergroup' },
  { text: plainText('These people'), value: 'people' },
];

/** The modal that starts a vote: question, electorate, voting time, quorum, hidden values, plan link, KEPs. */
export function buildStartModal(m: StartModalInput): ModalView {
  const kind = m.electorate?.kind ?? 'channel';
  const channel = m.electorate?.kind === 'channel' ? m.electorate.id : m.channel;
  const out: KnownBlock[] = [];
  if (m.note)
    out.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `:warning: ${escapeMrkdwn(m.note)}` }] });
  if (m.readout)
    out.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `On the readout: ${escapeMrkdwn(truncate(m.readout.replace(/\s+/g, ' '), 300))}`,
        },
      ],
    });
  out.push(
    input(ids.voteQuestion, 'Question', {
      type: 'plain_text_input',
      max_length: maxQuestionLength,
      ...(m.question ? { initial_value: truncate(m.question, maxQuestionLength) } : {}),
      placeholder: plainText('Do we commit to the v1.37 plan?'),
    }),
    input(ids.voteElectorateKind, 'Who votes', {
      type: 'radio_buttons',
      options: kindOptions,
      initial_option: kindOptions.find((o) => o.value === kind),
    }),
    input(
      ids.voteChannel,
      'Channel',
      {
        type: 'conversations_select',
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(channel ? { initial_conversation: channel } : {}),
      },
      {
        optional: true,
        hint: plainText('With "members of a channel": everyone in it when the vote starts.'),
      },
    ),
    input(
      ids.voteUsergroup,
      'User group ID',
      {
        type: 'plain_text_input',
        max_length: 100,
        ...(m.electorate?.kind === 'usergroup' ? { initial_value: m.electorate.id } : {}),
        placeholder: plainText('S0123ABCD'),
      },
      {
        optional: true,
        hint: plainText('With "a user group": its ID (S…), or start from `/fist-to-five question @group`.'),
      },
    ),
    input(
      ids.votePeople,
      'People',
      {
        type: 'multi_users_select',
        ...(m.electorate?.kind === 'people' ? { initial_users: m.electorate.ids.slice(0, 100) } : {}),
      },
      { optional: true },
    ),
    input(
      ids.voteDuration,
      'Voting time',
      { type: 'plain_text_input', max_length: 20, initial_value: formatDuration(m.defaults.durationMs) },
      {
        hint: plainText(
          'How long the vote stays open, e.g. 72h, 3d, 90m. It closes earlier when everyone voted 3+.',
        ),
      },
    ),
    input(
      ids.voteQuorum,
      'Quorum',
      {
        type: 'plain_text_input',
        max_length: 10,
        initial_value:
          m.defaults.quorum.kind === 'all' ? 'all' : `${Math.round(m.defaults.quorum.share * 100)}%`,
      },
      { hint: plainText('"all" of the electorate, or a share such as 60%.') },
    ),
    input(
      ids.voteHideValues,
      'Values',
      {
        type: 'checkboxes',
        options: [{ text: plainText('Show values only when the vote closes'), value: 'hide' }],
        ...(m.defaults.hideValues
          ? { initial_options: [{ text: plainText('Show values only when the vote closes'), value: 'hide' }] }
          : {}),
      },
      { optional: true },
    ),
    input(
      ids.voteLink,
      'Link to the plan',
      { type: 'plain_text_input', max_length: 2000, placeholder: plainText('https://…') },
      { optional: true },
    ),
    input(
      ids.voteKeps,
      'KEP issues',
      { type: 'plain_text_input', max_length: 2000, placeholder: plainText('4222, #3386, KEP-1287') },
      {
        optional: true,
        hint: plainText('On approval they get the approved label (planned for the GitHub write-back).'),
      },
    ),
    { type: 'context', elements: [{ type: 'mrkdwn', text: voteLegendText() }] },
  );
  return {
    type: 'modal',
    callback_id: views.voteStartModal,
    title: plainText('Fist-to-five'),
    submit: plainText('Start vote'),
    close: plainText('Cancel'),
    private_metadata: JSON.stringify(m.metadata),
    blocks: out,
  };
}

/** The modal a 0, 1 or 2 opens: the ballot counts only with the concern stated here. */
export function buildConcernModal(question: string, meta: VoteConcernMetadata, initial?: string): ModalView {
  return {
    type: 'modal',
    callback_id: views.voteConcernModal,
    title: plainText(`Your ${meta.value}: a concern`),
    submit: plainText('Vote with concern'),
    close: plainText('Cancel'),
    private_metadata: JSON.stringify(meta),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*${escapeMrkdwn(truncate(question, 300))}*\nA *${meta.value}* (${voteLegend[meta.value]}) counts only with a stated concern. It is posted in the vote's thread under your name; raise your ballot to 3+ once it is satisfied.`,
        },
      },
      input(ids.voteConcern, 'What would have to change?', {
        type: 'plain_text_input',
        multiline: true,
        min_length: 1,
        max_length: maxConcernLength,
        ...(initial ? { initial_value: truncate(initial, maxConcernLength) } : {}),
      }),
    ],
  };
}
