/**
 * `npm start`: checks the environment first (so a missing token fails in well under a second,
 * with what to set), then loads the config and starts the bot. SIGTERM/SIGINT stop intake,
 * drain the outbox for a bounded time and close the database.
 */
import { loadEnv } from './config/env.ts';

async function main(): Promise<number> {
  const env = loadEnv(process.env);
  if (!env.ok) {
    process.stderr.write(env.message);
    return 1;
  }
  const [{ loadConfig, formatProblem }, { createLogger }, { systemClock }, { startBot }] = await Promise.all([
    import('./config/load-config.ts'),
    import('./system/logger.ts'),
    import('./system/system-clock.ts'),
    import('./wiring/start-bot.ts'),
  ]);
  const logger = createLogger({ level: env.env.LOG_LEVEL });
  const loaded = await loadConfig(env.env.DRUMBEAT_CONFIG);
  if (!loaded.ok) {
    process.stderr.write(
      `Drumbeat cannot start: ${env.env.DRUMBEAT_CONFIG} has ${loaded.problems.length} problem(s):\n` +
        `${loaded.problems.map((p, i) => `  ${i + 1}. ${formatProblem(p)}`).join('\n')}\n` +
        'Fix them (drumbeat check shows the same list), or start from drumbeat.example.yaml.\n',
    );
    return 1;
  }
  const bot = await startBot({ env: env.env, config: loaded.config, clock: systemClock, logger });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info('stopping', { signal });
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await bot.stop({ drainMs: 10_000 });
  // Everything is closed; a library timer left behind (node-cron's heartbeat) must not keep the
  // process up for another minute after a SIGTERM.
  setTimeout(() => process.exit(0), 500).unref();
  return 0;
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
