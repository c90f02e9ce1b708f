import type { ActionsBlock, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { checkMessage } from '../../src/slack/blocks/limits.ts';
import {
  blockChars,
  DEFAULT_MAX_CHARS,
  splitBlocks,
  splitText,
} from '../../src/slack/blocks/split-message.ts';
import { countChars } from '../../src/slack/escape.ts';

const md = (text: string) => ({ type: 'mrkdwn' as const, text });
const section = (text: string, over: Partial<SectionBlock> = {}): SectionBlock => ({
  type: 'section',
  text: md(text),
  ...over,
});
const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text } });
const lines = (n: number, width = 59) =>
  Array.from({ length: n }, (_, i) => `${String(i).padStart(4, '0')} ${'y'.repeat(width - 5)}`);
const sectionTexts = (blocks: readonly KnownBlock[]) =>
  blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));

/** Every message is valid for Slack and within the budgets. */
function expectValid(messages: KnownBlock[][], maxBlocks = 50, maxChars = DEFAULT_MAX_CHARS) {
  for (const [i, message] of messages.entries()) {
    expect(checkMessage({ text: `part ${i + 1}`, blocks: message }), `message ${i}`).toEqual([]);
    expect(message.length).toBeGreaterThan(0);
    expect(message.length).toBeLessThanOrEqual(maxBlocks);
    if (message.length > 1) expect(blockChars(message)).toBeLessThanOrEqual(maxChars);
  }
}

describe('splitBlocks: block counts', () => {
  it.each([
    [0, []],
    [1, [1]],
    [50, [50]],
    [51, [50, 1]],
    [120, [50, 50, 20]],
  ])('%i short sections → messages of %j blocks', (count, sizes) => {
    const blocks = Array.from({ length: count }, (_, i) => section(`KEP ${i}`));
    const messages = splitBlocks(blocks);
    expect(messages.map((m) => m.length)).toEqual(sizes);
    expect(messages.flat()).toEqual(blocks);
    expectValid(messages);
  });

  it('honours a smaller maxBlocks and ignores nonsense options', () => {
    const blocks = Array.from({ length: 7 }, (_, i) => section(`s${i}`));
    expect(splitBlocks(blocks, { maxBlocks: 3 }).map((m) => m.length)).toEqual([3, 3, 1]);
    expect(splitBlocks(blocks, { maxBlocks: 500 }).map((m) => m.length)).toEqual([7]);
    expect(splitBlocks(blocks, { maxBlocks: 0, maxChars: Number.NaN }).map((m) => m.length)).toEqual([7]);
  });

  it('starts a new message when the character budget is reached', () => {
    const blocks = Array.from({ length: 10 }, () => section('z'.repeat(2500)));
    const messages = splitBlocks(blocks, { maxChars: 6000 });
    expect(messages.map((m) => m.length)).toEqual([2, 2, 2, 2, 2]);
    expect(messages.flat()).toEqual(blocks);
    expectValid(messages, 50, 6000);
  });

  it('moves a header that would end a message into the next one', () => {
    const blocks = [section('a'), section('b'), header('SIG Node'), section('c'), section('d')];
    const messages = splitBlocks(blocks, { maxBlocks: 3 });
    expect(messages).toEqual([
      [section('a'), section('b')],
      [header('SIG Node'), section('c'), section('d')],
    ]);
  });
});

