import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler, type Scheduler } from '../../src/scheduler/create-scheduler.ts';
import { createLogger } from '../../src/system/logger.ts';
import { FakeClock } from '../fakes/fake-clock.ts';

const logger = createLogger({ level: 'silent' });
let scheduler: Scheduler | null = null;
afterEach(async () => {
  await scheduler?.stop();
  scheduler = null;
});

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('createScheduler (timer mode, fake clock)', () => {
  it('runs a catch-up pass on start, then one pass at each due instant', async () => {
    const clock = new FakeClock('2026-03-01T00:00:00Z');
    const due = ['2026-03-01T06:00:00Z', '2026-03-02T06:00:00Z'].map((t) => new Date(t));
    const passes: string[] = [];
    scheduler = createScheduler({
      run: async (now) => {
        passes.push(now.toISOString());
        return { nextDueAt: due.find((d) => d > now) ?? null };
      },
      clock,
      logger,
      mode: 'timer',
      sleep: clock.sleep,
    });
    await scheduler.start();
    expect(passes).toEqual(['2026-03-01T00:00:00.000Z']);
    expect(clock.nextTimerAt()?.toISOString()).toBe('2026-03-01T06:00:00.000Z');
    clock.advance(6 * 3_600_000);
    await flush();
    await scheduler.idle();
    clock.advance(24 * 3_600_000);
    await flush();
    await scheduler.idle();
    expect(passes).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-03-01T06:00:00.000Z',
      '2026-03-02T06:00:00.000Z',
    ]);
    // nothing more is due: no timer is left behind, and stop() returns
    expect(clock.pendingTimers).toBe(0);
    await scheduler.stop();
    expect(scheduler.passes).toBe(3);
  });

  it('survives a failing pass and tries again after retryMs', async () => {
    const clock = new FakeClock('2026-03-01T00:00:00Z');
    let calls = 0;
    scheduler = createScheduler({
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('database is locked');
        return { nextDueAt: null };
      },
      clock,
      logger,
      mode: 'timer',
      sleep: clock.sleep,
      retryMs: 30_000,
    });
    await scheduler.start();
    expect(calls).toBe(1);
    clock.advance(30_000);
    await flush();
    await scheduler.idle();
    expect(calls).toBe(2);
    expect(scheduler.passes).toBe(1);
  });
});

describe('createScheduler (cron mode)', () => {
  it('runs the catch-up pass at start and stops its node-cron task', async () => {
    let calls = 0;
    scheduler = createScheduler({
      run: async () => {
        calls++;
        return { nextDueAt: null };
      },
      clock: new FakeClock('2026-03-01T00:00:00Z'),
      logger,
      mode: 'cron',
    });
    await scheduler.start();
    expect(calls).toBe(1);
    await scheduler.runNow();
    expect(calls).toBe(2);
    await scheduler.stop();
    scheduler = null;
  });
});
