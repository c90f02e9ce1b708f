/** The exception request modal: the release team's questions. A pure builder. */
import type { KnownBlock, ModalView } from '@slack/types';
import { type ExceptionFreeze, freezeNames, maxAnswerLength } from '../../domain/exception.ts';
import { truncate } from '../escape.ts';
import { blocks as ids, views } from '../ids.ts';

/** Carried through the modal: where to confirm. */
export interface ExceptionModalMetadata {
  v: 1;
  channel: string | null;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

function textInput(
  blockId: string,
  label: string,
  opts: { initial?: string; multiline?: boolean; hint?: string; placeholder?: string },
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: {
      type: 'plain_text_input',
      action_id: blockId,
      max_length: maxAnswerLength,
      ...(opts.initial ? { initial_value: opts.initial } : {}),
      ...(opts.multiline ? { multiline: true } : {}),
      ...(opts.placeholder ? { placeholder: plain(opts.placeholder) } : {}),
    },
    ...(opts.hint ? { hint: plain(opts.hint) } : {}),
  } as KnownBlock;
}

export function buildExceptionModal(m: {
  release: string;
  freezes: readonly ExceptionFreeze[];
  kep: number | null;
  metadata: ExceptionModalMetadata;
}): ModalView {
  const options = m.freezes.map((f) => ({ text: plain(freezeNames[f]), value: f }));
  return {
    type: 'modal',
    callback_id: views.exceptionRequestModal,
    title: plain('Exception request'),
    submit: plain('Send request'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify(m.metadata),
    blocks: [
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: truncate(
              `Work outside the approved ${m.release} plan, or late for a freeze, needs the release team's approval. Your request is posted in the release channel.`,
              3000,
            ),
          },
        ],
      },
      textInput(ids.exceptionKep, 'KEP number', { initial: m.kep ? String(m.kep) : '', placeholder: '4222' }),
      {
        type: 'input',
        block_id: ids.exceptionFreeze,
        label: plain('Which freeze'),
        element: { type: 'static_select', action_id: ids.exceptionFreeze, options },
      } as KnownBlock,
      textInput(ids.exceptionMissing, 'What is missing', {
        multiline: true,
        placeholder: 'PRs not merged, PRR not approved…',
      }),
      textInput(ids.exceptionTime, 'Additional time needed', { placeholder: '3 days' }),
      textInput(ids.exceptionRisk, 'Risk, and the plan if it slips', { multiline: true }),
      textInput(ids.exceptionPrs, 'Link to the PR(s)', {
        placeholder: 'https://github.com/kubernetes/kubernetes/pull/…',
        hint: 'One or more links, separated by spaces.',
      }),
    ],
  };
}
