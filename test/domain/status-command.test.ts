import { describe, expect, it } from 'vitest';
import { parseKepState } from '../../src/domain/kep-state.ts';
import {
  parseBlockers,
  parseKepRef,
  parseStatusCommand,
  type StatusCommand,
} from '../../src/domain/status-command.ts';

type Case = [input: string, expected: StatusCommand | { kind: 'error'; problem: RegExp }];

const update = (
  kep: number,
  state: string,
  confidence: number | null,
  note = '',
  blockers: unknown[] = [],
  increment: number | null = null,
) => ({ kind: 'update', kep, state, confidence, increment, note, blockers }) as StatusCommand;
const error = (problem: RegExp) => ({ kind: 'error' as const, problem });

const cases: Case[] = [
  ['', { kind: 'modal' }],
  ['   ', { kind: 'modal' }],
  ['help', { kind: 'help' }],
  ['HELP', { kind: 'help' }],
  ['?', { kind: 'help' }],
  ['--help', { kind: 'help' }],
  ['blockers', { kind: 'blockers' }],
  ['sig-node', { kind: 'sig', sig: 'sig-node' }],
  ['SIG-Node', { kind: 'sig', sig: 'sig-node' }],
  ['wg-device-management', { kind: 'sig', sig: 'wg-device-management' }],
  ['sig-node at-risk', error(/is a SIG/)],
  ['4222', { kind: 'card', kep: 4222 }],
  ['#4222', { kind: 'card', kep: 4222 }],
  ['KEP-4222', { kind: 'card', kep: 4222 }],
  ['kep4222', { kind: 'card', kep: 4222 }],
  ['https://github.com/kubernetes/enhancements/issues/4222', { kind: 'card', kep: 4222 }],
  ['<https://github.com/kubernetes/enhancements/issues/4222>', { kind: 'card', kep: 4222 }],
  ['<https://github.com/kubernetes/enhancements/issues/4222|#4222>', { kind: 'card', kep: 4222 }],
  ['https://github.com/kubernetes/kubernetes/issues/4222', error(/not a KEP number/)],
  ['4222 at-risk', update(4222, 'at-risk', null)],
  ['4222 at risk', update(4222, 'at-risk', null)],
  ['4222 AT-RISK 60%', update(4222, 'at-risk', 60)],
  ['4222 at-risk 60% waiting on API review', update(4222, 'at-risk', 60, 'waiting on API review')],
  ['4222 ontrack', update(4222, 'on-track', null)],
  ['4222 on track 100%', update(4222, 'on-track', 100)],
  ['4222 green', update(4222, 'on-track', null)],
  ['4222 yellow 40% tests flaky', update(4222, 'at-risk', 40, 'tests flaky')],
  ['4222 red', update(4222, 'blocked', null)],
  ['4222 done 100% merged in k/k#12345', update(4222, 'done', 100, 'merged in k/k#12345')],
  ['4222 dropped deferred to v1.38', update(4222, 'dropped', null, 'deferred to v1.38')],
  [
    '4222 blocked blocked by #1234',
    update(4222, 'blocked', null, 'blocked by #1234', [{ type: 'kep', kep: 1234 }]),
  ],
  [
    '4222 blocked 30% blocked by sig-auth and KEP-12',
    update(4222, 'blocked', 30, 'blocked by sig-auth and KEP-12', [
      { type: 'sig', sig: 'sig-auth' },
      { type: 'kep', kep: 12 },
    ]),
  ],
  [
    '4222 blocked waiting on API review',
    update(4222, 'blocked', null, 'waiting on API review', [{ type: 'party', name: 'API review' }]),
  ],
  ['4222 at-risk waiting on review', update(4222, 'at-risk', null, 'waiting on review')],
  ['4222 at-risk 0%', update(4222, 'at-risk', 0)],
  ['4222 at-risk 101%', error(/between 0% and 100%/)],
  ['4222 at-risk 9999%', error(/between 0% and 100%/)],
  ['4222 at-risk -5%', error(/^confidence "-5%" must be a whole number between 0% and 100%, like 80%$/)],
  ['4222 at-risk 150% nearly there', error(/^confidence "150%" must be a whole number/)],
  ['4222 at-risk 12.5%', error(/^confidence "12.5%" must be a whole number/)],
  ['4222 at-risk +80%', error(/^confidence "\+80%" must be a whole number/)],
  ['4222 on-track <!channel> please look', update(4222, 'on-track', null, '<!channel> please look')],
  ['4222 on-track multi\nline\nnote', update(4222, 'on-track', null, 'multi\nline\nnote')],
  ['4222 maybe', error(/"maybe" is not a state/)],
  ['4222 60%', error(/"60%" is not a state/)],
  ['status 4222', error(/"status" is not a KEP number/)],
  ['0', error(/not a KEP number/)],
  ['-5 at-risk', error(/not a KEP number/)],
  ['99999999999999999999 at-risk', error(/not a KEP number/)],
  ['4222.5 at-risk', error(/not a KEP number/)],
  ['DROP TABLE keps;', error(/not a KEP number/)],
  ['<!channel>', error(/not a KEP number/)],
  ['\u0000\u0007', { kind: 'modal' }],
  ['🚀 🚀', error(/not a KEP number/)],
  [`4222 on-track ${'x'.repeat(2001)}`, error(/at most 2000/)],
  [`4222 on-track ${'x'.repeat(5000)}`, error(/at most 2000/)],
  ['4222\ton-track', update(4222, 'on-track', null)],
  ['  KEP-4222   done   100%  ', update(4222, 'done', 100)],
  [
    '4222 blocked blocked by kep 1234',
    update(4222, 'blocked', null, 'blocked by kep 1234', [{ type: 'kep', kep: 1234 }]),
  ],
  [
    '4222 blocked depends on #1234, #5678 & sig-auth. More later',
    update(4222, 'blocked', null, 'depends on #1234, #5678 & sig-auth. More later', [
      { type: 'kep', kep: 1234 },
      { type: 'kep', kep: 5678 },
      { type: 'sig', sig: 'sig-auth' },
    ]),
  ],
  [
    '4222 at-risk waiting on sig-auth',
    update(4222, 'at-risk', null, 'waiting on sig-auth', [{ type: 'sig', sig: 'sig-auth' }]),
  ],
  ['1287 on-track 80% inc 3', update(1287, 'on-track', 80, '', [], 3)],
  ['1287 on-track inc 3 80%', update(1287, 'on-track', 80, '', [], 3)],
  ['1287 on-track inc3 tests green', update(1287, 'on-track', null, 'tests green', [], 3)],
  ['1287 at risk 40% increment 4 flaky', update(1287, 'at-risk', 40, 'flaky', [], 4)],
  ['1287 on-track INC 2', update(1287, 'on-track', null, '', [], 2)],
  ['1287 on-track increase test coverage', update(1287, 'on-track', null, 'increase test coverage')],
  ['1287 on-track inc tests', update(1287, 'on-track', null, 'inc tests')],
  ['1287 on-track 80% note then inc 3', update(1287, 'on-track', 80, 'note then inc 3')],
  ['1287 on-track inc 0', error(/^increment "0" must be a whole number from 1, like `inc 3`$/)],
  ['1287 on-track inc 3 150%', error(/^confidence "150%" must be a whole number/)],
  ['blockers please', error(/not a KEP number/)],
  ['help me', error(/not a KEP number/)],
];

