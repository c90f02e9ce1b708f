import type { KnownBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  blockSchema,
  checkMessage,
  checkView,
  LIMITS,
  messageSchema,
  viewSchema,
} from '../../src/slack/blocks/limits.ts';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const md = (text: string) => ({ type: 'mrkdwn' as const, text });
const x = (n: number) => 'x'.repeat(n);
const opt = (i: number) => ({ text: plain(`Option ${i}`), value: `v${i}` });
const opts = (n: number) => Array.from({ length: n }, (_, i) => opt(i));
const button = (over: Record<string, unknown> = {}) => ({ type: 'button', text: plain('Update'), ...over });
const section = (text: string, over: Record<string, unknown> = {}) => ({
  type: 'section',
  text: md(text),
  ...over,
});
const dividers = (n: number) => Array.from({ length: n }, () => ({ type: 'divider' }));

/** A message using every block and element this app emits; must be valid. */
const fullMessage: { text: string; blocks: KnownBlock[] } = {
  text: 'Drumbeat round for sig-node',
  blocks: [
    { type: 'header', text: plain('sig-node — v1.37 drumbeat') },
    {
      type: 'section',
      block_id: 'round:4222',
      text: md('*KEP-4222* is _at risk_ <@U012ABCDEF>'),
      fields: [md('*State*'), plain('at-risk')],
      accessory: {
        type: 'overflow',
        action_id: 'more',
        options: [opt(1), { ...opt(2), url: 'https://github.com/kubernetes/enhancements/issues/4222' }],
      },
    },
    {
      type: 'context',
      elements: [
        md('updated <!date^1781000000^{date_short}|9 Jun>'),
        { type: 'image', image_url: 'https://k8s.io/x.png', alt_text: 'logo' },
      ],
    },
    { type: 'divider' },
    {
      type: 'actions',
      block_id: 'vote:1',
      elements: [
        ...[0, 1, 2, 3, 4, 5].map((v) => ({
          type: 'button' as const,
          text: plain(String(v)),
          action_id: `vote_cast_${v}`,
          value: String(v),
        })),
        {
          type: 'button',
          text: plain('Resolve'),
          action_id: 'blocker_resolve',
          style: 'danger',
          confirm: {
            title: plain('Sure?'),
            text: md('Resolve *this*?'),
            confirm: plain('Yes'),
            deny: plain('No'),
          },
        },
        {
          type: 'static_select',
          action_id: 'pick',
          placeholder: plain('Pick'),
          options: opts(3),
          initial_option: opt(1),
        },
        { type: 'external_select', action_id: 'kep_status_kep_select', min_query_length: 0 },
        { type: 'users_select', action_id: 'who' },
        { type: 'conversations_select', action_id: 'where' },
        { type: 'channels_select', action_id: 'chan' },
        { type: 'datepicker', action_id: 'd', initial_date: '2026-06-17' },
        { type: 'timepicker', action_id: 't', initial_time: '16:00' },
      ],
    },
  ],
};

const statusModal: ModalView = {
  type: 'modal',
  callback_id: 'kep_status_modal',
  title: plain('KEP status'),
  submit: plain('Save'),
  close: plain('Cancel'),
  private_metadata: JSON.stringify({ v: 1, sig: 'sig-node' }),
  blocks: [
    {
      type: 'input',
      block_id: 'kep',
      label: plain('KEP'),
      element: { type: 'external_select', action_id: 'k', min_query_length: 1 },
    },
    {
      type: 'input',
      block_id: 'state',
      label: plain('State'),
      element: {
        type: 'radio_buttons',
        action_id: 's',
        options: [{ text: md('*on-track*'), value: 'on-track' }, opt(2)],
      },
    },
    {
      type: 'input',
      block_id: 'confidence',
      label: plain('Commit confidence (%)'),
      hint: plain('At most 80 % two increments ahead'),
      element: {
        type: 'number_input',
        is_decimal_allowed: false,
        action_id: 'c',
        min_value: '0',
        max_value: '100',
      },
    },
    {
      type: 'input',
      block_id: 'blocked_by',
      optional: true,
      label: plain('Blocked by'),
      element: {
        type: 'multi_static_select',
        action_id: 'b',
        option_groups: [{ label: plain('KEPs'), options: opts(2) }],
      },
    },
    {
      type: 'input',
      block_id: 'note',
      optional: true,
      dispatch_action: false,
      label: plain('Note'),
      element: { type: 'plain_text_input', action_id: 'n', multiline: true, max_length: 3000 },
    },
    {
      type: 'input',
      block_id: 'flags',
      label: plain('Flags'),
      element: { type: 'checkboxes', action_id: 'f', options: opts(10) },
    },
    {
      type: 'input',
      block_id: 'when',
      label: plain('When'),
      element: { type: 'datetimepicker', action_id: 'w' },
    },
    {
      type: 'input',
      block_id: 'people',
      label: plain('People'),
      element: { type: 'multi_users_select', action_id: 'p', max_selected_items: 5 },
    },
  ],
};

