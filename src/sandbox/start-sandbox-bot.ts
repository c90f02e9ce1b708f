import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '../config/env.ts';
import { loadConfig } from '../config/load-config.ts';
import type { ResolvedConfig } from '../config/resolved-config.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import { createLogger } from '../system/logger.ts';
import type { Sleep } from '../system/sleep.ts';
import type { SocketSupervisorPolicy } from '../wiring/socket-supervisor.ts';
import { type RunningBot, startBot } from '../wiring/start-bot.ts';
import { createHttpDriver, createSocketDriver, type SlackDriver } from './driver.ts';
import { seedFromConfig } from './seed-from-config.ts';
import { type SocketModeHub, startSocketModeHub } from './socket-mode-hub.ts';
import { startWebApiServer, type WebApiServer } from './web-api-server.ts';
import { SlackWorkspace, type WorkspaceOptions } from './workspace.ts';

export interface SandboxBotOptions {
  mode: 'http' | 'socket';
  /** Config file; defaults to drumbeat.example.yaml. */
  configFile?: string;
  /** Adjusts the loaded config (tests). */
  editConfig?: (config: ResolvedConfig) => ResolvedConfig;
  clock: Clock;
  logger?: Logger;
  sleep?: Sleep;
  perChannelIntervalMs?: number;
  workspace?: WorkspaceOptions;
  /** Runs on the workspace before the bot starts (e.g. to inject faults into its start-up calls). */
  beforeStart?: (ws: SlackWorkspace) => void;
  /** Extra environment (e.g. GITHUB_TOKEN and GITHUB_API_URL of a fake GitHub). */
  env?: Record<string, string>;
  /** Reuse this database file (a restart); a fresh temp file otherwise. */
  dbFile?: string;
  /** Serve `/healthz` and `/metrics` on this port too (HEALTH_PORT; 0 picks a free one). */
  healthPort?: number;
  /** Socket Mode: when the bot connects afresh after its client stopped reconnecting. */
  socketSupervisor?: Partial<SocketSupervisorPolicy>;
}

export interface SandboxBot {
  ws: SlackWorkspace;
  api: WebApiServer;
  hub: SocketModeHub | null;
  driver: SlackDriver;
  bot: RunningBot;
  config: ResolvedConfig;
  dbFile: string;
  /** Stops the bot and the workspace; removes the temp database unless it was given. */
  close(): Promise<void>;
  /** Stops only the bot (as a crash or deploy would) and starts a new one on the same database. */
  restart(): Promise<RunningBot>;
}

export const exampleConfigFile = new URL('../../drumbeat.example.yaml', import.meta.url).pathname;

/** The real bot (real Bolt, real HTTP or Socket Mode, real SQLite) against a local Slack workspace. */
export async function startSandboxBot(options: SandboxBotOptions): Promise<SandboxBot> {
  const loaded = await loadConfig(options.configFile ?? exampleConfigFile);
  if (!loaded.ok) throw new Error(`config problems: ${loaded.problems.map((p) => p.message).join('; ')}`);
  const config = options.editConfig ? options.editConfig(loaded.config) : loaded.config;
  const ws = new SlackWorkspace(seedFromConfig(config), {
    now: () => options.clock.now(),
    ...options.workspace,
  });
  const hub =
    options.mode === 'socket' ? await startSocketModeHub(ws, { appToken: ws.seed.tokens.app }) : null;
  const api = await startWebApiServer(ws, hub ? { onConnectionsOpen: () => hub.openConnectionUrl() } : {});
  const tempDir = options.dbFile ? null : mkdtempSync(join(tmpdir(), 'drumbeat-sandbox-'));
  const dbFile = options.dbFile ?? join(tempDir!, 'drumbeat.db');
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const envResult = loadEnv({
    SLACK_BOT_TOKEN: ws.seed.tokens.bot,
    ...(options.mode === 'socket'
      ? { SLACK_APP_TOKEN: ws.seed.tokens.app }
      : { SLACK_SIGNING_SECRET: ws.seed.signingSecret }),
    SLACK_API_URL: api.url,
    PORT: '0',
    HOST: '127.0.0.1',
    DRUMBEAT_DB: dbFile,
    ...(options.healthPort !== undefined ? { HEALTH_PORT: String(options.healthPort) } : {}),
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  if (!envResult.ok) throw new Error(envResult.message);
  const boot = () =>
    startBot({
      env: envResult.env,
      config,
      clock: options.clock,
      logger,
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.socketSupervisor ? { socketSupervisor: options.socketSupervisor } : {}),
      ...(options.perChannelIntervalMs !== undefined
        ? { perChannelIntervalMs: options.perChannelIntervalMs }
        : {}),
    });
  options.beforeStart?.(ws);
  let bot = await boot();
  const driverFor = (running: RunningBot) =>
    hub
      ? createSocketDriver(ws, hub, { responseOrigin: api.origin })
      : createHttpDriver(ws, {
          appUrl: `http://127.0.0.1:${running.port}/slack/events`,
          responseOrigin: api.origin,
        });
  const sandbox: SandboxBot = {
    ws,
    api,
    hub,
    driver: driverFor(bot),
    bot,
    config,
    dbFile,
    async close() {
      await bot.stop({ drainMs: 0 });
      await hub?.close();
      await api.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
    async restart() {
      await bot.stop({ drainMs: 0 });
      bot = await boot();
      sandbox.bot = bot;
      sandbox.driver = driverFor(bot);
      return bot;
    },
  };
  return sandbox;
}
