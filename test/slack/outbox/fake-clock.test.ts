import { describe, expect, it } from 'vitest';
import { sleep } from '../../../src/system/sleep.ts';
import { FakeClock } from '../../fakes/fake-clock.ts';

describe('FakeClock', () => {
  it('wakes sleepers only when advanced past their deadline, earliest first', async () => {
    const clock = new FakeClock('2026-06-02T00:00:00Z');
    const woke: string[] = [];
    const a = clock.sleep(2000).then(() => woke.push(`a@${clock.now().toISOString()}`));
    const b = clock.sleep(1000).then(() => woke.push(`b@${clock.now().toISOString()}`));
    clock.advance(999);
    await Promise.resolve();
    expect(woke).toEqual([]);
    expect(clock.advanceToNextTimer()).toBe(true);
    await b;
    expect(woke).toEqual(['b@2026-06-02T00:00:01.000Z']);
    clock.advance(5000);
    await a;
    expect(woke[1]).toBe('a@2026-06-02T00:00:06.000Z');
    expect(clock.advanceToNextTimer()).toBe(false);
  });

  it('resolves a sleep early when its signal aborts, and drops its timer', async () => {
    const clock = new FakeClock();
    const ctrl = new AbortController();
    const slept = clock.sleep(60_000, ctrl.signal);
    expect(clock.pendingTimers).toBe(1);
    ctrl.abort();
    await slept;
    expect(clock.pendingTimers).toBe(0);
    expect(clock.nextTimerAt()).toBeNull();
  });
});

describe('sleep (the real one)', () => {
  it('waits about the time asked, and resolves at once when aborted', async () => {
    const started = performance.now();
    await sleep(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    const ctrl = new AbortController();
    const long = sleep(60_000, ctrl.signal);
    ctrl.abort();
    await expect(long).resolves.toBeUndefined();
  });
});