describe('splitBlocks: oversized blocks', () => {
  it('splits a long section at line boundaries without losing a character', () => {
    const text = lines(200).join('\n'); // 12,000 characters
    const messages = splitBlocks([section(text, { block_id: 'digest' })]);
    const texts = sectionTexts(messages.flat());
    expect(texts).toHaveLength(4); // 50 lines of 60 characters fit in 3000
    expect(texts.join('\n')).toBe(text);
    for (const t of texts) {
      expect(countChars(t)).toBeLessThanOrEqual(3000);
      expect(t.startsWith('0')).toBe(true); // every piece starts at a line start
    }
    expect(messages.flat().map((b) => b.block_id)).toEqual(
      texts.map((_, i) => (i === 0 ? 'digest' : `digest.${i}`)),
    );
    expectValid(messages);
  });

  it('keeps the accessory on the first piece and the fields on the last', () => {
    const accessory = {
      type: 'button' as const,
      text: { type: 'plain_text' as const, text: 'Update' },
      action_id: 'round_update_kep',
    };
    const fields = [md('*State*'), md('at-risk')];
    const [message] = splitBlocks([section(lines(80).join('\n'), { accessory, fields })]);
    const pieces = message as SectionBlock[];
    expect(pieces.length).toBe(2);
    expect(pieces[0]?.accessory).toEqual(accessory);
    expect(pieces[1]?.accessory).toBeUndefined();
    expect(pieces[0]?.fields).toBeUndefined();
    expect(pieces[1]?.fields).toEqual(fields);
  });

  it('splits a single line with no newlines at spaces', () => {
    const words = Array.from({ length: 1500 }, (_, i) => `w${i}`).join(' ');
    const texts = sectionTexts(splitBlocks([section(words)]).flat());
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.join('')).toBe(words);
    for (const t of texts.slice(0, -1)) expect(t.endsWith(' ')).toBe(true);
  });

  it('never cuts an entity or a mention in a line without spaces', () => {
    const text = `${'a'.repeat(2998)}&amp;<@U012ABCDEF>${'b'.repeat(10)}`;
    const texts = splitText(text, 3000);
    expect(texts).toEqual(['a'.repeat(2998), `&amp;<@U012ABCDEF>${'b'.repeat(10)}`]);
  });

  it('closes and reopens a code block cut in two', () => {
    const text = ['Stale KEPs:', '```', ...lines(80), '```', 'done'].join('\n');
    const texts = splitText(text, 3000);
    expect(texts).toHaveLength(2);
    expect(texts[0]?.endsWith('\n```')).toBe(true);
    expect(texts[1]?.startsWith('```\n')).toBe(true);
    for (const t of texts) {
      expect(countChars(t)).toBeLessThanOrEqual(3000);
      expect(t.split('```').length % 2).toBe(1); // balanced fences
    }
    expect(texts.join('\n').replace('\n```\n```\n', '\n')).toBe(text);
  });

  it('splits 25 fields into sections of at most 10', () => {
    const fields = Array.from({ length: 25 }, (_, i) => md(`f${i}`));
    const [message] = splitBlocks([{ type: 'section', fields }]);
    expect(message?.map((b) => (b as SectionBlock).fields?.length)).toEqual([10, 10, 5]);
    expect(message?.flatMap((b) => (b as SectionBlock).fields)).toEqual(fields);
  });

  it('splits contexts over 10 elements and action rows over 25 elements', () => {
    const context: ContextBlock = {
      type: 'context',
      block_id: 'ctx',
      elements: Array.from({ length: 12 }, (_, i) => md(`c${i}`)),
    };
    const actions: ActionsBlock = {
      type: 'actions',
      elements: Array.from({ length: 30 }, (_, i) => ({
        type: 'button' as const,
        text: { type: 'plain_text' as const, text: `b${i}` },
        action_id: `b${i}`,
      })),
    };
    const [message] = splitBlocks([context, actions]);
    expect(
      message?.map((b) => [b.type, b.block_id, (b as ContextBlock | ActionsBlock).elements.length]),
    ).toEqual([
      ['context', 'ctx', 10],
      ['context', 'ctx.1', 2],
      ['actions', undefined, 25],
      ['actions', undefined, 5],
    ]);
    expectValid([message ?? []]);
  });

  it('shrinks sections to a small maxChars budget', () => {
    const text = lines(40, 20).join('\n');
    const messages = splitBlocks([section(text)], { maxChars: 250 });
    expect(sectionTexts(messages.flat()).join('\n')).toBe(text);
    expectValid(messages, 50, 250);
  });
});