describe('valid payloads', () => {
  it('accepts a message with every block and element the app emits', () => {
    expect(checkMessage(fullMessage)).toEqual([]);
  });

  it('accepts a modal with every input element', () => {
    expect(checkView(statusModal)).toEqual([]);
  });

  it('accepts a Home tab, text-only messages and blocks given as a JSON string', () => {
    expect(checkView({ type: 'home', blocks: fullMessage.blocks })).toEqual([]);
    expect(checkMessage({ text: 'plain fallback only' })).toEqual([]);
    expect(checkMessage({ text: 'x', blocks: JSON.stringify(fullMessage.blocks) })).toEqual([]);
    expect(checkView(JSON.stringify(statusModal))).toEqual([]);
  });

  it('accepts every limit exactly at its maximum', () => {
    const atMax = {
      text: x(LIMITS.messageText),
      blocks: [
        { type: 'header', text: plain(x(150)) },
        section(x(3000), { block_id: x(255), fields: Array.from({ length: 10 }, () => md(x(2000))) }),
        { type: 'context', elements: Array.from({ length: 10 }, () => md('c')) },
        {
          type: 'actions',
          elements: Array.from({ length: 25 }, (_, i) =>
            button({
              action_id: `a${i}`,
              text: plain(x(75)),
              value: x(2000),
              url: `https://k8s.io/${x(2980)}`,
            }),
          ),
        },
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              placeholder: plain(x(150)),
              options: Array.from({ length: 100 }, () => ({ text: plain(x(75)), value: x(150) })),
            },
          ],
        },
        ...dividers(45),
      ],
    };
    expect(atMax.blocks).toHaveLength(50);
    expect(checkMessage(atMax)).toEqual([]);
    const modal = {
      type: 'modal',
      title: plain(x(24)),
      submit: plain(x(24)),
      close: plain(x(24)),
      callback_id: x(255),
      external_id: x(255),
      private_metadata: x(3000),
      blocks: dividers(100),
    };
    expect(checkView(modal)).toEqual([]);
  });

  it('counts characters as code points, so 3000 emoji fit a section', () => {
    expect(checkMessage({ blocks: [section('🚀'.repeat(3000))] })).toEqual([]);
    expect(checkMessage({ blocks: [section('🚀'.repeat(3001))] })).toEqual([
      'blocks[0].text.text: at most 3000 characters (got 3001)',
    ]);
  });

  it('exports zod schemas that parse the same payloads', () => {
    expect(messageSchema.safeParse(fullMessage).success).toBe(true);
    expect(viewSchema.safeParse(statusModal).success).toBe(true);
    expect(blockSchema.safeParse({ type: 'divider' }).success).toBe(true);
    expect(blockSchema.safeParse({ type: 'section' }).success).toBe(false);
  });
});

