import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { boolCoreTag, FAILSAFE_SCHEMA, load, nullCoreTag, Schema } from 'js-yaml';
import { type Document, isDocument, isMap, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import { isKepTemplate, normalizeKep } from '../domain/kep.ts';
import { readText } from '../domain/kep-fields.ts';
import { directoryNumber, readKepNumber } from '../domain/kep-number.ts';
import { duplicateNumbers, duplicateNumberWarnings } from '../domain/kep-number-duplicates.ts';
import type { Kep, Warning } from '../domain/types.ts';

export interface CheckoutRead {
  keps: Kep[];
  /** Problems that are not about one KEP (unreadable files, a PRR file with no KEP…). */
  warnings: Warning[];
}

export interface CheckoutOptions {
  /** Group dirs from sigs.yaml; when given, KEPs naming other SIGs get a warning. */
  knownSigs?: Iterable<string>;
}

/** The checkout cannot be read at all (missing folder, no `keps/`). Its message says what to pass. */
export class CheckoutError extends Error {
  readonly code = 'drumbeat_checkout_error';
}

/** kep.yaml text read into plain data, plus what was wrong with it. */
export interface KepYamlRead {
  /** The data, or undefined when the text is not YAML at all. Numbers are kept as written (`"1.30"`). */
  raw: unknown;
  warnings: string[];
  /**
   * The 1-based line of each top-level key (`kep-number`, `status`, `latest-milestone`…) and of
   * each `milestone.<stage>`, so warnings can say where to look. Computed at the first call: a
   * file read by the fast loader is parsed again, keeping positions, only when a warning needs them.
   */
  lines?: () => Record<string, number>;
}

const maxFileBytes = 1024 * 1024;
const frontMatter = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n([\s\S]*))?$/;

/** The YAML of a kep.yaml and how many lines precede it (1 for a legacy `---` front-matter block). */
function yamlPart(text: string): { source: string; offset: number } {
  const match = frontMatter.exec(text);
  return match && (match[2] ?? '').trim()
    ? { source: match[1] ?? '', offset: 1 }
    : { source: text, offset: 0 };
}

function firstError(errors: readonly { message: string }[]): string {
  return (errors[0]?.message ?? 'unknown error').split('\n')[0] ?? '';
}

interface ParsedYaml {
  raw: unknown;
  duplicates: string[];
  error: string | null;
  lines: Record<string, number>;
}

/** Lines of the top-level keys (and each `milestone.<key>`), 1-based, shifted by `offset` lines. */
function keyLines(doc: Document, counter: LineCounter, offset: number): Record<string, number> {
  const lines: Record<string, number> = {};
  const lineAt = (node: unknown) =>
    isScalar(node) && node.range ? counter.linePos(node.range[0]).line + offset : null;
  if (!isMap(doc.contents)) return lines;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : null;
    if (!key) continue;
    const line = lineAt(pair.key);
    if (line !== null) lines[key] = line;
    if (key !== 'milestone' || !isMap(pair.value)) continue;
    for (const stage of pair.value.items) {
      const stageLine = lineAt(stage.key);
      if (isScalar(stage.key) && stageLine !== null)
        lines[`milestone.${String(stage.key.value)}`] = stageLine;
    }
  }
  return lines;
}

function parseYaml(text: string, offset = 0): ParsedYaml {
  const counter = new LineCounter();
  const doc = parseDocument(text, { keepSourceTokens: false, lineCounter: counter });
  const duplicates = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY');
  const others = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
  if (others.length > 0) return { raw: undefined, duplicates: [], error: firstError(others), lines: {} };
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' && typeof node.source === 'string') node.value = node.source;
    },
  });
  try {
    const raw: unknown = isDocument(doc) ? doc.toJS({ maxAliasCount: 1000 }) : undefined;
    const lines = keyLines(doc, counter, offset);
    return { raw, duplicates: duplicates.map((d) => firstError([d])), error: null, lines };
  } catch (error) {
    // toJS throws on aliases it cannot resolve or that expand too far.
    return {
      raw: undefined,
      duplicates: [],
      error: firstError([error instanceof Error ? error : { message: String(error) }]),
      lines: {},
    };
  }
}

// YAML 1.2's core schema without its int and float tags: numbers stay as written (`1.30`), as the
// careful parser below keeps them; dates stay text (the core schema has no timestamps).
const keepNumbers = new Schema([...FAILSAFE_SCHEMA.tags, nullCoreTag, boolCoreTag]);

/**
 * The fast read of well-formed YAML: js-yaml's plain loader, several times faster than building a
 * document with positions. Null when it refuses the text (a syntax error, a repeated key, tabs, an
 * empty file, any alias, which the careful parser expands within its limits): the careful parser
 * then reads it and says what was wrong.
 */
