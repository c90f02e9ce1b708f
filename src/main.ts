/**
 * `npm start`: reads `.env` when there is one (the environment wins over it), checks the
 * environment first (so a missing token fails in well under a second, with what to set), then
 * loads the config and starts the bot. A refused token or no Socket Mode connection is one JSON
 * line and exit 1. SIGTERM/SIGINT stop intake, drain the outbox for a bounded time and close the
 * database.
 */

import { type Env, loadEnv } from './config/env.ts';
import { withEnvFile } from './config/env-file.ts';
import type { Clock } from './ports/clock.ts';
import type { Logger } from './ports/logger.ts';

async function main(): Promise<number> {
  const source = withEnvFile(process.env, '.env');
  const env = source.ok ? loadEnv(source.env) : source;
  if (!env.ok) {
    process.stderr.write(env.message);
    return 1;
  }
  const [{ loadConfig, formatProblem }, { createLogger }, { startBot }, { StartRefused }] = await Promise.all(
    [
      import('./config/load-config.ts'),
      import('./system/logger.ts'),
      import('./wiring/start-bot.ts'),
      import('./wiring/start-checks.ts'),
    ],
  );
  const logger = createLogger({ level: env.env.LOG_LEVEL });
  if (source.ok && source.file) logger.info('environment read from .env too', { variables: source.fromFile });
  const loaded = await loadConfig(env.env.DRUMBEAT_CONFIG);
  if (!loaded.ok) {
    process.stderr.write(
      `Drumbeat cannot start: ${env.env.DRUMBEAT_CONFIG} has ${loaded.problems.length} problem(s):\n` +
        `${loaded.problems.map((p, i) => `  ${i + 1}. ${formatProblem(p)}`).join('\n')}\n` +
        'Fix them (drumbeat check shows the same list), or start from drumbeat.example.yaml.\n',
    );
    return 1;
  }
  const clock = await botClock(env.env, logger);
  const bot = await startBot({ env: env.env, config: loaded.config, clock, logger }).catch(
    (error: unknown) => {
      if (error instanceof StartRefused) return null;
      throw error;
    },
  );
  if (!bot) return exitSoon(1);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info('stopping', { signal });
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await bot.stop({ drainMs: 10_000 });
  return exitSoon(0);
}

/** The system clock, or a rehearsal clock from DRUMBEAT_CLOCK_START (said loudly). */
async function botClock(env: Env, logger: Logger): Promise<Clock> {
  const start = env.DRUMBEAT_CLOCK_START;
  if (!start) return (await import('./system/system-clock.ts')).systemClock;
  const { createOffsetClock } = await import('./system/offset-clock.ts');
  logger.warn('REHEARSAL CLOCK: the bot runs at real speed from DRUMBEAT_CLOCK_START, not at the real time', {
    clockStart: start.toISOString(),
    realStart: new Date().toISOString(),
    allowedByFlag: env.DRUMBEAT_ALLOW_REHEARSAL_CLOCK,
  });
  return createOffsetClock(start);
}

/**
 * Everything is closed; a library timer left behind (node-cron's heartbeat, a Socket Mode client
 * still retrying) must not keep the process up after a SIGTERM or a refused start.
 */
function exitSoon(code: number): number {
  setTimeout(() => process.exit(code), 500).unref();
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `Drumbeat stopped on an error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
