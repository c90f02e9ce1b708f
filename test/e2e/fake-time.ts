import type { SandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import type { RunningBot } from '../../src/wiring/start-bot.ts';
import type { FakeClock } from '../fakes/fake-clock.ts';

/** Lets the bot finish what is due at the fake clock's now: pending I/O, a scheduler pass, the outbox. */
export async function settle(bot: RunningBot, clock: FakeClock): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  await bot.scheduler?.idle();
  await bot.outbox.drain({ until: clock.now() });
}

/** Steps the fake clock from timer to timer (scheduler and outbox) up to `to`, letting each settle. */
export async function runUntil(sb: SandboxBot, clock: FakeClock, to: string): Promise<void> {
  const end = new Date(to);
  for (;;) {
    await settle(sb.bot, clock);
    const next = clock.nextTimerAt();
    if (next === null || next > end) break;
    clock.advance(next.getTime() - clock.now().getTime());
  }
  clock.advance(Math.max(0, end.getTime() - clock.now().getTime()));
  await settle(sb.bot, clock);
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
