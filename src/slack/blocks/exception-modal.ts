/** The exception request modal: the release team's questions. A pure builder. */
import type { KnownBlock, ModalView } from '@slack/types';
import { type ExceptionFreeze, freezeNames, maxAnswerLength } from '../../domain/exception.ts';
import { truncate } from '../escape.ts';
import { blocks as ids, views } from '../ids.ts';
import { plainText } from './block-kit.ts';

/** Carried through the modal: where to confirm. */
export interface ExceptionModalMetadata {
  v: 1;
  channel: string | null;
}

function textInput(
  blockId: string,
  label: string,
  opts: { initial?: string; multiline?: boolean; hint?: string; placeholder?: string },
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plainText(label),
    element: {
      type: 'plain_text_input',
      action_id: blockId,
      max_length: maxAnswerLength,
      ...(opts.initial ? { initial_value: opts.initial } : {}),
      ...(opts.multiline ? { multiline: true } : {}),
      ...(opts.placeholder ? { placeholder: plainText(opts.placeholder) } : {}),
    },
    ...(opts.hint ? { hint: plainText(opts.hint) } : {}),
  } as KnownBlock;
}

export function buildExceptionModal(m: {
  release: string;
  freezes: readonly ExceptionFreeze[];
  kep: number | null;
  metadata: ExceptionModalMetadata;
}): ModalView {
  const options = m.freezes.map((f) => ({ text: plainText(freezeNames[f]), value: f }));
  return {
    type: 'modal',
    callback_id: views.exceptionRequestModal,
    title: plainText('Exception request'),
    submit: plainText('Send request'),
    close: plainText('Cancel'),
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
        label: plainText('Which freeze'),
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