function loadFast(text: string): { raw: unknown } | null {
  try {
    return { raw: load(text, { schema: keepNumbers, maxAliases: 0 }) };
  } catch {
    return null;
  }
}

function once<T>(compute: () => T): () => T {
  let value: { v: T } | null = null;
  return () => {
    value ??= { v: compute() };
    return value.v;
  };
}

/**
 * Reads kep.yaml text (bare YAML, or the legacy Markdown with a `---` front-matter block) without ever
 * throwing. Survives a BOM, CRLF line ends, duplicate keys (the last one wins, with a warning) and tab
 * indentation (read as two spaces, with a warning). Dates stay text; numbers keep their written form.
 * Well-formed files go through a fast loader; `careful` reads every file with the positions-keeping
 * parser, which gives the same data.
 */
export function parseKepYaml(text: string, options: { careful?: boolean } = {}): KepYamlRead {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (clean.includes('\u0000')) {
    return {
      raw: undefined,
      warnings: ['kep.yaml is not text (it holds NUL bytes); fields could not be read'],
    };
  }
  const { source, offset } = yamlPart(clean);
  const fast = options.careful ? null : loadFast(source);
  if (fast) return { raw: fast.raw, warnings: [], lines: once(() => parseYaml(source, offset).lines) };
  const warnings: string[] = [];
  let result = parseYaml(source, offset);
  if (result.error && /^\t/m.test(source)) {
    const retabbed = parseYaml(
      source.replace(/^\t+/gm, (tabs) => '  '.repeat(tabs.length)),
      offset,
    );
    if (!retabbed.error) {
      warnings.push('kep.yaml indents with tabs, which YAML does not allow; read each tab as two spaces');
      result = retabbed;
    }
  }
  if (result.error) {
    warnings.push(`kep.yaml is not valid YAML (${result.error}); its fields could not be read`);
    return { raw: undefined, warnings };
  }
  for (const duplicate of result.duplicates)
    warnings.push(`kep.yaml repeats a key (${duplicate}); the last value is used`);
  const { lines } = result;
  return { raw: result.raw, warnings, lines: () => lines };
}

async function listDir(path: string): Promise<Dirent[]> {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Directories under `keps/` (relative paths) that hold a kep.yaml, plus numbered ones that only have a README. */
async function findKepDirs(root: string): Promise<{ kepDirs: string[]; readmeOnly: string[] }> {
  const kepDirs: string[] = [];
  const readmeOnly: string[] = [];
  let level = ['keps'];
  while (level.length > 0) {
    const listed = await inParallel(level, async (relative) => ({
      relative,
      entries: await listDir(join(root, relative)),
    }));
    level = [];
    for (const { relative, entries } of listed) {
      const names = new Set(entries.map((e) => e.name));
      if (names.has('kep.yaml')) kepDirs.push(relative);
      else if (names.has('README.md') && directoryNumber(basename(relative)) !== null)
        readmeOnly.push(relative);
      for (const entry of entries) {
        const child = `${relative}/${entry.name}`;
        if (entry.isDirectory() && child !== 'keps/prod-readiness') level.push(child);
      }
    }
  }
  return { kepDirs: kepDirs.sort(), readmeOnly: readmeOnly.sort() };
}

/** Files read at once: enough to keep the thread pool busy, few enough to stay far from the fd limit. */
const readsAtOnce = 16;

/** `fn` over `items`, at most `readsAtOnce` at a time; the results in the order of `items`. */
async function inParallel<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(readsAtOnce, items.length) }, worker));
  return results;
}

interface PrrFile {
  path: string;
  read: KepYamlRead;
}

/** `keps/prod-readiness/<sig>/<number>.yaml`, keyed `<sig>/<number>` (number without leading zeros). */
async function readPrrFiles(root: string, warnings: Warning[]): Promise<Map<string, PrrFile>> {
  const sigs = (await listDir(join(root, 'keps/prod-readiness'))).filter(
    (sig) => sig.isDirectory() && sig.name !== 'template',
  );
  const listed = await inParallel(sigs, async (sig) => ({
    sig: sig.name,
    entries: await listDir(join(root, 'keps/prod-readiness', sig.name)),
  }));
  const found: { key: string; path: string }[] = [];
  for (const { sig, entries } of listed) {
    for (const file of entries) {
      const match = /^(\d+)\.ya?ml$/.exec(file.name);
      const path = `keps/prod-readiness/${sig}/${file.name}`;
      if (!file.isFile()) continue;
      if (!match) {
        warnings.push({ source: path, message: 'PRR file name is not <kep-number>.yaml; ignored' });
        continue;
      }
      found.push({ key: `${sig}/${Number(match[1])}`, path });
    }
  }
  const texts = await inParallel(found, ({ path }) => readText8(join(root, path)));
  const files = new Map<string, PrrFile>();
  found.forEach(({ key, path }, i) => {
    const text = texts[i]!;
    const read = text.error ? { raw: undefined, warnings: [text.error] } : parseKepYaml(text.text);
    files.set(key, { path, read });
  });
  return files;
}

