import { describe, expect, it } from 'vitest';
import { boundedSection, context, header, plainText, section } from '../../../src/slack/blocks/block-kit.ts';
import { countChars } from '../../../src/slack/escape.ts';

const long = 'x'.repeat(5000);
const textOf = (block: unknown) => JSON.stringify(block).match(/"text":"(x*…?)"/)?.[1] ?? '';

describe('shared Block Kit pieces', () => {
  it('a section keeps its whole text (splitBlocks cuts long ones later); a bounded one is cut to 3000', () => {
    expect(section('hi', 'b1')).toEqual({
      type: 'section',
      block_id: 'b1',
      text: { type: 'mrkdwn', text: 'hi' },
    });
    expect(section('hi')).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'hi' } });
    expect(textOf(section(long))).toHaveLength(5000);
    expect(countChars(textOf(boundedSection(long)))).toBe(3000);
  });

  it('a context line is cut to 3000 and a header to 150 characters', () => {
    expect(countChars(textOf(context(long)))).toBe(3000);
    expect(countChars(textOf(header(long)))).toBe(150);
    expect(header('Plan')).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Plan', emoji: true },
    });
  });

  it('plain text shows emoji', () => {
    expect(plainText('Cancel')).toEqual({ type: 'plain_text', text: 'Cancel', emoji: true });
  });
});
