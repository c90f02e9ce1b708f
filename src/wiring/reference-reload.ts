/**
 * The scheduled reload of the reference data: each pass looks whether the config, its imports
 * (sigs.yaml, users.yaml, the release README) or the KEP checkout changed on disk. A change is
 * re-read and re-validated in full; valid data is written in one transaction (the start's own
 * `loadReferenceData`) and the features are composed again and swapped in at once. Invalid data
 * is logged once per problem, and the data before is kept, in the store and in memory.
 */
import { loadReferenceData } from '../app/load-reference-data.ts';
import { formatProblem } from '../config/problems.ts';
import type { ResolvedConfig } from '../config/resolved-config.ts';
import type { Kep } from '../domain/types.ts';
import type { Logger } from '../ports/logger.ts';
import type { BotMetrics } from '../ports/metrics.ts';
import type { ScheduledTask } from '../ports/scheduled-task.ts';
import type { Store } from '../ports/store.ts';
import type { ChannelDirectory } from '../slack/context.ts';
import { sigChannelRecords } from './configured-channels.ts';
import type { LiveBot } from './live-bot.ts';
import { logConfigWarnings } from './log-config-warnings.ts';
import {
  formatChanges,
  keepRestartOnly,
  listChanges,
  referenceChanges,
  restartOnlyChanges,
  sameSigChannels,
} from './reference-changes.ts';
import { referenceDataFrom } from './reference-data.ts';
import type { ReferenceWatcher, WatchOutcome } from './reference-watcher.ts';

export interface ReferenceReloadDeps {
  watcher: ReferenceWatcher;
  live: LiveBot;
  store: Store;
  logger: Logger;
  metrics: Pick<BotMetrics, 'referenceReload'>;
  /** The channels of a config whose SIG channels differ from the ones looked up before. */
  lookUpChannels: (config: ResolvedConfig) => Promise<ChannelDirectory>;
  /** The KEPs loaded at start (null without a local checkout): what a reload adds and removes is counted from them. */
  keps: Kep[] | null;
}

/** What one look did. */
export type ReloadResult = 'unchanged' | 'moving' | 'rejected' | 'applied';

export interface ReferenceReload extends ScheduledTask {
  /** One look at `now`, and what came of it. */
  check(now: Date): Promise<ReloadResult>;
}

export function referenceReloadTask(deps: ReferenceReloadDeps): ReferenceReload {
  const { logger } = deps;
  let keps = deps.keps;
  let lastProblem: string | null = null;
  let lastRestart = '';

  function reject(problem: string, changed: string[], now: Date): ReloadResult {
    deps.metrics.referenceReload('rejected', now);
    if (problem !== lastProblem)
      logger.warn(`reference data not reloaded; the data loaded before stays in use: ${problem}`, {
        changed,
      });
    lastProblem = problem;
    return 'rejected';
  }

  /**
   * Composes the new snapshot, writes the data in one transaction, then swaps the snapshot in:
   * a failure at any step leaves the store and the features as they were.
   */
  async function apply(read: Extract<WatchOutcome, { kind: 'read' }>, now: Date): Promise<ReloadResult> {
    const before = deps.live.current();
    const config = keepRestartOnly(before.config, read.config);
    const channels = sameSigChannels(before.config, config)
      ? before.adapters.channels
      : await deps.lookUpChannels(config);
    const next = deps.live.compose(config, { ...before.adapters, channels });
    const data = referenceDataFrom(config, read.keps, sigChannelRecords(config, channels));
    const loaded = loadReferenceData(deps.store, data, now);
    deps.live.swap(next);
    deps.metrics.referenceReload('applied', now);
    lastProblem = null;
    logRestartOnly(restartOnlyChanges(before.config, read.config).join(', '), read.config.file);
    logNewWarnings(logger, before.config, read.config);
    const kepChanges = read.keps && {
      ...listChanges(keps ?? [], read.keps, (k) => k.path),
      changed: loaded.keps?.changed ?? 0,
    };
    keps = read.keps ?? keps;
    logApplied(logger, before.config, config, { read, kepChanges });
    return 'applied';
  }

  /** Names the restart-only sections that differ from the running ones, when that list changes. */
  function logRestartOnly(sections: string, file: string): void {
    if (sections && sections !== lastRestart)
      logger.warn(`restart to apply: ${sections} (changed in ${file}; the rest is reloaded)`);
    lastRestart = sections;
  }

  async function check(now: Date): Promise<ReloadResult> {
    const outcome = await deps.watcher.look();
    if (outcome.kind === 'unchanged') return 'unchanged';
    if (outcome.kind === 'moving') {
      logger.info('the KEP checkout changed while it was read; it is read again at the next pass', {
        changed: outcome.changed,
      });
      return 'moving';
    }
    if (outcome.kind === 'rejected') return reject(outcome.problem, outcome.changed, now);
    try {
      return await apply(outcome, now);
    } catch (error) {
      // Not the files' fault (the database, Slack): read them again at the next pass.
      deps.watcher.forget();
      return reject(`the reload failed: ${(error as Error).message}`, outcome.changed, now);
    }
  }

  return {
    name: 'reference-reload',
    check,
    async run(now) {
      await check(now);
      return { nextDueAt: null };
    },
  };
}

/** The config warnings (its own and its imports') that the config in use did not have, one line each. */
function logNewWarnings(logger: Logger, before: ResolvedConfig, after: ResolvedConfig): void {
  const known = new Set(before.warnings.map(formatProblem));
  logConfigWarnings(
    after.warnings.filter((w) => !known.has(formatProblem(w))),
    logger,
  );
}

function logApplied(
  logger: Logger,
  before: ResolvedConfig,
  after: ResolvedConfig,
  done: {
    read: Extract<WatchOutcome, { kind: 'read' }>;
    kepChanges: { added: number; removed: number; changed: number } | null;
  },
): void {
  const { sigs, people, calendar } = referenceChanges(before, after);
  const summary = [
    `KEPs ${done.kepChanges ? formatChanges(done.kepChanges) : 'not read (no github.localCheckout)'}`,
    `SIGs ${formatChanges(sigs)}`,
    `people ${formatChanges(people)}`,
    `calendar ${calendar.changed ? 'changed' : 'unchanged'} (${calendar.release}, ${calendar.milestones} milestones)`,
  ].join(', ');
  logger.info(`reference data reloaded: ${summary}`, {
    changed: done.read.changed,
    kepWarnings: done.read.kepWarnings,
  });
}
