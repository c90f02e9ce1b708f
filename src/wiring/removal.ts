import { permissionRosterFrom } from '../config/permission-roster.ts';
import type { ResolvedConfig } from '../config/resolved-config.ts';
import { repoLinksFor } from '../domain/repo-links.ts';
import type { RemovalDeps, RemovalSettings } from '../ports/removal.ts';
import { createRemovalMessages } from '../slack/blocks/removal-blocks.ts';
import type { Adapters } from './adapters.ts';

/** Who may remove KEPs from the milestone, which labels and board change, and whether write-back is on. */
export function removalSettingsFrom(config: ResolvedConfig): RemovalSettings {
  const { github } = config;
  return {
    release: config.release.name,
    permissions: permissionRosterFrom(config),
    repo: github.repo,
    labels: { trackedYes: github.labels.trackedYes, trackedNo: github.labels.trackedNo },
    writeBack: github.writeBack,
    board: github.board
      ? { key: `${github.board.org}/${github.board.number}`, names: github.board.fields }
      : null,
  };
}

/** What removing a KEP from the milestone (and restoring it) needs, composed once. */
export function removalDeps(config: ResolvedConfig, adapters: Adapters): RemovalDeps {
  const { store } = adapters;
  return {
    store,
    chat: adapters.chat,
    clock: adapters.clock,
    logger: adapters.logger.child({ component: 'milestone-removal' }),
    settings: removalSettingsFrom(config),
    messages: createRemovalMessages(repoLinksFor(config.github.repo)),
    sigChannel: (dir) => adapters.channels.sig(dir),
    roundThread: (dir) => store.rounds.openFor(dir)?.parentKey ?? null,
  };
}
