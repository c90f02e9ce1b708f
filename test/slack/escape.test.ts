import { describe, expect, it } from 'vitest';
import {
  countChars,
  escapeMrkdwn,
  formatDate,
  isSlackChannelId,
  isSlackUserId,
  link,
  mentionChannel,
  mentionUser,
  mentionUserGroup,
  safePrefix,
  safeUrl,
  truncate,
  unescapeMrkdwn,
  WORD_JOINER,
} from '../../src/slack/escape.ts';

const WJ = WORD_JOINER;

/** Hostile or awkward input → exactly what must reach Slack. */
const hostile: Array<[name: string, input: string, expected: string]> = [
  ['channel broadcast token', '<!channel>', '&lt;!channel&gt;'],
  ['here broadcast token', '<!here>', '&lt;!here&gt;'],
  ['everyone broadcast token', '<!everyone>', '&lt;!everyone&gt;'],
  ['legacy labelled broadcast', '<!channel|channel>', '&lt;!channel|channel&gt;'],
  ['user mention token', '<@U0123ABCD>', '&lt;@U0123ABCD&gt;'],
  ['labelled user mention', '<@U0123ABCD|boss>', '&lt;@U0123ABCD|boss&gt;'],
  ['channel link token', '<#C0123ABCD>', '&lt;#C0123ABCD&gt;'],
  ['user group mention', '<!subteam^S0123|@leads>', '&lt;!subteam^S0123|@leads&gt;'],
  ['date token', '<!date^1700000000^{date}|x>', '&lt;!date^1700000000^{date}|x&gt;'],
  [
    'disguised link',
    '<https://evil.example|https://kubernetes.io>',
    '&lt;https://evil.example|https://kubernetes.io&gt;',
  ],
  ['javascript link', '<javascript:alert(1)|click>', '&lt;javascript:alert(1)|click&gt;'],
  ['bare @channel', 'ping @channel now', `ping @${WJ}channel now`],
  ['bare @here at start', '@here please look', `@${WJ}here please look`],
  ['bare @everyone at end', 'attention @everyone', `attention @${WJ}everyone`],
  ['legacy @group', 'hey @group', `hey @${WJ}group`],
  ['upper-case broadcast', '@HERE and @Channel', `@${WJ}HERE and @${WJ}Channel`],
  ['broadcast with punctuation', '(@here), @channel!', `(@${WJ}here), @${WJ}channel!`],
  ['broadcast after newline', 'line\n@everyone', `line\n@${WJ}everyone`],
  ['e-mail address is left alone', 'mail jane@here.example', 'mail jane@here.example'],
  ['longer word is left alone', '@herein @channels', '@herein @channels'],
  ['ampersand first', 'a & b', 'a &amp; b'],
  ['already-escaped entity stays literal', '&lt;!channel&gt;', '&amp;lt;!channel&amp;gt;'],
  ['numeric entity', '&#60;!here&#62;', '&amp;#60;!here&amp;#62;'],
  ['unbalanced bracket', 'a < b > c', 'a &lt; b &gt; c'],
  ['nested brackets', '<<!channel>>', '&lt;&lt;!channel&gt;&gt;'],
  ['formatting is kept', '*bold* _it_ ~s~ `code`', '*bold* _it_ ~s~ `code`'],
  ['code fence with token', '```<!here>```', '```&lt;!here&gt;```'],
  ['quote marker', '> quoted', '&gt; quoted'],
  ['emoji and CJK', '🚀 進捗 <@U1>', '🚀 進捗 &lt;@U1&gt;'],
  ['empty string', '', ''],
];

