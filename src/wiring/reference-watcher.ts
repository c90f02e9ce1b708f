/**
 * Watches the files the reference data comes from (the config, every file it imports, the KEP
 * checkout) and re-reads them all when any changed since the last look. Each look costs a stat
 * per file and a walk of the checkout's `keps/` tree; the data is read only after a change.
 */
import {
  type ConfigProblem,
  configFilesRead,
  formatProblem,
  type LoadResult,
  loadConfig,
  nodeFiles,
} from '../config/load-config.ts';
import type { ConfigFiles } from '../config/resolve-context.ts';
import type { ResolvedConfig } from '../config/resolved-config.ts';
import type { Kep } from '../domain/types.ts';
import { type CheckoutRead, readKepsFromCheckout } from '../github/local-checkout.ts';
import {
  changedFiles,
  type FileMark,
  markFiles,
  markKepTree,
  sameTree,
  type TreeMark,
} from './reference-marks.ts';

/** How the watcher reads: the config loader and the checkout reader (counted in tests). */
export interface ReferenceReader {
  load(configFile: string, files: ConfigFiles): Promise<LoadResult>;
  readKeps(checkout: string, knownSigs: string[]): Promise<CheckoutRead>;
}

export type WatchOutcome =
  | { kind: 'unchanged' }
  /** The checkout changed while it was read: nothing taken, read again at the next look. */
  | { kind: 'moving'; changed: string[] }
  | { kind: 'rejected'; changed: string[]; problem: string }
  | { kind: 'read'; changed: string[]; config: ResolvedConfig; keps: Kep[] | null; kepWarnings: number };

export interface ReferenceWatcher {
  /**
   * Takes the first marks: at start, before the reference data is first read. The files watched
   * are those `config` was loaded from (see `configFilesRead`), without loading it again.
   */
  prime(config: ResolvedConfig): Promise<void>;
  /** Re-reads and re-validates everything when any watched file changed since the last look. */
  look(): Promise<WatchOutcome>;
  /** The files watched now (the config and its imports). */
  watched(): string[];
  /** Forgets the marks: the next look reads everything again. */
  forget(): void;
}

export function createReferenceWatcher(configFile: string, reader: ReferenceReader): ReferenceWatcher {
  let watched = new Set([configFile]);
  let files = new Map<string, FileMark>();
  let checkout: string | null = null;
  let tree: TreeMark | null = null;

  /** Loads the config, recording every file it reads or looks for. */
  async function load(): Promise<{ result: LoadResult; read: Set<string> }> {
    const read = new Set([configFile]);
    const recording: ConfigFiles = {
      ...nodeFiles,
      readFile: (path) => {
        read.add(path);
        return nodeFiles.readFile(path);
      },
      fileSize: (path) => {
        read.add(path);
        return nodeFiles.fileSize(path);
      },
    };
    return { result: await reader.load(configFile, recording), read };
  }

  async function reread(changed: string[]): Promise<WatchOutcome> {
    const { result, read } = await load();
    watched = result.ok ? read : new Set([...watched, ...read]);
    files = await keepMarks(watched, files);
    if (!result.ok) return { kind: 'rejected', changed, problem: describeProblems(result.problems) };
    const next = result.config.github.localCheckout;
    if (next === null) {
      [checkout, tree] = [null, null];
      return { kind: 'read', changed, config: result.config, keps: null, kepWarnings: 0 };
    }
    const before = next === checkout && tree ? tree : await markKepTree(next);
    let keps: CheckoutRead;
    try {
      keps = await reader.readKeps(
        before.target ?? next,
        result.config.sigs.map((s) => s.dir),
      );
    } catch (error) {
      [checkout, tree] = [next, before];
      return { kind: 'rejected', changed, problem: `${next}: ${(error as Error).message}` };
    }
    const after = await markKepTree(next);
    [checkout, tree] = [next, sameTree(before, after) ? after : unread];
    if (tree === unread) return { kind: 'moving', changed };
    return {
      kind: 'read',
      changed,
      config: result.config,
      keps: keps.keps,
      kepWarnings: keps.warnings.length,
    };
  }

  return {
    async prime(config) {
      // the files the config was loaded from; loaded again only for a config made elsewhere
      watched = new Set(configFilesRead(config) ?? (await load()).read);
      files = await markFiles(watched, new Map());
      checkout = config.github.localCheckout;
      tree = checkout ? await markKepTree(checkout) : null;
    },
    async look() {
      const now = await markFiles(watched, files);
      const changed = changedFiles(files, now);
      files = now;
      const nowTree = checkout ? await markKepTree(checkout) : null;
      if (!sameTree(tree, nowTree)) changed.push(checkout!);
      tree = nowTree;
      if (changed.length === 0) return { kind: 'unchanged' };
      return reread(changed);
    },
    watched: () => [...watched],
    forget() {
      files = new Map();
      if (checkout) tree = unread;
    },
  };
}

/** A tree mark no checkout matches: the next look reads the checkout again. */
const unread: TreeMark = { target: null, digest: 'unread', files: 0 };

/**
 * The marks of `paths`: those taken before the read are kept (a change after them is seen at the
 * next look), files newly imported are marked now.
 */
async function keepMarks(paths: Set<string>, marks: Map<string, FileMark>): Promise<Map<string, FileMark>> {
  const kept = [...marks].filter(([path]) => paths.has(path));
  const fresh = await markFiles(
    [...paths].filter((path) => !marks.has(path)),
    new Map(),
  );
  return new Map([...kept, ...fresh]);
}

/** Every problem, located (`file:line:column key: message`), in one line. */
function describeProblems(problems: ConfigProblem[]): string {
  return problems.map(formatProblem).join('; ');
}

/** The watcher's reads through the config loader and the checkout reader. */
export const nodeReferenceReader: ReferenceReader = {
  load: (configFile, files) => loadConfig(configFile, { files }),
  readKeps: (checkout, knownSigs) => readKepsFromCheckout(checkout, { knownSigs }),
};
