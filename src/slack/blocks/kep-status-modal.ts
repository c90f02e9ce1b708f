import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Increment } from '../../domain/confidence.ts';
import { type KepState, kepStateEmoji, kepStates } from '../../domain/kep-state.ts';
import type { BlockerRef } from '../../domain/status-command.ts';
import { maxNoteLength } from '../../domain/status-command.ts';
import type { Kep } from '../../domain/types.ts';
import { escapeMrkdwn, truncate } from '../escape.ts';
import { views } from '../ids.ts';
import {
  encodeStatusModalMetadata,
  statusModalFields as fields,
  formatBlockedBy,
  type StatusModalMetadata,
} from '../view-state.ts';
import { plainText } from './block-kit.ts';
import { LIMITS } from './block-limits.ts';

/** What the modal starts with: the KEP's latest update when it is opened for one KEP. */
export interface StatusModalPrefill {
  state: KepState | null;
  confidence: number | null;
  increment: number | null;
  note: string;
  /** Its open blockers. */
  blockers: BlockerRef[];
}

/** The coding period as the modal offers it: increments from the current one on. */
export interface ModalIncrements {
  all: Increment[];
  /** The increment `now` falls in (1-based). */
  current: number;
  /** Percent caps by distance (the last applies further out). */
  caps: number[];
}

export interface StatusModalModel {
  release: string;
  /** The SIGs the person reports for (shown so they know whose KEPs the list has). */
  sigs: string[];
  metadata: StatusModalMetadata;
  /** The KEP it is opened for (the Edit or Update button), or null for a blank form. */
  kep: Pick<Kep, 'number' | 'title'> | null;
  prefill: StatusModalPrefill | null;
  /** Null when the release defines no coding period (no increment input, no cap). */
  increments: ModalIncrements | null;
}

/** A KEP as an option of the type-ahead: `KEP-4222 Title…` (≤ 75 characters), value the number. */
export function kepOption(kep: Pick<Kep, 'number' | 'title'>): PlainTextOption {
  return {
    text: plainText(truncate(`KEP-${kep.number} ${kep.title}`, LIMITS.optionText)),
    value: String(kep.number),
  };
}

/** `Increment 2 (weeks 3–4, 2026-07-01 → 2026-07-14)`. */
export function incrementLabel(increment: Increment): string {
  const [first, last] = increment.weeks;
  return truncate(
    `Increment ${increment.number} (weeks ${first}–${last}, ${increment.start} → ${increment.end})`,
    LIMITS.optionText,
  );
}

function stateOption(state: KepState): PlainTextOption {
  return { text: plainText(`${kepStateEmoji[state]} ${state}`), value: state };
}

/** `100% this increment, 80% the next, 60% two ahead, 40% further out`. */
function capsHint(caps: number[]): string {
  const names = ['this increment', 'the next', 'two ahead', 'three ahead', 'four ahead'];
  const parts = caps.slice(0, names.length).map((cap, i) => {
    const last = i === caps.length - 1;
    return `${cap}% ${last && i > 0 ? 'further out' : names[i]}`;
  });
  return `Capped by when the work lands: ${parts.join(', ')}.`;
}

function contextBlock(model: StatusModalModel): KnownBlock {
  const shown = model.sigs.slice(0, 6).map(escapeMrkdwn).join(', ');
  const more = model.sigs.length > 6 ? ` and ${model.sigs.length - 6} more` : '';
  return {
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: truncate(`Release *${escapeMrkdwn(model.release)}* · you report for ${shown}${more}`, 3000),
      },
    ],
  };
}

function kepInput(model: StatusModalModel): KnownBlock {
  return {
    type: 'input',
    block_id: fields.kep.block,
    label: plainText('KEP'),
    element: {
      type: 'external_select',
      action_id: fields.kep.action,
      placeholder: plainText('Type a KEP number or words from its title'),
      min_query_length: 0,
      ...(model.kep ? { initial_option: kepOption(model.kep) } : {}),
    },
  };
}

