import { describe, expect, it } from 'vitest';
import { renderBlocks, renderMrkdwn, renderTranscript, renderView } from '../../src/sandbox/render-text.ts';
import { SlackWorkspace } from '../../src/sandbox/workspace.ts';
import { fakeClock, seed } from './sandbox-fixtures.ts';

const names = {
  user: (id: string) => ({ U0ALICE001: 'alice' })[id],
  channel: (id: string) => ({ C0000000001: 'sig-node' })[id],
};
const plain = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });

describe('renderMrkdwn', () => {
  it.each([
    ['<@U0ALICE001> please update', '@alice please update'],
    ['<@U0UNKNOWN1>', '@U0UNKNOWN1'],
    ['see <#C0000000001>', 'see #sig-node'],
    ['see <#C0000000002|sig-apps>', 'see #sig-apps'],
    ['<!here> vote', '@here vote'],
    ['<!subteam^S0LEADS001|@sig-node-leads>', '@sig-node-leads'],
    [
      '<https://github.com/kubernetes/enhancements/issues/4222|KEP-4222>',
      'KEP-4222 (https://github.com/kubernetes/enhancements/issues/4222)',
    ],
    ['<https://k8s.io>', 'https://k8s.io'],
    ['a &lt;b&gt; &amp; c', 'a <b> & c'],
  ])('%s → %s', (input, expected) => {
    expect(renderMrkdwn(input, names)).toBe(expected);
  });
});

describe('renderBlocks', () => {
  it('renders a drumbeat round message', () => {
    const blocks = [
      { type: 'header', text: plain('Drumbeat: sig-node') },
      {
        type: 'section',
        text: md('*KEP-4222* is <@U0ALICE001>’s'),
        accessory: { type: 'button', text: plain('Update') },
      },
      { type: 'section', fields: [md('*State*'), md('at-risk'), md('*Age*')] },
      { type: 'divider' },
      { type: 'context', elements: [md('Round 3'), { type: 'image', alt_text: 'logo', image_url: 'x' }] },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: plain('Approve'), style: 'primary' },
          { type: 'static_select', placeholder: plain('Pick a KEP') },
          { type: 'static_select', initial_option: { text: plain('4222'), value: '4222' } },
          { type: 'users_select', initial_user: 'U0ALICE001' },
          { type: 'overflow', options: [] },
        ],
      },
      { type: 'video' },
    ];
    expect(renderBlocks(blocks, names).split('\n')).toEqual([
      '# Drumbeat: sig-node',
      '*KEP-4222* is @alice’s',
      '  [Update]',
      '*State*  |  at-risk',
      '*Age*',
      '────────',
      '· Round 3 · [image: logo]',
      '[Approve] [Pick a KEP ▾] [4222 ▾] [@alice ▾] [⋯]',
      '[video]',
    ]);
  });

  it('renders inputs, radio buttons, checkboxes and date pickers', () => {
    const option = (v: string) => ({ text: plain(v), value: v });
    const blocks = [
      {
        type: 'input',
        label: plain('Note'),
        optional: true,
        element: { type: 'plain_text_input' },
        hint: plain('Why?'),
      },
      {
        type: 'input',
        label: plain('Title'),
        element: { type: 'plain_text_input', initial_value: 'Ship it' },
      },
      {
        type: 'input',
        label: plain('State'),
        element: {
          type: 'radio_buttons',
          options: [option('on-track'), option('blocked')],
          initial_option: option('blocked'),
        },
      },
      {
        type: 'input',
        label: plain('Flags'),
        element: { type: 'checkboxes', options: [option('opted-in')] },
      },
      { type: 'input', label: plain('Due'), element: { type: 'datepicker', initial_date: '2026-07-01' } },
    ];
    expect(renderBlocks(blocks).split('\n')).toEqual([
      'Note (optional): [____]',
      '  Why?',
      'Title: [Ship it]',
      'State: ( ) on-track  (•) blocked',
      'Flags: [ ] opted-in',
      'Due: [date: 2026-07-01]',
    ]);
  });

  it('does not crash on junk', () => {
    // Non-objects print as [block]; an empty section prints nothing; actions without elements an empty line.
    const junk = [null, 42, { type: 'section' }, { type: 'actions', elements: 'nope' }];
    expect(renderBlocks(junk).split('\n')).toEqual(['[block]', '[block]', '']);
  });
});

describe('renderView and renderTranscript', () => {
  it('renders a modal with its field errors and buttons', () => {
    const ws = new SlackWorkspace(seed, { now: fakeClock().now });
    const opened = ws.openModal('U0ALICE001', {
      type: 'modal',
      title: plain('KEP status'),
      submit: plain('Save'),
      close: plain('Cancel'),
      blocks: [{ type: 'input', block_id: 'kep', label: plain('KEP'), element: { type: 'external_select' } }],
    });
    ws.applyViewResponse(opened.id, { response_action: 'errors', errors: { kep: 'Pick a KEP of sig-node' } });
    expect(renderView(ws.view(opened.id)!)).toBe(
      ['=== KEP status ===', 'KEP: [Select… ▾]', '  ! Pick a KEP of sig-node', '[Cancel] [Save]'].join('\n'),
    );
  });

  it('prints a channel with threads indented and ephemerals marked', () => {
    const clock = fakeClock('2026-06-17T16:00:00Z');
    const ws = new SlackWorkspace(seed, { now: clock.now });
    const channel = ws.channelId('sig-node');
    const { bot } = ws.seed;
    const parent = ws.appendMessage({
      channel,
      threadTs: null,
      user: bot.userId,
      botId: bot.botId,
      text: 'fallback',
      blocks: [
        { type: 'header', text: plain('Round 1') },
        { type: 'actions', elements: [{ type: 'button', text: plain('Update') }] },
      ],
      metadata: null,
    });
    clock.advance(5000);
    ws.recordMessage({
      channel: 'sig-node',
      user: 'alice',
      text: 'done, <@U0BOB00001>?',
      threadTs: parent.ts,
    });
    clock.advance(5000);
    ws.recordEphemeral({ channel, user: 'U0BOB00001', text: 'Saved', blocks: null, viaResponseUrl: true });
    clock.advance(5000);
    ws.recordMessage({ channel: 'sig-node', user: 'bob', text: 'next' });
    expect(renderTranscript(ws, '#sig-node')).toBe(
      [
        '── #sig-node ──',
        '[2026-06-17 16:00:00] @drumbeat:',
        '  # Round 1',
        '  [Update]',
        '    ↳ [2026-06-17 16:00:05] @alice:',
        '        done, @bob?',
        '[2026-06-17 16:00:10] (only @bob sees this, via response_url):',
        '  Saved',
        '[2026-06-17 16:00:15] @bob:',
        '  next',
      ].join('\n'),
    );
    expect(renderTranscript(ws, 'sig-release')).toBe('── #sig-release ──\n(no messages)');
  });
});