describe('escapeMrkdwn', () => {
  it.each(hostile)('%s', (_name, input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it.each(hostile)('leaves no live markup or broadcast: %s', (_name, input) => {
    const out = escapeMrkdwn(input);
    expect(out).not.toMatch(/[<>]/);
    expect(out).not.toMatch(/(^|[^\p{L}\p{N}_])@(channel|here|everyone|group)\b/iu);
    expect(out.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
  });

  it('round-trips through unescapeMrkdwn apart from the word joiner', () => {
    for (const [, input] of hostile) {
      expect(unescapeMrkdwn(escapeMrkdwn(input)).replaceAll(WJ, '')).toBe(input);
    }
  });

  it('never throws on non-string input', () => {
    expect(escapeMrkdwn(undefined as unknown as string)).toBe('');
    expect(escapeMrkdwn(42 as unknown as string)).toBe('42');
  });
});

describe('mentions', () => {
  it.each([
    ['U012ABCDEF', true],
    ['W012ABCDEF', true],
    ['C012ABCDEF', false],
    ['u012abcdef', false],
    ['U012|x', false],
    ['', false],
  ])('isSlackUserId(%j) is %s', (id, ok) => {
    expect(isSlackUserId(id)).toBe(ok);
  });

  it('builds real mentions for valid ids', () => {
    expect(mentionUser('U012ABCDEF')).toBe('<@U012ABCDEF>');
    expect(mentionChannel('C012ABCDEF')).toBe('<#C012ABCDEF>');
    expect(mentionChannel('G012ABCDEF')).toBe('<#G012ABCDEF>');
    expect(mentionUserGroup('S0614TZR7')).toBe('<!subteam^S0614TZR7>');
    expect(isSlackChannelId('D012ABCDEF')).toBe(true);
  });

  it.each([
    ['U1> <!channel', mentionUser],
    ['!channel', mentionUser],
    ['C1|<!here>', mentionChannel],
    ['S1> <!everyone', mentionUserGroup],
  ])('renders an invalid id %j as inert text', (id, fn) => {
    const out = fn(id);
    expect(out).not.toMatch(/[<>]/);
    expect(unescapeMrkdwn(out)).toBe(id);
  });
});

describe('link', () => {
  it.each([
    [
      'https://github.com/kubernetes/enhancements/issues/4222',
      'KEP-4222',
      '<https://github.com/kubernetes/enhancements/issues/4222|KEP-4222>',
    ],
    ['https://x.example/?a=1&b=2', 'q', '<https://x.example/?a=1&amp;b=2|q>'],
    ['https://x.example/a|b', 'pipe', '<https://x.example/a%7Cb|pipe>'],
    ['https://x.example/a>b<c', 'gt', '<https://x.example/a%3Eb%3Cc|gt>'],
    ['https://x.example/', '<!channel> & *x*', '<https://x.example/|&lt;!channel&gt; &amp; *x*>'],
    ['https://x.example/', '@here', `<https://x.example/|@${WJ}here>`],
    ['http://x.example/', '', '<http://x.example/>'],
    ['javascript:alert(1)', 'click', 'click'],
    ['ftp://x.example/', 'file', 'file'],
    ['not a url', 'label', 'label'],
    ['not a url <!here>', '', 'not a url &lt;!here&gt;'],
  ])('link(%j, %j)', (url, label, expected) => {
    expect(link(url, label)).toBe(expected);
  });

  it('safeUrl rejects what is not absolute http(s)', () => {
    expect(safeUrl('/relative')).toBeUndefined();
    expect(safeUrl('mailto:a@b.example')).toBeUndefined();
    expect(safeUrl(' https://x.example ')).toBe('https://x.example/');
  });
});

describe('formatDate', () => {
  it('builds a date token with an escaped fallback', () => {
    expect(formatDate(1_781_000_000, '{date_short} at {time}', '2026-06-09 10:13 UTC')).toBe(
      '<!date^1781000000^{date_short} at {time}|2026-06-09 10:13 UTC>',
    );
  });

  it('floors fractional seconds and links a safe URL', () => {
    expect(formatDate(1.9, '{date}', 'x', 'https://k8s.io/a|b')).toBe(
      '<!date^1^{date}^https://k8s.io/a%7Cb|x>',
    );
  });

  it.each([
    ['fallback markup', 1, '{date}', '<!here> | x', '<!date^1^{date}|&lt;!here&gt; ¦ x>'],
    ['format markup', 1, '{date}|<!channel>^', 'f', '<!date^1^{date}&lt;!channel&gt;|f>'],
  ])('neutralises %s', (_name, ts, format, fallback, expected) => {
    expect(formatDate(ts, format, fallback)).toBe(expected);
  });

  it('drops an unsafe link and falls back for a non-finite time', () => {
    expect(formatDate(5, '{date}', 'f', 'javascript:x')).toBe('<!date^5^{date}|f>');
    expect(formatDate(Number.NaN, '{date}', 'June <9>')).toBe('June &lt;9&gt;');
  });
});

describe('truncate', () => {
  it.each([
    ['short text is unchanged', 'hello', 10, 'hello'],
    ['exact fit is unchanged', 'hello', 5, 'hello'],
    ['cuts and appends an ellipsis', 'hello world', 6, 'hello…'],
    ['max 1', 'hello', 1, '…'],
    ['max 0', 'hello', 0, ''],
    ['does not split an emoji', '🚀🚀🚀🚀', 3, '🚀🚀…'],
    ['does not split &amp;', 'a &amp; b', 5, 'a …'],
    ['does not split &lt;', 'ab&lt;cd', 5, 'ab…'],
    ['keeps a whole entity', 'ab&lt;cd', 7, 'ab&lt;…'],
    ['does not split a mention', 'hi <@U012ABCDEF> there', 10, 'hi …'],
    ['keeps a whole mention', 'hi <@U012ABCDEF> there', 18, 'hi <@U012ABCDEF> …'],
    ['negative max', 'abc', -3, ''],
  ])('%s', (_name, text, max, expected) => {
    const out = truncate(text, max);
    expect(out).toBe(expected);
    expect(countChars(out)).toBeLessThanOrEqual(Math.max(0, max));
  });

  it('safePrefix falls back to a raw cut when a token alone is too long', () => {
    expect(safePrefix('<@U012ABCDEF>', 4)).toBe('<@U0');
    expect(safePrefix('ab <@U1>', 5)).toBe('ab ');
  });
});