describe('parseStatusCommand', () => {
  it.each(cases)('%j', (input, expected) => {
    const got = parseStatusCommand(input);
    if (expected.kind === 'error' && 'problem' in expected && expected.problem instanceof RegExp) {
      expect(got.kind).toBe('error');
      expect((got as { problem: string }).problem).toMatch(expected.problem);
    } else {
      expect(got).toEqual(expected);
    }
  });

  it('never throws on random input', () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = 'abc 0123456789#%<>!@-_\n\t:/.|KEPsig-nodeat-riskblocked by 🚀\u0000';
    for (let i = 0; i < 2000; i++) {
      const length = Math.floor(rand() * 60);
      let text = '';
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(rand() * alphabet.length)];
      const result = parseStatusCommand(text);
      expect(['modal', 'help', 'blockers', 'sig', 'card', 'update', 'error']).toContain(result.kind);
    }
  });
});

describe('parseKepRef', () => {
  it.each([
    ['4222', 4222],
    ['#1', 1],
    ['kep-0042', 42],
    ['KEP#7', 7],
    ['https://github.com/kubernetes/enhancements/pull/5628', 5628],
    ['1e3', null],
    ['', null],
  ])('%s → %s', (input, expected) => {
    expect(parseKepRef(input)).toBe(expected);
  });
});

describe('parseBlockers', () => {
  it('splits lists and de-duplicates', () => {
    expect(parseBlockers('blocked on #1, #2 & #1. later text', 'blocked')).toEqual([
      { type: 'kep', kep: 1 },
      { type: 'kep', kep: 2 },
    ]);
  });
  it('reads "depends on kep 5" in any state', () => {
    expect(parseBlockers('depends on kep 5', 'on-track')).toEqual([{ type: 'kep', kep: 5 }]);
  });
});

describe('parseKepState', () => {
  it.each([
    ['On Track', 'on-track'],
    ['amber', 'at-risk'],
    ['Stuck', 'blocked'],
    ['shipped', 'done'],
    ['punted', 'dropped'],
    ['blue', null],
  ])('%s → %s', (input, expected) => {
    expect(parseKepState(input)).toBe(expected);
  });
});

describe('parseBlockers, harder phrases', () => {
  it.each([
    ['blocked by https://github.com/kubernetes/enhancements/issues/1234', [{ type: 'kep', kep: 1234 }]],
    [
      'blocked by #1234 #5678',
      [
        { type: 'kep', kep: 1234 },
        { type: 'kep', kep: 5678 },
      ],
    ],
    ['blocked by sig-auth review. Next week maybe', [{ type: 'sig', sig: 'sig-auth' }]],
    [
      'blocked on kep 12 and kep 13',
      [
        { type: 'kep', kep: 12 },
        { type: 'kep', kep: 13 },
      ],
    ],
  ])('%s', (note, expected) => {
    expect(parseBlockers(note, 'blocked')).toEqual(expected);
  });
});
