import { sigsWithoutKeps } from '../app/list-release-keps.ts';
import { traceReleaseCustody } from '../app/trace-custody.ts';
import type { Env } from '../config/env.ts';
import type { ResolvedConfig } from '../config/resolved-config.ts';
import { describeFreshness } from '../domain/github-freshness.ts';
import { parseKepYaml } from '../github/local-checkout.ts';
import type { PullRequestSource } from '../ports/github.ts';
import { type BotMetrics, noMetrics } from '../ports/metrics.ts';
import type { ScheduledTask } from '../ports/scheduled-task.ts';
import { createScheduler, type Scheduler } from '../scheduler/create-scheduler.ts';
import { runTasks } from '../scheduler/scheduled-task.ts';
import { timePasses } from '../scheduler/time-passes.ts';
import type { Sleep } from '../system/sleep.ts';
import { sleep as realSleep } from '../system/sleep.ts';
import type { Adapters } from './adapters.ts';
import type { Features } from './features.ts';
import { liveDerived } from './live-view.ts';
import { scheduledTasks } from './scheduled-tasks.ts';
import { syncOptionsFromConfig } from './sync-options.ts';

export interface BotSchedulerOptions {
  env: Env;
  config: ResolvedConfig;
  /** The config in force now (a reload swaps it); default `config`. */
  current?: () => ResolvedConfig;
  mode: 'cron' | 'timer';
  sleep?: Sleep;
  /** Told each pass's duration and lag. */
  metrics?: Pick<BotMetrics, 'schedulerPass'>;
  /** Tasks run first on every pass (the reload of changed reference data, which the rest then use). */
  firstTasks?: ScheduledTask[];
  /** Tasks run on every pass after the features' own (e.g. the Slack token check). */
  extraTasks?: ScheduledTask[];
}

/** Starts rounds, nudges, alerts and the rest after the Slack app: a first pass catches up what was missed. */
export async function startBotScheduler(
  options: BotSchedulerOptions,
  adapters: Adapters,
  features: Features,
): Promise<Scheduler> {
  const logger = adapters.logger.child({ component: 'scheduler' });
  logger.info('drumbeat rounds', {
    sigs: features.scheduleSettings.rounds.map((r) => r.sig),
    withoutRounds: features.roundless.map((r) => `${r.sig} (${r.reason})`).join(', '),
  });
  logIdleSigs(adapters, features, logger);
  const tasks = [
    ...(options.firstTasks ?? []),
    ...scheduledTasks(features, await githubTask(options, adapters)),
    ...(options.extraTasks ?? []),
  ];
  const scheduler = createScheduler({
    run: timePasses((now) => runTasks(tasks, now, logger), options.metrics ?? noMetrics),
    clock: adapters.clock,
    logger,
    mode: options.mode,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  await scheduler.start();
  return scheduler;
}

/** Says once at start which SIGs own no KEP of the release: they get no round, nudge or digest. */
function logIdleSigs(adapters: Adapters, features: Features, logger: Adapters['logger']): void {
  const { release, rounds } = features.scheduleSettings;
  const sigs = [...new Set([...rounds.map((r) => r.sig), ...features.digestSettings.sigs.map((s) => s.dir)])];
  const idle = sigsWithoutKeps(adapters.store, release, sigs.sort());
  if (idle.length > 0)
    logger.info(`SIGs with no KEP in ${release} (no round, nudge or digest): ${idle.join(', ')}`, {
      sigs: idle,
    });
}

/**
 * The scheduled GitHub sync when GITHUB_TOKEN is set; otherwise says where KEP data comes from
 * and how old it is. The GitHub client (Octokit and the GraphQL documents with their zod schemas)
 * is loaded only then.
 */
async function githubTask(options: BotSchedulerOptions, adapters: Adapters): Promise<ScheduledTask | null> {
  const { env, config } = options;
  const { store, clock } = adapters;
  const logger = adapters.logger.child({ component: 'github' });
  if (!env.GITHUB_TOKEN) {
    const lastSyncAt = store.githubSync.lastRun('ok')?.finishedAt ?? null;
    const source = { hasToken: false, lastSyncAt, localCheckout: config.github.localCheckout };
    logger.info(describeFreshness(source, clock.now()));
    return null;
  }
  const [{ createGithubClient }, { createGithubSource }, { githubSyncTask }, { createPullRequestSource }] =
    await Promise.all([
      import('../github/client.ts'),
      import('../github/github-source.ts'),
      import('../github/github-sync-task.ts'),
      import('../github/pull-request-source.ts'),
    ]);
  const client = createGithubClient({
    token: env.GITHUB_TOKEN,
    apiUrl: env.GITHUB_API_URL,
    clock,
    sleep: options.sleep ?? realSleep,
    logger,
  });
  const deps = { github: createGithubSource(client), store, clock, logger, readKepYaml: parseKepYaml };
  const current = options.current ?? (() => config);
  return githubSyncTask(
    deps,
    liveDerived(current, (latest) => syncOptionsFromConfig(latest, false)),
    undefined,
    custodyAfterSync(current, { ...adapters, logger }, createPullRequestSource(client)),
  );
}

/**
 * The chain of custody read after each successful sync (config `github.custody`, default on): only
 * what changed since the last is read; a failure is logged and tried again after the next sync.
 */
function custodyAfterSync(
  current: () => ResolvedConfig,
  adapters: Pick<Adapters, 'store' | 'clock' | 'logger'>,
  github: PullRequestSource,
): () => Promise<void> {
  return async () => {
    const config = current();
    if (!config.github.custody) return;
    const { store, clock, logger } = adapters;
    const before = github.spend().requests;
    try {
      const { reads, spend } = await traceReleaseCustody(
        { github, store, clock },
        {
          release: config.release.name,
          enhancementsRepo: config.github.repo,
          codeRepo: config.github.codeRepo,
        },
      );
      logger.info('custody read', { ...reads, requests: spend.requests - before });
    } catch (error) {
      logger.warn('custody read failed; the next sync tries again', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };
}
