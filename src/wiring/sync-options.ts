import type { SyncGithubOptions } from '../app/sync-github.ts';
import type { ResolvedConfig } from '../config/resolved-config.ts';

/** The sync options a config implies. */
export function syncOptionsFromConfig(config: ResolvedConfig, dryRun: boolean): SyncGithubOptions {
  return {
    repo: config.github.repo,
    release: config.release.name,
    optedInLabel: config.github.labels.optedIn,
    trackedLabels: { trackedYes: config.github.labels.trackedYes, trackedNo: config.github.labels.trackedNo },
    board: config.github.board ? { org: config.github.board.org, number: config.github.board.number } : null,
    boardFieldNames: config.github.board?.fields,
    writeBack: config.github.writeBack,
    writeBackVia: config.github.writeBackVia,
    dryRun,
    knownSigs: config.sigs.map((s) => s.dir),
  };
}