/** One broken thing per case → the exact problem reported. */
const badMessages: Array<[name: string, message: { text?: unknown; blocks?: unknown }, problem: string]> = [
  [
    'section text over 3000',
    { blocks: [dividers(1)[0], section('a'), { type: 'divider' }, section(x(3120))] },
    'blocks[3].text.text: at most 3000 characters (got 3120)',
  ],
  ['empty section text', { blocks: [section('')] }, 'blocks[0].text.text: must not be empty'],
  [
    'section without text or fields',
    { blocks: [{ type: 'section' }] },
    'blocks[0].text: required unless fields are given',
  ],
  [
    '11 section fields',
    { blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => md('f')) }] },
    'blocks[0].fields: at most 10 fields (got 11)',
  ],
  [
    'section field over 2000',
    { blocks: [{ type: 'section', fields: [md(x(2001))] }] },
    'blocks[0].fields[0].text: at most 2000 characters (got 2001)',
  ],
  [
    'header over 150',
    { blocks: [{ type: 'header', text: plain(x(151)) }] },
    'blocks[0].text.text: at most 150 characters (got 151)',
  ],
  [
    'mrkdwn header',
    { blocks: [{ type: 'header', text: md('*h*') }] },
    'blocks[0].text.type: must be "plain_text" (got "mrkdwn")',
  ],
  [
    '11 context elements',
    { blocks: [{ type: 'context', elements: Array.from({ length: 11 }, () => md('c')) }] },
    'blocks[0].elements: at most 10 elements (got 11)',
  ],
  [
    'empty context',
    { blocks: [{ type: 'context', elements: [] }] },
    'blocks[0].elements: at least 1 element (got 0)',
  ],
  [
    '26 action elements',
    {
      blocks: [
        { type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `b${i}` })) },
      ],
    },
    'blocks[0].elements: at most 25 elements (got 26)',
  ],
  [
    'button text over 75',
    { blocks: [{ type: 'actions', elements: [button({ text: plain(x(76)) })] }] },
    'blocks[0].elements[0].text.text: at most 75 characters (got 76)',
  ],
  [
    'button value over 2000',
    { blocks: [{ type: 'actions', elements: [button({ value: x(2001) })] }] },
    'blocks[0].elements[0].value: at most 2000 characters (got 2001)',
  ],
  [
    'button url over 3000',
    { blocks: [{ type: 'actions', elements: [button({ url: `https://a.io/${x(2990)}` })] }] },
    'blocks[0].elements[0].url: at most 3000 characters (got 3003)',
  ],
  [
    'action_id over 255',
    { blocks: [{ type: 'actions', elements: [button({ action_id: x(256) })] }] },
    'blocks[0].elements[0].action_id: at most 255 characters (got 256)',
  ],
  [
    'bad button style',
    { blocks: [{ type: 'actions', elements: [button({ style: 'green' })] }] },
    'blocks[0].elements[0].style: must be "primary" or "danger" (got "green")',
  ],
  [
    'duplicate action_id in a block',
    {
      blocks: [
        {
          type: 'actions',
          elements: [button({ action_id: 'vote_cast' }), button({ action_id: 'vote_cast' })],
        },
      ],
    },
    'blocks[0].elements[1].action_id: duplicate action_id "vote_cast" (also [0])',
  ],
  [
    'confirm title over 100',
    {
      blocks: [
        {
          type: 'actions',
          elements: [
            button({
              confirm: { title: plain(x(101)), text: md('t'), confirm: plain('y'), deny: plain('n') },
            }),
          ],
        },
      ],
    },
    'blocks[0].elements[0].confirm.title.text: at most 100 characters (got 101)',
  ],
  [
    '101 select options',
    { blocks: [{ type: 'actions', elements: [{ type: 'static_select', options: opts(101) }] }] },
    'blocks[0].elements[0].options: at most 100 options (got 101)',
  ],
  [
    'option text over 75',
    {
      blocks: [
        {
          type: 'actions',
          elements: [{ type: 'static_select', options: [{ text: plain(x(76)), value: 'v' }] }],
        },
      ],
    },
    'blocks[0].elements[0].options[0].text.text: at most 75 characters (got 76)',
  ],
  [
    'option value over 150',
    {
      blocks: [
        {
          type: 'actions',
          elements: [{ type: 'static_select', options: [{ text: plain('t'), value: x(151) }] }],
        },
      ],
    },
    'blocks[0].elements[0].options[0].value: at most 150 characters (got 151)',
  ],
  [
    'placeholder over 150',
    { blocks: [{ type: 'actions', elements: [{ type: 'users_select', placeholder: plain(x(151)) }] }] },
    'blocks[0].elements[0].placeholder.text: at most 150 characters (got 151)',
  ],
  [
    'select with no options',
    { blocks: [{ type: 'actions', elements: [{ type: 'static_select' }] }] },
    'blocks[0].elements[0].options: give exactly one of options and option_groups',
  ],
  [
    'negative min_query_length',
    { blocks: [{ type: 'actions', elements: [{ type: 'external_select', min_query_length: -1 }] }] },
    'blocks[0].elements[0].min_query_length: at least 0 (got -1)',
  ],
  [
    'overflow with one option',
    { blocks: [{ type: 'actions', elements: [{ type: 'overflow', options: opts(1) }] }] },
    'blocks[0].elements[0].options: at least 2 options (got 1)',
  ],
  [
    'overflow with six options',
    { blocks: [{ type: 'actions', elements: [{ type: 'overflow', options: opts(6) }] }] },
    'blocks[0].elements[0].options: at most 5 options (got 6)',
  ],
  [
    'bad datepicker date',
    { blocks: [{ type: 'actions', elements: [{ type: 'datepicker', initial_date: '17/06/2026' }] }] },
    'blocks[0].elements[0].initial_date: must be a date as YYYY-MM-DD',
  ],
  [
    'input element in actions',
    { blocks: [{ type: 'actions', elements: [{ type: 'plain_text_input' }] }] },
    'blocks[0].elements[0].type: unsupported actions element type "plain_text_input" here (allowed: button, static_select, multi_static_select, external_select, multi_external_select, users_select, multi_users_select, conversations_select, multi_conversations_select, channels_select, multi_channels_select, overflow, datepicker, datetimepicker, timepicker, radio_buttons, checkboxes)',
  ],
  [
    'unknown block type',
    { blocks: [{ type: 'table' }] },
    'blocks[0].type: unsupported block type "table" here (allowed: section, header, context, divider, actions, input, image, rich_text)',
  ],
  [
    'block without type',
    { blocks: [{ text: md('x') }] },
    'blocks[0].type: block has no "type" (allowed: section, header, context, divider, actions, input, image, rich_text)',
  ],
  ['block that is not an object', { blocks: ['section'] }, 'blocks[0]: expected object, got string'],
  ['blocks not an array', { blocks: { type: 'divider' } }, 'blocks: expected array, got object'],
  ['blocks not JSON', { blocks: '[{"type":' }, 'blocks: not valid JSON (Unexpected end of JSON input)'],
  [
    'block_id over 255',
    { blocks: [{ type: 'divider', block_id: x(256) }] },
    'blocks[0].block_id: at most 255 characters (got 256)',
  ],
  [
    'duplicate block_id',
    { blocks: [{ type: 'divider', block_id: 'a' }, section('s'), section('t', { block_id: 'a' })] },
    'blocks[2].block_id: duplicate block_id "a" (also [0])',
  ],
  ['51 blocks', { blocks: dividers(51) }, 'blocks: at most 50 blocks (got 51)'],
  ['text over 40000', { text: x(40_001) }, 'text: at most 40000 characters (got 40001)'],
  ['text not a string', { text: 42 }, 'text: expected string, got number'],
  [
    'image without a source',
    { blocks: [{ type: 'image', alt_text: 'a' }] },
    'blocks[0].image_url: give exactly one of image_url and slack_file',
  ],
  [
    'image alt text missing',
    { blocks: [{ type: 'image', image_url: 'https://k8s.io/a.png' }] },
    'blocks[0].alt_text: required',
  ],
];