function stateInput(prefill: StatusModalPrefill | null): KnownBlock {
  return {
    type: 'input',
    block_id: fields.state.block,
    label: plainText('State'),
    element: {
      type: 'static_select',
      action_id: fields.state.action,
      placeholder: plainText('Pick a state'),
      options: kepStates.map(stateOption),
      ...(prefill?.state ? { initial_option: stateOption(prefill.state) } : {}),
    },
  };
}

function confidenceInput(model: StatusModalModel): KnownBlock {
  const confidence = model.prefill?.confidence ?? null;
  return {
    type: 'input',
    block_id: fields.confidence.block,
    optional: true,
    label: plainText('Commit confidence (%)'),
    ...(model.increments ? { hint: plainText(capsHint(model.increments.caps)) } : {}),
    element: {
      type: 'number_input',
      action_id: fields.confidence.action,
      is_decimal_allowed: false,
      min_value: '0',
      max_value: '100',
      placeholder: plainText('0–100'),
      ...(confidence !== null ? { initial_value: String(confidence) } : {}),
    },
  };
}

function incrementInput(increments: ModalIncrements, prefill: StatusModalPrefill | null): KnownBlock {
  // Ended increments are not offered: work not done yet lands in the current one at the earliest.
  const offered = increments.all.filter((i) => i.number >= increments.current);
  const options = offered.map((i) => ({ text: plainText(incrementLabel(i)), value: String(i.number) }));
  const wanted = Math.max(prefill?.increment ?? increments.current, increments.current);
  const initial = options.find((o) => o.value === String(wanted)) ?? options[0];
  return {
    type: 'input',
    block_id: fields.increment.block,
    label: plainText('Remaining work lands in'),
    hint: plainText(
      'The coding period is split into increments; confidence is capped by how far ahead this is.',
    ),
    element: {
      type: 'static_select',
      action_id: fields.increment.action,
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

function blockedByInput(prefill: StatusModalPrefill | null): KnownBlock {
  const text = prefill ? formatBlockedBy(prefill.blockers) : '';
  return {
    type: 'input',
    block_id: fields.blockedBy.block,
    optional: true,
    label: plainText('Blocked by'),
    hint: plainText('KEPs and SIGs, e.g. #1234, sig-auth. Anything else in double quotes: "API review".'),
    element: {
      type: 'plain_text_input',
      action_id: fields.blockedBy.action,
      placeholder: plainText('#1234, sig-auth'),
      max_length: LIMITS.plainTextInputLength,
      ...(text ? { initial_value: truncate(text, LIMITS.plainTextInputLength) } : {}),
    },
  };
}

function noteInput(prefill: StatusModalPrefill | null): KnownBlock {
  const note = prefill?.note ?? '';
  return {
    type: 'input',
    block_id: fields.note.block,
    optional: true,
    label: plainText('Note'),
    element: {
      type: 'plain_text_input',
      action_id: fields.note.action,
      multiline: true,
      max_length: maxNoteLength,
      placeholder: plainText('What changed, what it waits on'),
      ...(note ? { initial_value: note } : {}),
    },
  };
}

/**
 * The KEP status modal: KEP (type-ahead), state, confidence, the increment the remaining work
 * lands in (when the release has a coding period), what blocks it, and a note. Pre-filled with the
 * KEP's latest update when opened for one KEP.
 */
export function buildStatusModal(model: StatusModalModel): ModalView {
  const blocks: KnownBlock[] = [
    contextBlock(model),
    kepInput(model),
    stateInput(model.prefill),
    confidenceInput(model),
  ];
  if (model.increments) blocks.push(incrementInput(model.increments, model.prefill));
  blocks.push(blockedByInput(model.prefill), noteInput(model.prefill));
  return {
    type: 'modal',
    callback_id: views.kepStatusModal,
    title: plainText(
      model.kep ? truncate(`Update KEP-${model.kep.number}`, LIMITS.modalTitle) : 'KEP status',
    ),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    private_metadata: encodeStatusModalMetadata(model.metadata),
    blocks,
  };
}
