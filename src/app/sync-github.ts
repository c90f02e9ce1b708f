import {
  type BoardFieldNames,
  defaultBoardFieldNames,
  parseBoardStatus,
  renameBoardFields,
  resolveBoardFieldNames,
  unknownStatusWarning,
} from '../domain/board.ts';
import type { DriftFinding } from '../domain/drift.ts';
import type { BoardItemSnapshot, GithubEvent, IssueSnapshot } from '../domain/github-snapshots.ts';
import { isKepTemplate, normalizeKep } from '../domain/kep.ts';
import { readText } from '../domain/kep-fields.ts';
import { kepDirNumber, kepDirOf, prrPathFor, readPrrPath, selectKepFiles } from '../domain/kep-files.ts';
import { nextSearchPass, searchResultCap } from '../domain/search-cap.ts';
import { boardItemRemoved, diffBoardItem, diffIssue, diffKep } from '../domain/sync-diff.ts';
import type { Kep } from '../domain/types.ts';
import type { WriteBackVia } from '../domain/write-back-plan.ts';
import type { Clock } from '../ports/clock.ts';
import type { BoardRef, GithubSource, Page, RepoRef } from '../ports/github.ts';
import type { ListedObject } from '../ports/github-store.ts';
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import { applyWriteBack, type WriteBackResult } from './apply-write-back.ts';
import { trackingBoardCursor } from './board-tracking.ts';
import { type DriftScope, recordDrift } from './find-drift.ts';
import { planTrackingWriteBack, verifyWriteBack } from './plan-tracking.ts';

/** kep.yaml text read into plain data (the local importer's `parseKepYaml`). */
export type ReadKepYaml = (text: string) => {
  raw: unknown;
  warnings: string[];
  /** Key lines, for warnings; may parse the text again, so asked for only when needed. */
  lines?: () => Record<string, number>;
};

export interface SyncGithubDeps {
  github: GithubSource;
  store: Pick<
    Store,
    | 'githubDrift'
    | 'githubEvents'
    | 'githubObjects'
    | 'githubSnapshots'
    | 'githubSync'
    | 'githubWriteBack'
    | 'keps'
    | 'milestoneRemovals'
    | 'transaction'
  >;
  clock: Clock;
  logger: Logger;
  readKepYaml: ReadKepYaml;
}

export interface SyncGithubOptions {
  /** `owner/name` of the enhancements repository. */
  repo: string;
  /** The release milestone title, `v1.37`. */
  release: string;
  /** The opted-in label (`lead-opted-in`). */
  optedInLabel: string;
  /** The tracked labels (default `tracked/yes`, `tracked/no`), for drift. */
  trackedLabels?: { trackedYes: string; trackedNo: string };
  board: BoardRef | null;
  /** The board's field names (config `github.board.fields`; default the handbook's). */
  boardFieldNames?: BoardFieldNames;
  /** Config `github.writeBack`: apply planned write-back actions. */
  writeBack: boolean;
  /** Config `github.writeBack.via`: Prow commands in an issue comment (default) or API mutations. */
  writeBackVia?: WriteBackVia;
  /** Apply nothing on GitHub whatever `writeBack` says; print the plan instead. */
  dryRun?: boolean;
  /** Group dirs from sigs.yaml, so KEPs naming unknown SIGs get a warning (as the local importer does). */
  knownSigs?: string[];
  /** The git ref the KEP files are read at (default `HEAD`, the default branch). */
  ref?: string;
  /** Re-read the whole board at least this often even when its updatedAt did not move (default 6 h). */
  boardRescanMs?: number;
  onProgress?: (progress: SyncProgress) => void;
}

export type SyncPhase = 'probe' | 'issues' | 'board' | 'files' | 'keps' | 'write-back';

export interface SyncProgress {
  phase: SyncPhase;
  /** Items read in this phase so far. */
  read: number;
  requests: number;
  points: number;
}

