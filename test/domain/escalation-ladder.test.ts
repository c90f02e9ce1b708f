import { describe, expect, it } from 'vitest';
import {
  addElapsed,
  blockingParty,
  describeBlockerAge,
  dueSteps,
  elapsedMs,
  type LadderStep,
  type LadderTarget,
  ladderTargetLabel,
  namedLadderTargets,
  nextStepAt,
  parseLadderTarget,
  tellsRecipient,
} from '../../src/domain/escalation-ladder.ts';

const h = 3_600_000;
const d = 24 * h;
const ladder: LadderStep[] = [
  { afterMs: 0, notify: [{ kind: 'blocking-sig' }] },
  { afterMs: 2 * d, notify: [{ kind: 'pm-channel' }] },
  { afterMs: 4 * d, notify: [{ kind: 'release-lead' }] },
];
// 2025-10-10 is a Friday.
const friday = new Date('2025-10-10T15:00:00Z');

describe('elapsedMs / addElapsed', () => {
  it.each([
    ['calendar time', friday, '2025-10-13T15:00:00Z', false, 3 * d],
    ['weekend skipped', friday, '2025-10-13T15:00:00Z', true, d],
    ['declared on Saturday', new Date('2025-10-11T10:00:00Z'), '2025-10-13T06:00:00Z', true, 6 * h],
    ['to before from', friday, '2025-10-09T00:00:00Z', true, 0],
  ])('%s', (_name, from, to, business, expected) => {
    expect(elapsedMs(from, new Date(to), business)).toBe(expected);
  });

  it.each([
    ['2 business days after Friday 15:00 is Tuesday 15:00', friday, 2 * d, true, '2025-10-14T15:00:00.000Z'],
    ['2 calendar days after Friday is Sunday', friday, 2 * d, false, '2025-10-12T15:00:00.000Z'],
    [
      '0 is at once, even on a weekend',
      new Date('2025-10-11T10:00:00Z'),
      0,
      true,
      '2025-10-11T10:00:00.000Z',
    ],
    [
      'from Saturday, business time starts Monday',
      new Date('2025-10-11T10:00:00Z'),
      h,
      true,
      '2025-10-13T01:00:00.000Z',
    ],
  ])('%s', (_name, from, ms, business, expected) => {
    const at = addElapsed(from, ms, business);
    expect(at.toISOString()).toBe(expected);
    expect(elapsedMs(from, at, business)).toBe(ms);
  });
});

describe('dueSteps / nextStepAt', () => {
  const pos = (done: number[], snoozedUntil: string | null = null) => ({
    openedAt: friday,
    done: new Set(done),
    snoozedUntil: snoozedUntil ? new Date(snoozedUntil) : null,
  });
  it.each([
    ['at once: step 0', [], null, '2025-10-10T15:00:00Z', [0]],
    ['Monday: still only step 0 (business days)', [0], null, '2025-10-13T15:00:00Z', []],
    ['Tuesday: step 1', [0], null, '2025-10-14T15:00:00Z', [1]],
    ['back after downtime: every missed step, in order', [], null, '2025-10-20T00:00:00Z', [0, 1, 2]],
    ['snoozed past step 1', [0], '2025-10-15T15:00:00Z', '2025-10-14T15:00:00Z', []],
    ['snooze over: step 1', [0], '2025-10-15T15:00:00Z', '2025-10-15T15:00:00Z', [1]],
    ['all done', [0, 1, 2], null, '2025-12-01T00:00:00Z', []],
  ])('%s', (_name, done, snooze, now, expected) => {
    expect(dueSteps(ladder, pos(done, snooze), new Date(now), true)).toEqual(expected);
  });

  it('says when the next step is due, and null when all are done', () => {
    expect(nextStepAt(ladder, pos([0]), new Date('2025-10-13T00:00:00Z'), true)?.toISOString()).toBe(
      '2025-10-14T15:00:00.000Z',
    );
    expect(nextStepAt(ladder, pos([0, 1, 2]), friday, true)).toBeNull();
  });
});

describe('blockingParty', () => {
  const owner = (n: number) => (n === 1234 ? 'sig-auth' : null);
  it.each([
    [
      'a SIG',
      { type: 'sig' as const, sig: 'sig-auth' },
      { kind: 'sig', sig: 'sig-auth', key: 'sig:sig-auth', via: null },
    ],
    [
      'a KEP of a known SIG',
      { type: 'kep' as const, kep: 1234 },
      { kind: 'sig', sig: 'sig-auth', key: 'sig:sig-auth', via: 1234 },
    ],
    ['an unknown KEP', { type: 'kep' as const, kep: 99 }, { kind: 'none', name: 'KEP-99', key: 'kep:99' }],
    [
      'a free-text party',
      { type: 'party' as const, name: 'API Review' },
      { kind: 'none', name: 'API Review', key: 'party:api review' },
    ],
  ])('%s', (_name, target, expected) => {
    expect(blockingParty(target, owner)).toEqual(expected);
  });
});

describe('describeBlockerAge', () => {
  it('counts business days when asked', () => {
    expect(describeBlockerAge(friday, new Date('2025-10-15T15:00:00Z'), true)).toBe('3d (business days)');
    expect(describeBlockerAge(friday, new Date('2025-10-15T15:00:00Z'), false)).toBe('5d');
    expect(describeBlockerAge(friday, new Date('2025-10-10T19:00:00Z'), true)).toBe('4h');
  });
});

describe('ladder targets', () => {
  const cases: Array<[string, LadderTarget]> = [
    ...namedLadderTargets.map((kind): [string, LadderTarget] => [kind, { kind }]),
    ['channel:#sig-leads', { kind: 'channel', channel: '#sig-leads' }],
    ['channel:C0123456789', { kind: 'channel', channel: 'C0123456789' }],
  ];
  it.each(cases)('%s reads as a target and is labelled as written', (text, target) => {
    expect(parseLadderTarget(text)).toEqual(target);
    expect(ladderTargetLabel(target)).toBe(text);
  });

  it.each(['pager', 'channel:', 'Blocking-SIG', 'pm_channel', ''])('%j names no target', (text) => {
    expect(parseLadderTarget(text)).toBeNull();
  });
});

describe('tellsRecipient', () => {
  it.each([
    { step: 0, declaredBy: 'U1', recipient: 'U1', tells: false },
    { step: 0, declaredBy: 'U1', recipient: 'U2', tells: true },
    { step: 1, declaredBy: 'U1', recipient: 'U1', tells: true },
    { step: 2, declaredBy: 'U1', recipient: 'U2', tells: true },
  ])(
    'step $step, declared by $declaredBy, to $recipient → $tells',
    ({ step, declaredBy, recipient, tells }) => {
      expect(tellsRecipient(step, declaredBy, recipient)).toBe(tells);
    },
  );
});