async function readText8(path: string): Promise<{ text: string; error: string | null }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { text: '', error: 'is not a regular file; it could not be read' };
    if (info.size > maxFileBytes)
      return { text: '', error: `is ${info.size} bytes, too large to be a KEP file; not read` };
    return { text: await readFile(path, 'utf8'), error: null };
  } catch (error) {
    return {
      text: '',
      error: `could not be read (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

function readOneKep(
  path: string,
  file: { text: string; error: string | null },
  prr: Map<string, PrrFile>,
  used: Set<string>,
  knownSigs?: ReadonlySet<string>,
): { kep: Kep; lines: (() => Record<string, number>) | null } | null {
  const read = file.error
    ? { raw: undefined, warnings: [`kep.yaml ${file.error}`] }
    : parseKepYaml(file.text);
  if (isKepTemplate(path, read.raw)) return null;
  const fields =
    typeof read.raw === 'object' && read.raw !== null ? (read.raw as Record<string, unknown>) : {};
  const number = readKepNumber(fields['kep-number'], basename(path)).number;
  const key = `${readText(fields['owning-sig'])}/${number}`;
  const prrFile = prr.get(key);
  if (prrFile) used.add(key);
  const prrWarnings = (prrFile?.read.warnings ?? []).map(
    (w) => `PRR file ${prrFile?.path}: ${w.replace(/^kep\.yaml /, 'it ')}`,
  );
  const kep = normalizeKep({
    path,
    raw: read.raw,
    ...(prrFile ? { prr: prrFile.read.raw ?? null, prrPath: prrFile.path } : {}),
    ...(knownSigs ? { knownSigs } : {}),
    readWarnings: [...read.warnings, ...prrWarnings],
    ...(read.lines ? { lines: read.lines } : {}),
  });
  return { kep, lines: read.lines ?? null };
}

async function assertCheckout(root: string): Promise<void> {
  const hint = 'pass the root of a kubernetes/enhancements checkout (the folder that holds keps/)';
  const info = await stat(root).catch(() => null);
  if (!info) throw new CheckoutError(`${root} does not exist; ${hint}`);
  if (!info.isDirectory()) throw new CheckoutError(`${root} is not a folder; ${hint}`);
  const keps = await stat(join(root, 'keps')).catch(() => null);
  if (keps?.isDirectory()) return;
  const parentHint = basename(root) === 'keps' ? ` (${root} looks like keps/ itself: pass its parent)` : '';
  throw new CheckoutError(`${root} has no keps/ folder${parentHint}; ${hint}`);
}

/**
 * Reads every `keps/**\/kep.yaml` of a kubernetes/enhancements checkout rooted at `root`, skipping
 * `keps/prod-readiness/` and templates, joining each KEP's PRR file. Sorted by path. Bad files become
 * warnings, never errors; only a missing checkout throws (`CheckoutError`).
 */
export async function readKepsFromCheckout(
  root: string,
  options: CheckoutOptions = {},
): Promise<CheckoutRead> {
  await assertCheckout(root);
  const warnings: Warning[] = [];
  const knownSigs = options.knownSigs ? new Set(options.knownSigs) : undefined;
  const prr = await readPrrFiles(root, warnings);
  const { kepDirs, readmeOnly } = await findKepDirs(root);
  for (const dir of readmeOnly) {
    warnings.push({
      source: dir,
      message: 'has a README.md but no kep.yaml (metadata file missing); not read as a KEP',
    });
  }
  const used = new Set<string>();
  const keps: Kep[] = [];
  const linesOf = new Map<string, () => Record<string, number>>();
  const files = await inParallel(kepDirs, (path) => readText8(join(root, path, 'kep.yaml')));
  for (const [i, path] of kepDirs.entries()) {
    const read = readOneKep(path, files[i]!, prr, used, knownSigs);
    if (!read) continue;
    keps.push(read.kep);
    if (read.lines) linesOf.set(path, read.lines);
  }
  // the line of `kep-number` only where a warning names it: the folders sharing a number
  const numberLines = new Map<string, number>();
  for (const path of [...duplicateNumbers(keps).values()].flat()) {
    const line = linesOf.get(path)?.()['kep-number'];
    if (line !== undefined) numberLines.set(path, line);
  }
  warnings.push(...duplicateNumberWarnings(keps, numberLines));
  for (const [key, file] of prr) {
    if (!used.has(key))
      warnings.push({
        source: file.path,
        message: `PRR file has no KEP owned by ${key.split('/')[0]} with that number`,
      });
  }
  return { keps, warnings };
}
