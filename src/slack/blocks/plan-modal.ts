/**
 * The plan modal. A view holds at most 100 blocks and 3000 characters of private_metadata, so a
 * form shows at most {@link maxKepsPerForm} KEPs (4 blocks each: title, increments with confidence,
 * dependencies, release note). A SIG with more candidates first gets a picker (a multi-select of up to
 * 100 KEPs), and its submission replaces the view with the form for the KEPs picked
 * (`response_action: update`). KEPs not in a form keep their row of the previous plan version.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import type { Increment } from '../../domain/confidence.ts';
import { formatIncrementPlan, type PlanEntry } from '../../domain/plan.ts';
import { truncate } from '../escape.ts';
import { blocks as ids, views } from '../ids.ts';

/** KEP rows per form (4 blocks each, plus the header context: under Slack's 100). */
export const maxKepsPerForm = 20;
/** Options in the picker (Slack's multi_static_select limit). */
export const maxPickOptions = 100;

/** What the plan modals carry in private_metadata (a few hundred characters at most). */
export interface PlanModalMetadata {
  v: 1;
  sig: string;
  /** The KEP numbers the form shows (empty in the picker). */
  keps: number[];
  /** Where to confirm (the conversation it was opened from), or null. */
  channel: string | null;
}

export interface PlanRow {
  kep: number;
  title: string;
  stage: string | null;
  planned: PlanEntry | null;
}

export interface PlanIncrements {
  all: Increment[];
  current: number;
  caps: number[];
}

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 2000), emoji: true });

function textInput(
  blockId: string,
  label: string,
  initial: string,
  opts: { hint?: string; placeholder?: string; multiline?: boolean; max?: number },
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plain(truncate(label, 2000)),
    element: {
      type: 'plain_text_input',
      action_id: blockId,
      ...(initial ? { initial_value: initial } : {}),
      ...(opts.placeholder ? { placeholder: plain(truncate(opts.placeholder, 150)) } : {}),
      ...(opts.multiline ? { multiline: true } : {}),
      ...(opts.max ? { max_length: opts.max } : {}),
    },
    ...(opts.hint ? { hint: plain(truncate(opts.hint, 2000)) } : {}),
  } as KnownBlock;
}

/** `1 = weeks 1–2 (now, ≤100%) · 2 = weeks 3–4 (≤80%) · …` */
export function incrementLegend(inc: PlanIncrements): string {
  return inc.all
    .map((i) => {
      const distance = i.number - inc.current;
      if (distance < 0) return `${i.number} = weeks ${i.weeks[0]}–${i.weeks[1]} (ended)`;
      const cap = inc.caps[Math.min(distance, inc.caps.length - 1)] ?? 100;
      return `${i.number} = weeks ${i.weeks[0]}–${i.weeks[1]} (${distance === 0 ? 'now, ' : ''}≤${cap}%)`;
    })
    .join(' · ');
}

const rowBlock = (prefix: string, kep: number) => `${prefix}:${kep}`;

/** The form: one row per KEP. */
export function buildPlanModal(m: {
  release: string;
  sig: string;
  rows: PlanRow[];
  increments: PlanIncrements;
  metadata: PlanModalMetadata;
}): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: truncate(
            `Commit ${m.sig}'s work for ${m.release}. For each KEP, write the increments its issues land in with your confidence, e.g. \`2:80, 3:60\`; leave it empty to leave the KEP out. Increments: ${incrementLegend(m.increments)}.`,
            3000,
          ),
        },
      ],
    },
  ];
  for (const row of m.rows.slice(0, maxKepsPerForm)) {
    blocks.push(
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: truncate(
            `*#${row.kep} ${row.title.replace(/[&<>]/g, ' ')}*${row.stage ? ` (${row.stage})` : ''}`,
            3000,
          ),
        },
      },
      textInput(
        rowBlock(ids.planIncrementsPrefix, row.kep),
        'Lands in increment:confidence',
        row.planned ? formatIncrementPlan(row.planned.increments) : '',
        { placeholder: '2:80, 3:60' },
      ),
      textInput(
        rowBlock(ids.planDependsPrefix, row.kep),
        'Depends on KEPs of other SIGs',
        row.planned?.dependsOn.map((n) => `#${n}`).join(', ') ?? '',
        { placeholder: '#1234, #5678' },
      ),
      textInput(rowBlock(ids.planNotePrefix, row.kep), 'Release-note line', row.planned?.releaseNote ?? '', {
        max: 500,
      }),
    );
  }
  return {
    type: 'modal',
    callback_id: views.planModal,
    title: plain(truncate(`Plan ${m.sig}`, 24)),
    submit: plain('Save plan'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({
      ...m.metadata,
      keps: m.rows.slice(0, maxKepsPerForm).map((r) => r.kep),
    }),
    blocks,
  };
}

/** The picker for SIGs with more candidates than a form holds. */
export function buildPlanPickModal(m: {
  release: string;
  sig: string;
  rows: PlanRow[];
  metadata: PlanModalMetadata;
}): ModalView {
  const options = m.rows.slice(0, maxPickOptions).map((r) => ({
    text: plain(truncate(`#${r.kep} ${r.title}`, 75)),
    value: String(r.kep),
  }));
  const initial = options
    .filter((o) => m.rows.find((r) => String(r.kep) === o.value)?.planned)
    .slice(0, maxKepsPerForm);
  const more = m.rows.length > maxPickOptions ? ` Only the first ${maxPickOptions} are listed.` : '';
  return {
    type: 'modal',
    callback_id: views.planModal,
    title: plain(truncate(`Plan ${m.sig}`, 24)),
    submit: plain('Next'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ ...m.metadata, keps: [] }),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: truncate(
            `${m.sig} has ${m.rows.length} candidate KEPs for ${m.release}. Pick up to ${maxKepsPerForm} to plan in this form; KEPs you do not pick keep what the plan says now.${more}`,
            3000,
          ),
        },
      },
      {
        type: 'input',
        block_id: ids.planPick,
        label: plain('KEPs to plan'),
        element: {
          type: 'multi_static_select',
          action_id: ids.planPick,
          options,
          max_selected_items: maxKepsPerForm,
          ...(initial.length > 0 ? { initial_options: initial } : {}),
        },
      } as KnownBlock,
    ],
  };
}