/** What one sync did. */
export interface SyncSummary {
  ok: boolean;
  /** What went wrong (the sync stopped there; what was stored before stays, the next sync resumes). */
  error: string | null;
  startedAt: string;
  finishedAt: string;
  requests: number;
  points: number;
  retries: number;
  /** Points left and when they reset, as GitHub last reported. */
  remaining: number | null;
  resetAt: string | null;
  issues: { read: number; changed: number };
  board: { read: number; changed: number; removed: number; skipped: boolean };
  files: { listed: boolean; fetched: number };
  keps: { inserted: number; changed: number; unchanged: number };
  /** Events recorded by this sync. */
  events: GithubEvent[];
  /** Drift findings open after this sync, and those that are news (new or changed). */
  drift: { open: number; news: DriftFinding[] };
  writeBack: WriteBackResult | null;
  /** Applied write-back actions whose effect this sync saw, and those still awaited (Prow acts later). */
  writeBackChecks: { verified: number; awaiting: number };
  warnings: string[];
}

interface Run {
  deps: SyncGithubDeps;
  options: SyncGithubOptions;
  repoRef: RepoRef;
  summary: SyncSummary;
  /** Blob paths fetched in this run. */
  fetched: Set<string>;
}

const defaultBoardRescanMs = 6 * 3_600_000;
const kepsRoot = 'keps';

function splitRepo(repo: string): RepoRef {
  const [owner = '', name = ''] = repo.split('/');
  return { owner, name };
}

function emptySummary(now: Date): SyncSummary {
  return {
    ok: false,
    error: null,
    startedAt: now.toISOString(),
    finishedAt: now.toISOString(),
    requests: 0,
    points: 0,
    retries: 0,
    remaining: null,
    resetAt: null,
    issues: { read: 0, changed: 0 },
    board: { read: 0, changed: 0, removed: 0, skipped: false },
    files: { listed: false, fetched: 0 },
    keps: { inserted: 0, changed: 0, unchanged: 0 },
    events: [],
    drift: { open: 0, news: [] },
    writeBack: null,
    writeBackChecks: { verified: 0, awaiting: 0 },
    warnings: [],
  };
}

function progress(run: Run, phase: SyncPhase, read: number): void {
  const spend = run.deps.github.spend();
  run.options.onProgress?.({ phase, read, requests: spend.requests, points: spend.points });
}

function sameIssue(a: IssueSnapshot, b: IssueSnapshot): boolean {
  return JSON.stringify(a) === JSON.stringify({ ...b, labels: [...b.labels].sort() });
}

