import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TempStore, tempStore } from './temp-db.ts';

let t: TempStore;
beforeEach(() => {
  t = tempStore();
  t.store.pulses.ensure({
    release: 'v1.35',
    opensAt: '2025-12-18T00:00:00.000Z',
    closesAt: '2026-01-01T00:00:00.000Z',
    minimum: 5,
  });
  for (const user of ['UA', 'UB'])
    t.store.pulses.invite('v1.35', user, `pulse:v1.35:${user}`, '2025-12-18T00:00:00.000Z');
});
afterEach(() => t.cleanup());

describe('pulse repo (0011_feedback)', () => {
  it('takes one answer per person, changes it in place, and keeps comments apart from people', () => {
    const pulses = t.store.pulses;
    expect(pulses.answer('v1.35', 'UA', 6)).toBe('recorded');
    expect(pulses.answer('v1.35', 'UA', 9)).toBe('changed');
    expect(pulses.comment('v1.35', 'UA', 'Clear <!channel> deadlines')).toBe(true);
    expect(pulses.comment('v1.35', 'UB', 'never answered')).toBe(false);
    expect(pulses.answer('v1.35', 'UB', 3)).toBe('recorded');
    expect(pulses.answerOf('v1.35', 'UA')).toEqual({ score: 9, comment: 'Clear <!channel> deadlines' });
    expect(pulses.answers('v1.35')).toEqual([
      { score: 3, comment: null },
      { score: 9, comment: 'Clear <!channel> deadlines' },
    ]);
    expect(pulses.invited('v1.35')).toEqual(['UA', 'UB']);
    expect(pulses.invite('v1.35', 'UA', 'pulse:v1.35:UA', '2025-12-19T00:00:00.000Z')).toBe(false);
  });

  it('closes once, after which nobody can answer or change, and no row links a person to an answer', () => {
    const pulses = t.store.pulses;
    pulses.answer('v1.35', 'UA', 10);
    pulses.answer('v1.35', 'UB', 2);
    const click = t.db.prepare(
      "INSERT INTO slack_inbound (key, kind, seen_at) VALUES (?, 'click', '2025-12-18T00:00:00.000Z')",
    );
    click.run('click:UA:1766016000.000100:pulse_score_10:v1.35:10');
    click.run('click:UA:1766016000.000100:vote_cast_5:5');
    expect(pulses.close('v1.35', '2026-01-01T00:00:00.000Z')).toBe(true);
    expect(pulses.close('v1.35', '2026-01-02T00:00:00.000Z')).toBe(false);
    expect(pulses.answer('v1.35', 'UA', 0)).toBe('closed');
    expect(pulses.comment('v1.35', 'UA', 'late')).toBe(false);
    expect(pulses.answerOf('v1.35', 'UA')).toBeNull();
    expect(pulses.answers('v1.35').map((a) => a.score)).toEqual([2, 10]);
    // the answers table holds a random token, the release, the score and the comment: nothing else
    const rows = t.db.prepare('SELECT * FROM pulse_answers').all() as Record<string, unknown>[];
    expect(Object.keys(rows[0]!).sort()).toEqual(['comment', 'release', 'score', 'token']);
    const text = JSON.stringify(t.db.prepare('SELECT * FROM pulse_answer_owners').all());
    expect(text).toBe('[]');
    expect(t.db.prepare('SELECT key FROM slack_inbound').all()).toEqual([
      { key: 'click:UA:1766016000.000100:vote_cast_5:5' },
    ]);
    expect(pulses.listOpen()).toEqual([]);
  });

  it('refuses a score outside 0–10 and an answer to an unknown pulse', () => {
    expect(() => t.store.pulses.answer('v1.35', 'UA', 11)).toThrow(/0 to 10/);
    expect(t.store.pulses.answer('v1.36', 'UA', 5)).toBe('closed');
  });
});
