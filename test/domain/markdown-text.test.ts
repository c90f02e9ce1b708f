import { describe, expect, it } from 'vitest';
import { markdownToText } from '../../src/domain/markdown-text.ts';
import { formatTextTable, truncateText } from '../../src/domain/text-table.ts';

describe('markdownToText', () => {
  it.each([
    ['**Begin [Code Freeze] and [Test Freeze]**', 'Begin Code Freeze and Test Freeze'],
    [
      'Call for PRR and Enhancement Freeze [Exceptions][Exception]',
      'Call for PRR and Enhancement Freeze Exceptions',
    ],
    [
      '[02:00 UTC Friday 25th July 2025](https://everytimezone.com/s/a2c01c54)',
      '02:00 UTC Friday 25th July 2025',
    ],
    ['🚀 **v1.35.0 released** 🎉', 'v1.35.0 released'],
    ['Docs &amp; blog<br>ready', 'Docs & blog ready'],
    ['![logo](./logo.png) *Thaw*', 'Thaw'],
    ['release_phases and `code`', 'release_phases and code'],
  ])('%s', (markdown, text) => {
    expect(markdownToText(markdown)).toBe(text);
  });
});

describe('formatTextTable', () => {
  it('aligns columns and leaves the last one unpadded', () => {
    expect(
      formatTextTable(
        ['A', 'LONG'],
        [
          ['xyz', 'v'],
          ['é', 'w\nx'],
        ],
      ),
    ).toBe('A    LONG\nxyz  v\né    w x\n');
  });
  it('truncates long text with an ellipsis', () => {
    expect(truncateText('abcdef', 4)).toBe('abc…');
    expect(truncateText('abc', 4)).toBe('abc');
  });
});