describe('checkMessage problems', () => {
  it.each(badMessages)('%s', (_name, message, problem) => {
    expect(checkMessage(message)).toEqual([problem]);
  });

  it('reports every problem at once, including the block count', () => {
    const problems = checkMessage({
      blocks: [...dividers(50), section(x(3001)), { type: 'header', text: plain(x(151)) }],
    });
    expect(problems).toEqual([
      'blocks[50].text.text: at most 3000 characters (got 3001)',
      'blocks[51].text.text: at most 150 characters (got 151)',
      'blocks: at most 50 blocks (got 52)',
    ]);
  });

  it.each([null, undefined, 'text', 42, []])('never throws on a non-object message (%j)', (value) => {
    expect(checkMessage(value as never)).toEqual(['message: expected an object with text and/or blocks']);
  });
});

const modal = (over: Record<string, unknown>) => ({
  type: 'modal',
  title: plain('Title'),
  blocks: [],
  ...over,
});
const input = (element: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
  type: 'input',
  label: plain('L'),
  element,
  ...over,
});

const badViews: Array<[name: string, view: unknown, problem: string]> = [
  ['modal title over 24', modal({ title: plain(x(25)) }), 'title.text: at most 24 characters (got 25)'],
  ['modal without title', { type: 'modal', blocks: [] }, 'title: required'],
  ['submit over 24', modal({ submit: plain(x(25)) }), 'submit.text: at most 24 characters (got 25)'],
  ['close over 24', modal({ close: plain(x(25)) }), 'close.text: at most 24 characters (got 25)'],
  ['callback_id over 255', modal({ callback_id: x(256) }), 'callback_id: at most 255 characters (got 256)'],
  [
    'private_metadata over 3000',
    modal({ private_metadata: x(3001) }),
    'private_metadata: at most 3000 characters (got 3001)',
  ],
  [
    'external_id over 255',
    { type: 'home', blocks: [], external_id: x(256) },
    'external_id: at most 255 characters (got 256)',
  ],
  ['101 blocks', { type: 'home', blocks: dividers(101) }, 'blocks: at most 100 blocks (got 101)'],
  [
    'input without submit',
    modal({ blocks: [input({ type: 'plain_text_input' })] }),
    'submit: required when the view has an input block',
  ],
  [
    'input label over 2000',
    modal({ submit: plain('OK'), blocks: [input({ type: 'plain_text_input' }, { label: plain(x(2001)) })] }),
    'blocks[0].label.text: at most 2000 characters (got 2001)',
  ],
  [
    'input hint over 2000',
    modal({ submit: plain('OK'), blocks: [input({ type: 'plain_text_input' }, { hint: plain(x(2001)) })] }),
    'blocks[0].hint.text: at most 2000 characters (got 2001)',
  ],
  [
    'max_length over 3000',
    modal({ submit: plain('OK'), blocks: [input({ type: 'plain_text_input', max_length: 3001 })] }),
    'blocks[0].element.max_length: at most 3000 (got 3001)',
  ],
  [
    '11 checkboxes',
    modal({ submit: plain('OK'), blocks: [input({ type: 'checkboxes', options: opts(11) })] }),
    'blocks[0].element.options: at most 10 options (got 11)',
  ],
  [
    '11 radio buttons',
    modal({ submit: plain('OK'), blocks: [input({ type: 'radio_buttons', options: opts(11) })] }),
    'blocks[0].element.options: at most 10 options (got 11)',
  ],
  [
    'number input without is_decimal_allowed',
    modal({ submit: plain('OK'), blocks: [input({ type: 'number_input' })] }),
    'blocks[0].element.is_decimal_allowed: required',
  ],
  [
    'bad time',
    modal({ submit: plain('OK'), blocks: [input({ type: 'timepicker', initial_time: '25:00' })] }),
    'blocks[0].element.initial_time: must be a time as HH:mm (24-hour)',
  ],
  [
    'button as input element',
    modal({ submit: plain('OK'), blocks: [input(button())] }),
    'blocks[0].element.type: unsupported input element type "button" here (allowed: plain_text_input, number_input, static_select, multi_static_select, external_select, multi_external_select, users_select, multi_users_select, conversations_select, multi_conversations_select, channels_select, multi_channels_select, datepicker, datetimepicker, timepicker, radio_buttons, checkboxes)',
  ],
  [
    'unknown view type',
    { type: 'workflow_step', blocks: [] },
    'type: unsupported view type "workflow_step" here (allowed: modal, home)',
  ],
  ['view not an object', 'modal', 'view: not valid JSON (Unexpected token \'m\', "modal" is not valid JSON)'],
  ['view undefined', undefined, 'view: required'],
];

describe('checkView problems', () => {
  it.each(badViews)('%s', (_name, view, problem) => {
    expect(checkView(view)).toEqual([problem]);
  });
});
