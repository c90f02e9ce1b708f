import type { SandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import type { RunningBot } from '../../src/wiring/start-bot.ts';
import type { FakeClock } from '../fakes/fake-clock.ts';

/**
 * Lets the bot finish what is due at the fake clock's now: pending I/O, a scheduler pass, the
 * outbox. With `drainCapMs`, waits at most that long (real time) for the outbox: a message that
 * cannot go yet (its thread parent held back by a rate limit) would otherwise wait for fake time.
 */
export async function settle(bot: RunningBot, clock: FakeClock, drainCapMs?: number): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  await bot.scheduler?.idle();
  const drained = bot.outbox.drain({ until: clock.now() });
  if (drainCapMs === undefined) await drained;
  else await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, drainCapMs))]);
}

/** Steps the fake clock from timer to timer (scheduler and outbox) up to `to`, letting each settle. */
export async function runUntil(
  sb: SandboxBot,
  clock: FakeClock,
  to: string,
  options: { drainCapMs?: number } = {},
): Promise<void> {
  const end = new Date(to);
  for (;;) {
    await settle(sb.bot, clock, options.drainCapMs);
    const next = clock.nextTimerAt();
    if (next === null || next > end) break;
    clock.advance(next.getTime() - clock.now().getTime());
  }
  clock.advance(Math.max(0, end.getTime() - clock.now().getTime()));
  await settle(sb.bot, clock, options.drainCapMs);
}

/**
 * Stops a fake-clock sandbox: the scheduler first, then the outbox without draining (DMs deferred
 * beyond the test's time would wait for fake time that never comes), then the bot and workspace.
 */
export async function stopFakeTimeSandbox(sandbox: SandboxBot | null): Promise<void> {
  if (!sandbox) return;
  await sandbox.bot.scheduler?.stop();
  await sandbox.bot.outbox.stop({ drainMs: 0 });
  await sandbox.close();
}
