import type { ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { type CodingPeriod, listIncrements } from '../../../src/domain/confidence.ts';
import { kepStates } from '../../../src/domain/kep-state.ts';
import {
  buildStatusModal,
  incrementLabel,
  kepOption,
  type StatusModalModel,
} from '../../../src/slack/blocks/kep-status-modal.ts';
import { checkView } from '../../../src/slack/blocks/limits.ts';
import { actions, blocks, views } from '../../../src/slack/ids.ts';
import { decodeStatusModalMetadata, readStatusModal } from '../../../src/slack/view-state.ts';

const period: CodingPeriod = {
  start: '2026-06-17',
  increments: 4,
  weeksPerIncrement: 2,
  confidenceCaps: [100, 80, 60, 40],
};

const blank: StatusModalModel = {
  release: 'v1.37',
  sigs: ['sig-node'],
  metadata: { v: 1, channel: 'C0123NODE' },
  kep: null,
  prefill: null,
  increments: null,
};

const withPeriod = (current: number): StatusModalModel => ({
  ...blank,
  increments: { all: listIncrements(period), current, caps: period.confidenceCaps },
});

const prefilled: StatusModalModel = {
  ...withPeriod(2),
  kep: { number: 4222, title: 'Pod resize' },
  prefill: {
    state: 'blocked',
    confidence: 0,
    increment: 3,
    note: 'waiting on <!channel> & API review',
    blockers: [
      { type: 'kep', kep: 1234 },
      { type: 'sig', sig: 'sig-auth' },
      { type: 'party', name: 'API review' },
    ],
  },
};

type Block = { type: string; block_id?: string; element?: Record<string, unknown>; hint?: { text: string } };
const blocksOf = (view: ModalView) => view.blocks as unknown as Block[];
const element = (view: ModalView, blockId: string) =>
  blocksOf(view).find((b) => b.block_id === blockId)!.element!;
const initialValue = (view: ModalView, blockId: string) => {
  const e = element(view, blockId);
  return (e.initial_option as { value?: string } | undefined)?.value ?? e.initial_value;
};

describe('buildStatusModal', () => {
  const variants: Array<[string, StatusModalModel]> = [
    ['blank, no coding period', blank],
    ['blank, in increment 1', withPeriod(1)],
    ['pre-filled', prefilled],
    [
      'a very long title, many SIGs, a full note',
      {
        ...prefilled,
        sigs: Array.from({ length: 30 }, (_, i) => `sig-${i}`),
        kep: { number: 99_999_999, title: 'T'.repeat(500) },
        prefill: { ...prefilled.prefill!, note: '😀'.repeat(2000) },
      },
    ],
  ];

  it.each(variants)('%s: passes Slack view limits', (_name, model) => {
    const view = buildStatusModal(model);
    expect(checkView(view)).toEqual([]);
    expect(view.callback_id).toBe(views.kepStatusModal);
    expect(decodeStatusModalMetadata(view.private_metadata)).toEqual(model.metadata);
  });

  it.each([
    [
      'no coding period: no increment input',
      blank,
      [
        blocks.kepStatusKep,
        blocks.kepStatusState,
        blocks.kepStatusConfidence,
        blocks.kepStatusBlockedBy,
        blocks.kepStatusNote,
      ],
    ],
    [
      'a coding period: the increment input after confidence',
      withPeriod(1),
      [
        blocks.kepStatusKep,
        blocks.kepStatusState,
        blocks.kepStatusConfidence,
        blocks.kepStatusIncrement,
        blocks.kepStatusBlockedBy,
        blocks.kepStatusNote,
      ],
    ],
  ])('%s', (_name, model, inputs) => {
    const view = buildStatusModal(model);
    expect(
      blocksOf(view)
        .filter((b) => b.type === 'input')
        .map((b) => b.block_id),
    ).toEqual(inputs);
  });

  it('uses an external select for the KEP (type-ahead) and offers every state', () => {
    const view = buildStatusModal(blank);
    expect(element(view, blocks.kepStatusKep)).toMatchObject({
      type: 'external_select',
      action_id: actions.kepStatusKepSelect,
      min_query_length: 0,
    });
    expect(
      (element(view, blocks.kepStatusState).options as Array<{ value: string }>).map((o) => o.value),
    ).toEqual([...kepStates]);
    expect(element(view, blocks.kepStatusConfidence)).toMatchObject({
      type: 'number_input',
      is_decimal_allowed: false,
      min_value: '0',
      max_value: '100',
    });
    expect(element(view, blocks.kepStatusNote)).toMatchObject({ multiline: true, max_length: 2000 });
    expect((view.title as { text: string }).text).toBe('KEP status');
  });

  it.each([
    { current: 1, prefill: null, offered: ['1', '2', '3', '4'], initial: '1' },
    { current: 3, prefill: null, offered: ['3', '4'], initial: '3' },
    { current: 2, prefill: 4, offered: ['2', '3', '4'], initial: '4' },
    { current: 3, prefill: 1, offered: ['3', '4'], initial: '3' }, // an ended increment moves to the current
  ])(
    'in increment $current with a previous $prefill: offers $offered, starts at $initial',
    ({ current, prefill, offered, initial }) => {
      const model: StatusModalModel = {
        ...withPeriod(current),
        prefill:
          prefill === null
            ? null
            : { state: null, confidence: null, increment: prefill, note: '', blockers: [] },
      };
      const view = buildStatusModal(model);
      const e = element(view, blocks.kepStatusIncrement);
      expect((e.options as Array<{ value: string }>).map((o) => o.value)).toEqual(offered);
      expect((e.initial_option as { value: string }).value).toBe(initial);
    },
  );

  it('labels increments with their weeks and dates and explains the caps', () => {
    const [first, second] = listIncrements(period);
    expect(incrementLabel(second!)).toBe('Increment 2 (weeks 3–4, 2026-07-01 → 2026-07-14)');
    expect(incrementLabel(first!)).toBe('Increment 1 (weeks 1–2, 2026-06-17 → 2026-06-30)');
    const view = buildStatusModal(withPeriod(1));
    const confidence = blocksOf(view).find((b) => b.block_id === blocks.kepStatusConfidence)!;
    expect(confidence.hint?.text).toBe(
      'Capped by when the work lands: 100% this increment, 80% the next, 60% two ahead, 40% further out.',
    );
  });

  it('pre-fills every input from the latest update, and the pre-filled form reads back as that update', () => {
    const view = buildStatusModal(prefilled);
    expect((view.title as { text: string }).text).toBe('Update KEP-4222');
    expect(initialValue(view, blocks.kepStatusKep)).toBe('4222');
    expect(initialValue(view, blocks.kepStatusState)).toBe('blocked');
    expect(initialValue(view, blocks.kepStatusConfidence)).toBe('0');
    expect(initialValue(view, blocks.kepStatusIncrement)).toBe('3');
    expect(initialValue(view, blocks.kepStatusBlockedBy)).toBe('#1234, sig-auth, "API review"');
    expect(initialValue(view, blocks.kepStatusNote)).toBe('waiting on <!channel> & API review');

    // What Slack would send back for the untouched form.
    const values: Record<string, Record<string, unknown>> = {};
    for (const b of blocksOf(view).filter((x) => x.type === 'input')) {
      const e = b.element!;
      values[b.block_id!] = {
        [String(e.action_id)]: {
          type: e.type,
          selected_option: e.initial_option ?? null,
          value: e.initial_value ?? null,
        },
      };
    }
    expect(readStatusModal(values, { increments: 4 })).toEqual({
      ok: true,
      value: {
        kep: 4222,
        state: 'blocked',
        confidence: 0,
        increment: 3,
        blockers: prefilled.prefill!.blockers,
        note: 'waiting on <!channel> & API review',
      },
    });
  });

  it('escapes SIG names in the context line and shortens a long SIG list', () => {
    const view = buildStatusModal({
      ...blank,
      sigs: ['sig-<!here>', ...Array.from({ length: 8 }, (_, i) => `sig-${i}`)],
    });
    const text = JSON.stringify(blocksOf(view)[0]);
    expect(text).toContain('sig-&lt;!here&gt;');
    expect(text).toContain('and 3 more');
  });
});

describe('kepOption', () => {
  it.each([
    [{ number: 4222, title: 'Pod resize' }, 'KEP-4222 Pod resize'],
    [
      {
        number: 4622,
        title: 'New TopologyManager Policy which configure the value of maxAllowableNUMANodes',
      },
      'KEP-4622 New TopologyManager Policy which configure the value of maxAllowa…',
    ],
    [{ number: 1, title: '😀'.repeat(100) }, `KEP-1 ${'😀'.repeat(68)}…`],
  ])('%j → %s (≤ 75 characters, value the number)', (kep, text) => {
    const option = kepOption(kep);
    expect(option.text.text).toBe(text);
    expect([...option.text.text].length).toBeLessThanOrEqual(75);
    expect(option.value).toBe(String(kep.number));
  });
});
