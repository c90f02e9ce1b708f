import { afterEach, describe, expect, it } from 'vitest';
import { type TempStore, tempStore } from './temp-db.ts';

let db: TempStore | null = null;
afterEach(() => {
  db?.cleanup();
  db = null;
});

describe('statusDays (migration 0015)', () => {
  it('gives each SIG and day to the first claim; a replacement takes it over', () => {
    db = tempStore();
    const days = db.store.statusDays;
    const now = new Date('2025-10-10T10:00:00Z');
    expect(days.claim('sig-node', '2025-10-10', 'status:1', now)).toBe('status:1');
    expect(days.claim('sig-node', '2025-10-10', 'status:2', now)).toBe('status:1');
    expect(days.claim('sig-auth', '2025-10-10', 'status:3', now)).toBe('status:3');
    expect(days.claim('sig-node', '2025-10-11', 'status:4', now)).toBe('status:4');
    days.replace('sig-node', '2025-10-10', 'status:5', now);
    expect(days.claim('sig-node', '2025-10-10', 'status:6', now)).toBe('status:5');
    expect(db.reopen().store.statusDays.claim('sig-node', '2025-10-10', 'status:7', now)).toBe('status:5');
  });
});
