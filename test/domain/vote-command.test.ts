import { describe, expect, it } from 'vitest';
import {
  parseKepIssues,
  parseQuorum,
  parseVoteCommand,
  parseVotingTime,
} from '../../src/domain/vote-command.ts';

describe('parseVoteCommand (text as Slack sends it with should_escape)', () => {
  it.each([
    ['', { kind: 'start', question: '', electorate: null, note: null }],
    ['help', { kind: 'help' }],
    ['LIST', { kind: 'list' }],
    ['Ship the plan?', { kind: 'start', question: 'Ship the plan?', electorate: null, note: null }],
    [
      'Ship it? <#C0123ABC|sig-node>',
      { kind: 'start', question: 'Ship it?', electorate: { kind: 'channel', id: 'C0123ABC' }, note: null },
    ],
    [
      'Ship it? <!subteam^S0614TZR7|@leads>',
      { kind: 'start', question: 'Ship it?', electorate: { kind: 'usergroup', id: 'S0614TZR7' }, note: null },
    ],
    [
      '<@U0000000003|alice> <@U0000000004|bob> <@U0000000003|alice> agree?',
      {
        kind: 'start',
        question: 'agree?',
        electorate: { kind: 'people', ids: ['U0000000003', 'U0000000004'] },
        note: null,
      },
    ],
    [
      'A &amp; B &lt;!channel&gt;?',
      { kind: 'start', question: 'A & B <!channel>?', electorate: null, note: null },
    ],
  ])('%j', (text, expected) => {
    expect(parseVoteCommand(text)).toEqual(expected);
  });

  it('names the precedence when two kinds of electorate are given', () => {
    const parsed = parseVoteCommand('go? <#C0123ABC|x> <@U0000000003|alice>');
    expect(parsed).toMatchObject({ kind: 'start', electorate: { kind: 'people', ids: ['U0000000003'] } });
    expect(parsed.kind === 'start' && parsed.note).toContain('more than one kind');
  });
});

describe('form values', () => {
  it.each([
    ['all', { kind: 'all' }],
    ['Everyone', { kind: 'all' }],
    ['60%', { kind: 'share', share: 0.6 }],
    ['100%', { kind: 'all' }],
    ['0%', null],
    ['150%', null],
    ['most', null],
  ])('quorum %j', (text, expected) => {
    expect(parseQuorum(text)).toEqual(expected);
  });

  it.each([
    ['72h', 72 * 3_600_000],
    ['3D', 3 * 86_400_000],
    ['1m', null],
    ['60d', null],
    ['soon', null],
  ])('voting time %j', (text, expected) => {
    expect(parseVotingTime(text)).toBe(expected);
  });

  it('reads KEP issues in any common form and reports the rest', () => {
    expect(
      parseKepIssues('4222, #3386 KEP-1287 https://github.com/kubernetes/enhancements/issues/4222 nope'),
    ).toEqual({ numbers: [4222, 3386, 1287], bad: ['nope'] });
  });
});
