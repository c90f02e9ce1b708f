/**
 * A bot's reference data on disk (the example config, its imports and a KEP checkout behind a
 * git-sync style symlink, all in a temp dir), loaded into a real SQLite file as at start, with
 * the reload task driven by a fake clock.
 */
import { cpSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadReferenceData } from '../../src/app/load-reference-data.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import { readKepsFromCheckout } from '../../src/github/local-checkout.ts';
import type { ChannelDirectory } from '../../src/slack/context.ts';
import type { Adapters } from '../../src/wiring/adapters.ts';
import { createLiveBot, type LiveBot } from '../../src/wiring/live-bot.ts';
import { readReferenceData } from '../../src/wiring/reference-data.ts';
import { type ReferenceReload, referenceReloadTask } from '../../src/wiring/reference-reload.ts';
import { createReferenceWatcher, type ReferenceReader } from '../../src/wiring/reference-watcher.ts';
import { RecordingChat, recordingLogger } from '../app/schedule-rig.ts';
import { tempStore } from '../db/temp-db.ts';
import { FakeClock } from '../fakes/fake-clock.ts';

const fixtures = new URL('../fixtures/k8s/', import.meta.url).pathname;
const example = new URL('../../drumbeat.example.yaml', import.meta.url).pathname;
/** The SIGs whose KEPs the temp checkout holds (the example config's facilitated SIGs). */
export const copiedSigs = ['sig-auth', 'sig-node', 'sig-scheduling', 'sig-storage'];

export interface Reloads {
  root: string;
  configFile: string;
  /** The checkout path the config names: a symlink to the current worktree. */
  checkout: string;
  clock: FakeClock;
  logger: ReturnType<typeof recordingLogger>;
  store: ReturnType<typeof tempStore>['store'];
  live: LiveBot;
  reload: ReferenceReload;
  /** How often the config and the checkout were read since start. */
  reads: { config: number; keps: number };
  metrics: Array<'applied' | 'rejected'>;
  lookUps: ResolvedConfig[];
  /** Moves the clock a minute on and runs one pass. */
  pass(): Promise<string>;
  /** The worktree the checkout link points to now. */
  worktree(): string;
  /** A copy of the current worktree as a new one, swapped in atomically (as git-sync does). */
  swapWorktree(edit: (worktree: string) => void): void;
  cleanup(): void;
}

/** Writes the temp tree: drumbeat.yaml with its imports under k8s/, the KEPs under .worktrees/a. */
export function writeTree(root: string): void {
  mkdirSync(join(root, 'k8s/process'), { recursive: true });
  mkdirSync(join(root, 'k8s/schedules/release-1.35'), { recursive: true });
  for (const file of ['sigs.yaml', 'process/slack-users.yaml', 'schedules/release-1.35/README.md'])
    cpSync(join(fixtures, file), join(root, 'k8s', file));
  for (const sig of copiedSigs) {
    cpSync(join(fixtures, 'keps', sig), join(root, '.worktrees/a/keps', sig), { recursive: true });
    cpSync(join(fixtures, 'keps/prod-readiness', sig), join(root, '.worktrees/a/keps/prod-readiness', sig), {
      recursive: true,
    });
  }
  symlinkSync(join(root, '.worktrees/a'), join(root, 'enhancements'));
  const text = readFileSync(example, 'utf8')
    .replace('localCheckout: ./test/fixtures/k8s', 'localCheckout: ./enhancements')
    .replaceAll('./test/fixtures/k8s/', './k8s/');
  writeFileSync(join(root, 'drumbeat.yaml'), text);
}

export async function startReloads(): Promise<Reloads> {
  const db = tempStore();
  const root = join(db.file, '..');
  writeTree(root);
  const configFile = join(root, 'drumbeat.yaml');
  const loaded = await loadConfig(configFile);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
  const config = loaded.config;
  const clock = new FakeClock('2025-10-01T08:00:00Z');
  const logger = recordingLogger();
  const reads = { config: 0, keps: 0 };
  const reader: ReferenceReader = {
    load: (file, files) => {
      reads.config++;
      return loadConfig(file, { files });
    },
    readKeps: (checkout, knownSigs) => {
      reads.keps++;
      return readKepsFromCheckout(checkout, { knownSigs });
    },
  };
  const watcher = createReferenceWatcher(configFile, reader);
  await watcher.prime(config);
  const data = await readReferenceData(config, logger);
  loadReferenceData(db.store, data, clock.now());
  const channels: ChannelDirectory = { pm: 'CPM', release: 'CREL', sig: (dir) => `C-${dir}` };
  const adapters: Adapters = { store: db.store, chat: new RecordingChat(clock), clock, logger, channels };
  const live = createLiveBot(config, adapters);
  const metrics: Array<'applied' | 'rejected'> = [];
  const lookUps: ResolvedConfig[] = [];
  const reload = referenceReloadTask({
    watcher,
    live,
    store: db.store,
    logger,
    metrics: { referenceReload: (result) => metrics.push(result) },
    lookUpChannels: async (next) => {
      lookUps.push(next);
      return channels;
    },
    keps: data.keps,
  });
  let current = 'a';
  const reloads: Reloads = {
    root,
    configFile,
    checkout: join(root, 'enhancements'),
    clock,
    logger,
    store: db.store,
    live,
    reload,
    reads,
    metrics,
    lookUps,
    async pass() {
      clock.advance(60_000);
      return reload.check(clock.now());
    },
    worktree: () => join(root, '.worktrees', current),
    swapWorktree(edit) {
      const next = String.fromCharCode(current.charCodeAt(0) + 1);
      cpSync(join(root, '.worktrees', current), join(root, '.worktrees', next), { recursive: true });
      edit(join(root, '.worktrees', next));
      symlinkSync(join(root, '.worktrees', next), join(root, 'enhancements.new'));
      renameSync(join(root, 'enhancements.new'), join(root, 'enhancements'));
      current = next;
    },
    cleanup: db.cleanup,
  };
  reads.config = 0;
  reads.keps = 0;
  return reloads;
}
