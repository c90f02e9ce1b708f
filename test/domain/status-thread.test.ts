import { describe, expect, it } from 'vitest';
import { statusDay, statusThread } from '../../src/domain/status-thread.ts';

describe('statusThread', () => {
  it.each([
    {
      name: 'in a round: the round thread',
      input: { roundThread: 'round:p', dayParent: null, ownKey: 'status:2' },
      want: 'round:p',
    },
    {
      name: "the day's first post: top level",
      input: { roundThread: null, dayParent: 'status:2', ownKey: 'status:2' },
      want: null,
    },
    {
      name: 'a later post of the day: its thread',
      input: { roundThread: null, dayParent: 'status:1', ownKey: 'status:2' },
      want: 'status:1',
    },
    {
      name: 'no day post known: top level',
      input: { roundThread: null, dayParent: null, ownKey: 'status:2' },
      want: null,
    },
  ])('$name', ({ input, want }) => {
    expect(statusThread(input)).toBe(want);
  });
});

describe('statusDay', () => {
  it('is the UTC day', () => {
    expect(statusDay(new Date('2025-10-10T23:59:59.999Z'))).toBe('2025-10-10');
    expect(statusDay(new Date('2025-10-11T00:00:00Z'))).toBe('2025-10-11');
  });
});