function sameBoardItem(a: BoardItemSnapshot, b: BoardItemSnapshot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

type IssuePageReader = (since: string | null, after: string | null) => Promise<Page<IssueSnapshot>>;

/** One incremental issue stream: pages since the cursor, each page stored with its events in one transaction. */
async function syncIssueStream(run: Run, stream: string, readPage: IssuePageReader): Promise<void> {
  const { store, clock } = run.deps;
  let since = store.githubSync.getCursor(stream);
  const baseline = store.githubSync.getCursor(`${stream}:complete`) === null;
  let after: string | null = null;
  let readInPass = 0;
  for (;;) {
    const page = await readPage(since, after);
    const now = clock.now();
    store.transaction(() => {
      for (const issue of page.items) {
        const before = store.githubSnapshots.getIssue(issue.repo, issue.number);
        if (before && sameIssue(before, issue)) continue;
        run.summary.events.push(...store.githubEvents.record(diffIssue(before, issue, baseline), now));
        store.githubSnapshots.putIssue(issue, now);
        run.summary.issues.changed++;
      }
      const last = page.items.at(-1);
      if (last && (since === null || last.updatedAt >= since))
        store.githubSync.setCursor(stream, last.updatedAt, now);
    });
    run.summary.issues.read += page.items.length;
    readInPass += page.items.length;
    progress(run, 'issues', run.summary.issues.read);
    if (page.hasNextPage && page.endCursor) {
      after = page.endCursor;
      continue;
    }
    // A search stops at GitHub's 1,000 hits: the next pass goes on from the last one's update.
    const next = nextSearchPass({
      read: readInPass,
      total: page.searchTotal,
      lastUpdatedAt: page.lastUpdatedAt,
      since,
    });
    if (next === null) break;
    if (next === 'stuck') {
      run.summary.warnings.push(searchStuckWarning(stream, since));
      break;
    }
    [since, after, readInPass] = [next.since, null, 0];
  }
  store.githubSync.setCursor(`${stream}:complete`, 'yes', clock.now());
}

async function milestoneNumber(run: Run): Promise<number | null> {
  const { store, github, clock } = run.deps;
  const stream = `milestone-number:${run.options.repo}:${run.options.release}`;
  const cached = store.githubSync.getCursor(stream);
  if (cached !== null) return Number(cached);
  const number = await github.findMilestone(run.repoRef, run.options.release);
  if (number === null) {
    run.summary.warnings.push(
      `${run.options.repo} has no milestone titled ${run.options.release}; only issues labelled ${run.options.optedInLabel} were read`,
    );
    return null;
  }
  store.githubSync.setCursor(stream, String(number), clock.now());
  return number;
}

async function syncIssues(run: Run): Promise<void> {
  const { github } = run.deps;
  const { repo, release, optedInLabel } = run.options;
  const milestone = await milestoneNumber(run);
  if (milestone === null) {
    await syncIssueStream(run, `issues:label:${repo}:${optedInLabel}`, (since, after) =>
      github.labeledIssues(run.repoRef, optedInLabel, since, after),
    );
    return;
  }
  await syncIssueStream(run, `issues:milestone:${repo}:${release}`, (since, after) =>
    github.milestoneIssues(run.repoRef, milestone, since, after),
  );
  // the labelled issues outside the milestone only: the milestone's are not read a second time
  await syncIssueStream(run, `issues:label-elsewhere:${repo}:${optedInLabel}:${release}`, (since, after) =>
    github.optedInElsewhere(run.repoRef, optedInLabel, release, since, after),
  );
}

function storeBoardPage(run: Run, items: BoardItemSnapshot[], baseline: boolean): void {
  const { store, clock } = run.deps;
  const now = clock.now();
  store.transaction(() => {
    for (const item of items) {
      const before = store.githubSnapshots.getBoardItem(item.board, item.itemId);
      if (before && sameBoardItem(before, item)) continue;
      run.summary.events.push(...store.githubEvents.record(diffBoardItem(before, item, baseline), now));
      store.githubSnapshots.putBoardItem(item, now);
      run.summary.board.changed++;
    }
  });
}

function removeUnseenBoardItems(run: Run, boardKey: string, seen: Set<string>, baseline: boolean): void {
  const { store, clock } = run.deps;
  const now = clock.now();
  store.transaction(() => {
    for (const item of store.githubSnapshots.listBoardItems(boardKey)) {
      if (seen.has(item.itemId)) continue;
      if (!baseline)
        run.summary.events.push(
          ...store.githubEvents.record([boardItemRemoved(item, now.toISOString())], now),
        );
      store.githubSnapshots.removeBoardItem(boardKey, item.itemId);
      run.summary.board.removed++;
    }
  });
}

/** The configured field names checked against the board's (warnings for missing or renamed fields). */
function boardFieldNames(run: Run, onBoard: string[]): BoardFieldNames {
  const configured = run.options.boardFieldNames ?? defaultBoardFieldNames;
  const { names, warnings } = resolveBoardFieldNames(onBoard, configured);
  run.summary.warnings.push(...warnings);
  return names;
}

function warnUnknownStatuses(run: Run, items: BoardItemSnapshot[]): void {
  for (const item of items)
    if (item.status !== null && parseBoardStatus(item.status) === null)
      run.summary.warnings.push(unknownStatusWarning(item.issueNumber, item.status));
}

/** The board has no "since": re-read it whole, but only when its updatedAt moved (or the last full read is old). */
async function syncBoard(run: Run, boardUpdatedAt: string | null): Promise<void> {
  const board = run.options.board;
  if (!board) return markTrackingBoard(run, '');
  const { store, clock, github } = run.deps;
  const boardKey = `${board.org}/${board.number}`;
  if (boardUpdatedAt === null) {
    run.summary.warnings.push(
      `the board ${boardKey} was not found or the token cannot read it (it needs read:project); board fields were not read`,
    );
    return;
  }
  const stream = `board:${boardKey}`;
  const lastUpdatedAt = store.githubSync.getCursor(`${stream}:updatedAt`);
  const scannedAt = store.githubSync.getCursor(`${stream}:scannedAt`);
  const rescanMs = run.options.boardRescanMs ?? defaultBoardRescanMs;
  const fresh = scannedAt !== null && clock.now().getTime() - Date.parse(scannedAt) < rescanMs;
  if (lastUpdatedAt === boardUpdatedAt && fresh) {
    run.summary.board.skipped = true;
    markTrackingBoard(run, boardKey);
    return;
  }
  const baseline = lastUpdatedAt === null;
  const seen = new Set<string>();
  let after: string | null = null;
  let updatedAt = boardUpdatedAt;
  let names: BoardFieldNames | null = null;
  for (;;) {
    const page = await github.boardItems(board, after);
    updatedAt = page.updatedAt || updatedAt;
    names ??= boardFieldNames(run, page.fieldNames);
    const items = page.items.map((item) => renameBoardFields(item, names!));
    for (const item of items) seen.add(item.itemId);
    warnUnknownStatuses(run, items);
    storeBoardPage(run, items, baseline);
    run.summary.board.read += page.items.length;
    progress(run, 'board', run.summary.board.read);
    if (!page.hasNextPage || !page.endCursor) break;
    after = page.endCursor;
  }
  removeUnseenBoardItems(run, boardKey, seen, baseline);
  const now = clock.now();
  store.githubSync.setCursor(`${stream}:updatedAt`, updatedAt, now);
  store.githubSync.setCursor(`${stream}:scannedAt`, now.toISOString(), now);
  markTrackingBoard(run, boardKey);
}

/**
 * Names the board whose Status is now the KEPs' tracking Status, or none ('') when the config has
 * no board any more (written only when it changes).
 */
function markTrackingBoard(run: Run, boardKey: string): void {
  const { store, clock } = run.deps;
  const current = store.githubSync.getCursor(trackingBoardCursor);
  if (current !== boardKey && !(current === null && boardKey === ''))
    store.githubSync.setCursor(trackingBoardCursor, boardKey, clock.now());
}

/** Lists keps/ (four levels a request) when its tree oid changed, reusing unchanged deeper subtrees. */
async function syncTree(run: Run, treeOid: string | null): Promise<void> {
  const { store, github } = run.deps;
  const { repo } = run.options;
  if (treeOid === null) {
    run.summary.warnings.push(
      `${repo} has no ${kepsRoot}/ folder at ${run.options.ref ?? 'HEAD'}; no kep.yaml was read`,
    );
    return;
  }
  if (store.githubObjects.get(repo, kepsRoot)?.listedOid === treeOid) return;
  const ref = run.options.ref ?? 'HEAD';
  const root = await github.listTree(run.repoRef, ref, kepsRoot);
  if (!root) return;
  const entries: ListedObject[] = [...root.entries];
  const listed: { path: string; oid: string }[] = [];
  const pending = [...root.unlisted];
  while (pending.length > 0) {
    const tree = pending.pop()!;
    if (store.githubObjects.get(repo, tree.path)?.listedOid === tree.oid) {
      entries.push(...store.githubObjects.list(repo, `${tree.path}/`));
      continue;
    }
    const sub = await github.listTree(run.repoRef, ref, tree.path);
    if (!sub) continue;
    entries.push(...sub.entries);
    pending.push(...sub.unlisted);
    listed.push({ path: tree.path, oid: sub.oid });
  }
  store.transaction(() => {
    store.githubObjects.replaceUnder(repo, kepsRoot, entries);
    for (const tree of listed) store.githubObjects.markListed(repo, tree.path, tree.oid);
    store.githubObjects.markListed(repo, kepsRoot, root.oid);
  });
  run.summary.files.listed = true;
  progress(run, 'files', entries.length);
}

/** The KEP numbers of the release: issues in the milestone or opted in, and issues on the board. */
function releaseNumbers(run: Run): Set<number> {
  const { store } = run.deps;
  const { repo, release, optedInLabel, board } = run.options;
  const numbers = new Set<number>();
  for (const issue of store.githubSnapshots.listIssues(repo, { milestone: release, label: optedInLabel }))
    numbers.add(issue.number);
  if (board) {
    for (const item of store.githubSnapshots.listBoardItems(`${board.org}/${board.number}`))
      if (item.issueNumber !== null && (item.issueRepo === null || item.issueRepo === repo))
        numbers.add(item.issueNumber);
  }
  return numbers;
}

/** Fetches the release's kep.yaml and PRR files whose oid differs from the text stored. */
async function syncBlobs(run: Run, numbers: Set<number>): Promise<void> {
  const { store, github, clock } = run.deps;
  const { repo } = run.options;
  const objects = new Map(store.githubObjects.list(repo, `${kepsRoot}/`).map((o) => [o.path, o]));
  const { kepYaml, prr } = selectKepFiles(objects.keys(), numbers);
  const stale = [...kepYaml, ...prr]
    .map((path) => objects.get(path)!)
    .filter((o) => o.kind === 'blob' && o.nodeId !== null && o.fetchedOid !== o.oid);
  if (stale.length === 0) return;
  const byNode = new Map(stale.map((o) => [o.nodeId!, o]));
  const blobs = await github.readBlobs([...byNode.keys()]);
  const now = clock.now();
  store.transaction(() => {
    for (const blob of blobs) {
      const object = byNode.get(blob.nodeId);
      if (!object || blob.text === null) continue;
      if (blob.truncated) run.summary.warnings.push(`${object.path} is too large; GitHub sent it truncated`);
      store.githubObjects.putText(repo, object.path, blob.oid, blob.text, now);
      run.fetched.add(object.path);
    }
  });
  run.summary.files.fetched += run.fetched.size;
  progress(run, 'files', run.fetched.size);
}

function readKep(run: Run, dir: string): Kep | null {
  const { store, readKepYaml } = run.deps;
  const { repo, knownSigs } = run.options;
  const file = store.githubObjects.get(repo, `${dir}/kep.yaml`);
  if (file?.text == null) return null;
  const read = readKepYaml(file.text);
  if (isKepTemplate(dir, read.raw)) return null;
  const fields =
    typeof read.raw === 'object' && read.raw !== null ? (read.raw as Record<string, unknown>) : {};
  const owningSig = readText(fields['owning-sig']);
  const number = kepDirNumber(dir);
  const prrPath = owningSig && number !== null ? prrPathFor(owningSig, number) : null;
  const prrFile = prrPath ? store.githubObjects.get(repo, prrPath) : null;
  const prrRead = prrFile?.text != null ? readKepYaml(prrFile.text) : null;
  const prrWarnings = (prrRead?.warnings ?? []).map(
    (w) => `PRR file ${prrPath}: ${w.replace(/^kep\.yaml /, 'it ')}`,
  );
  return normalizeKep({
    path: dir,
    raw: read.raw,
    ...(prrRead && prrPath ? { prr: prrRead.raw ?? null, prrPath } : {}),
    ...(knownSigs ? { knownSigs: new Set(knownSigs) } : {}),
    readWarnings: [...read.warnings, ...prrWarnings],
    ...(read.lines ? { lines: read.lines } : {}),
  });
}

/** Normalises the release KEPs whose files were fetched now (or that are not stored yet) into `keps`. */
function syncKeps(run: Run, numbers: Set<number>): void {
  const { store, clock } = run.deps;
  const { repo } = run.options;
  const dirs = selectKepFiles(
    store.githubObjects.list(repo, `${kepsRoot}/`).map((o) => o.path),
    numbers,
  ).kepYaml.map((path) => kepDirOf(path)!);
  const prrNumbers = new Set([...run.fetched].flatMap((path) => readPrrPath(path)?.number ?? []));
  const touched = (dir: string) =>
    run.fetched.has(`${dir}/kep.yaml`) ||
    prrNumbers.has(kepDirNumber(dir) ?? -1) ||
    store.keps.getByPath(dir) === null;
  const keps = dirs
    .filter(touched)
    .map((dir) => readKep(run, dir))
    .filter((kep): kep is Kep => kep !== null);
  if (keps.length === 0) return;
  const now = clock.now();
  store.transaction(() => {
    const before = new Map(keps.map((k) => [k.path, store.keps.getByPath(k.path)]));
    const result = store.keps.upsertMany(keps, now);
    run.summary.keps = {
      inserted: result.inserted.length,
      changed: result.changed.length,
      unchanged: result.unchanged.length,
    };
    for (const path of result.changed) {
      const old = before.get(path);
      const kep = keps.find((k) => k.path === path)!;
      const prr = kep.owningSig ? store.githubObjects.get(repo, prrPathFor(kep.owningSig, kep.number)) : null;
      const source = `${store.githubObjects.get(repo, `${path}/kep.yaml`)?.oid ?? 'none'}+${prr?.oid ?? 'none'}`;
      if (old)
        run.summary.events.push(
          ...store.githubEvents.record(diffKep(old, kep, now.toISOString(), source), now),
        );
    }
  });
  progress(run, 'keps', keps.length);
}

/** What drift is checked over: the release, its labels and board. */
export function driftScope(options: SyncGithubOptions): DriftScope {
  const tracked = options.trackedLabels ?? { trackedYes: 'tracked/yes', trackedNo: 'tracked/no' };
  return {
    repo: options.repo,
    release: options.release,
    labels: { optedIn: options.optedInLabel, ...tracked },
    board: options.board,
  };
}

async function runSteps(run: Run): Promise<void> {
  const { github } = run.deps;
  const { board } = run.options;
  progress(run, 'probe', 0);
  const probe = await github.probe(run.repoRef, `${run.options.ref ?? 'HEAD'}:${kepsRoot}`, board);
  await syncIssues(run);
  await syncBoard(run, probe.boardUpdatedAt);
  await syncTree(run, probe.treeOid);
  const numbers = releaseNumbers(run);
  await syncBlobs(run, numbers);
  syncKeps(run, numbers);
  const scope = driftScope(run.options);
  const { store, clock } = run.deps;
  run.summary.drift = recordDrift(store, scope, clock.now());
  const boardKey = board ? `${board.org}/${board.number}` : null;
  run.summary.writeBackChecks = verifyWriteBack(store, clock.now(), boardKey);
  planTrackingWriteBack(store, scope, run.summary.events, clock.now());
  progress(run, 'write-back', 0);
  const enabled = run.options.writeBack && !run.options.dryRun;
  run.summary.writeBack = await applyWriteBack(run.deps, {
    enabled,
    via: run.options.writeBackVia ?? 'prow',
    board: run.options.board ?? null,
  });
}

/**
 * One GitHub sync: KEP issues of the release milestone and the opted-in label (incrementally, since the
 * last update read), the release board (when it changed), and the release KEPs' kep.yaml and PRR files
 * (only blobs whose git object id changed), normalised into `keps` like the local importer does; then
 * the write-back plan is applied (or, in a dry run or with write-back off, listed). Every page is stored
 * with its events in one transaction, so a failure leaves a consistent store and the next sync resumes.
 * Never throws for GitHub or store failures: the summary says what went wrong.
 */
export async function syncGithub(deps: SyncGithubDeps, options: SyncGithubOptions): Promise<SyncSummary> {
  const { store, clock, logger } = deps;
  const summary = emptySummary(clock.now());
  const runId = store.githubSync.startRun(clock.now());
  const before = deps.github.spend();
  const run: Run = { deps, options, repoRef: splitRepo(options.repo), summary, fetched: new Set() };
  try {
    await runSteps(run);
    summary.ok = true;
  } catch (error) {
    summary.error = error instanceof Error ? error.message : String(error);
    logger.warn('GitHub sync stopped', { error: summary.error });
  }
  const spend = deps.github.spend();
  Object.assign(summary, {
    finishedAt: clock.now().toISOString(),
    requests: spend.requests - before.requests,
    points: spend.points - before.points,
    retries: spend.retries - before.retries,
    remaining: spend.remaining,
    resetAt: spend.resetAt,
  });
  const { events, writeBack, drift, ...recorded } = summary;
  store.githubSync.finishRun(
    runId,
    {
      outcome: summary.ok ? 'ok' : 'failed',
      requests: summary.requests,
      points: summary.points,
      summary: {
        ...recorded,
        events: events.length,
        drift: { open: drift.open, news: drift.news.length },
        writeBack: writeBack?.actions.length ?? 0,
      },
      error: summary.error,
    },
    clock.now(),
  );
  return summary;
}

function searchStuckWarning(stream: string, since: string | null): string {
  return `${stream}: more than ${searchResultCap} issues were updated at ${since}; GitHub's search answers ${searchResultCap} at most, so some of them were not read`;
}
