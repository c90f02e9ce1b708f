/**
 * Turns config text into plain data without trusting it: size, binary, nesting and alias limits come
 * first, then the YAML parser, and every node keeps its position so problems can name line and column.
 */
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
} from 'yaml';
import type { ConfigProblem, KeyPath } from './problems.ts';

/** Hard limits for hostile input. */
export interface YamlLimits {
  /** Bytes of UTF-8; larger files are refused before parsing. */
  maxBytes: number;
  /** Nesting of `[`/`{` flow collections; a deeper document is refused before parsing. */
  maxFlowDepth: number;
  /** Alias (`*name`) expansions allowed when building the data (billion-laughs guard). */
  maxAliasCount: number;
}

export const defaultYamlLimits: YamlLimits = { maxBytes: 1_048_576, maxFlowDepth: 64, maxAliasCount: 100 };

/** A parsed YAML file: its data and what is needed to find any key path in it. */
export interface YamlSource {
  file: string;
  data: unknown;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export type YamlParseResult = { ok: true; source: YamlSource } | { ok: false; problems: ConfigProblem[] };

interface Position {
  line: number;
  column: number;
}

function positionOf(lineCounter: LineCounter, offset: number): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** Line and column of an offset in raw text (used before a LineCounter exists). */
function textPosition(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function problemAt(file: string, at: Position | null, message: string): ConfigProblem {
  return { file, line: at?.line ?? null, column: at?.column ?? null, path: '', message };
}

/** Index of the first character no YAML text has (C0 controls other than tab/LF/CR, DEL, U+FFFD), or -1. */
function binaryAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    if (control || code === 0x7f || code === 0xfffd) return i;
  }
  return -1;
}

/** Offset where flow nesting first passes `limit`, or -1. Skips comments and double-quoted text. */
function tooDeepAt(text: string, limit: number): number {
  let depth = 0;
  let inComment = false;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inComment) inComment = c !== '\n';
    else if (inQuotes) {
      if (c === '\\') i++;
      else if (c === '"') inQuotes = false;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) inComment = true;
    else if (c === '"') inQuotes = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth > limit) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return -1;
}

/** Problems found without parsing: size, binary content, runaway nesting. */
function precheck(text: string, file: string, limits: YamlLimits): ConfigProblem[] {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) {
    const message = `the file is ${bytes} bytes, over the limit of ${limits.maxBytes}; a drumbeat config is a few kilobytes — is this the right file?`;
    return [problemAt(file, null, message)];
  }
  const binary = binaryAt(text);
  if (binary >= 0) {
    const code = text.charCodeAt(binary).toString(16).toUpperCase().padStart(4, '0');
    const message = `the file contains binary data (character U+${code}); the config must be UTF-8 YAML text`;
    return [problemAt(file, textPosition(text, binary), message)];
  }
  const deep = tooDeepAt(text, limits.maxFlowDepth);
  if (deep >= 0) {
    const message = `collections are nested more than ${limits.maxFlowDepth} levels deep; a config never needs that — check the brackets`;
    return [problemAt(file, textPosition(text, deep), message)];
  }
  return [];
}

const friendlyYamlErrors: Partial<Record<string, string>> = {
  DUPLICATE_KEY: 'this key appears twice in the same mapping; keep one (YAML would silently use the last)',
  TAB_AS_INDENT: 'tabs are not allowed for indentation in YAML; indent with spaces',
  MULTIPLE_DOCS: 'the file holds more than one YAML document (a second `---`); keep a single document',
  TAG_RESOLVE_FAILED: 'unknown YAML tag (`!!…`); write plain values without tags',
};

function yamlErrorMessage(code: string, message: string, snippet = ''): string {
  if (/call stack/i.test(message))
    return 'the document is nested too deeply to read; a config never needs that';
  if (code === 'DUPLICATE_KEY' && snippet !== '' && snippet.length <= 60) {
    return `key "${snippet}" appears twice in the same mapping; keep one (YAML would silently use the last)`;
  }
  const friendly = friendlyYamlErrors[code];
  const firstLine = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return friendly ?? `YAML syntax error: ${firstLine}`;
}

/** The key text written at `offset` (up to its colon), for messages. */
function keyAt(text: string, offset: number): string {
  return (/^[^:\n,{}[\]]*/.exec(text.slice(offset, offset + 80))?.[0] ?? '').trim();
}

function firstAliasOffset(doc: Document.Parsed): number | null {
  let offset: number | null = null;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? null;
      return visit.BREAK;
    },
  });
  return offset;
}

function toData(doc: Document.Parsed, lineCounter: LineCounter, file: string, limits: YamlLimits) {
  try {
    return { ok: true as const, data: doc.toJS({ maxAliasCount: limits.maxAliasCount }) as unknown };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(text)) {
      const offset = firstAliasOffset(doc);
      const message = `aliases (*name) expand to too much data (over ${limits.maxAliasCount} expansions) — this looks like a "billion laughs" document; use fewer aliases`;
      return {
        ok: false as const,
        problem: problemAt(file, offset === null ? null : positionOf(lineCounter, offset), message),
      };
    }
    return { ok: false as const, problem: problemAt(file, null, yamlErrorMessage('', text)) };
  }
}

function isEmptyDocument(doc: Document.Parsed): boolean {
  return doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null);
}

/** Parses YAML text into plain data, or says everything that is wrong with it as text. Never throws. */
export function parseYamlSafely(
  text: string,
  file: string,
  limits: YamlLimits = defaultYamlLimits,
): YamlParseResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const early = precheck(body, file, limits);
  if (early.length > 0) return { ok: false, problems: early };
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(body, {
      lineCounter,
      uniqueKeys: true,
      prettyErrors: false,
      strict: true,
      merge: true,
    });
  } catch (error) {
    return { ok: false, problems: [problemAt(file, null, yamlErrorMessage('', String(error)))] };
  }
  const errors = [...doc.errors, ...doc.warnings];
  if (errors.length > 0) {
    const problems = errors.map((e) =>
      problemAt(
        file,
        positionOf(lineCounter, e.pos[0]),
        yamlErrorMessage(e.code, e.message, keyAt(body, e.pos[0])),
      ),
    );
    return { ok: false, problems };
  }
  if (isEmptyDocument(doc)) {
    const message =
      'the file is empty; start from drumbeat.example.yaml (workspace, release and sigs are required)';
    return { ok: false, problems: [problemAt(file, null, message)] };
  }
  const built = toData(doc, lineCounter, file, limits);
  if (!built.ok) return { ok: false, problems: [built.problem] };
  return { ok: true, source: { file, data: built.data, doc, lineCounter } };
}

function childOf(node: Node, segment: string | number) {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
    if (!pair) return null;
    const at = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    return { at, node: (pair.value ?? null) as Node | null };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = (node.items[segment] ?? null) as Node | null;
    if (!item) return null;
    return { at: item.range?.[0], node: item };
  }
  return null;
}

/**
 * Where a key path is written: the key of a mapping entry, or the item of a list. When the path does not
 * exist (a missing key, a value that came from a merge), the nearest parent that does.
 */
export function locate(source: YamlSource, path: KeyPath): Position | null {
  let node = source.doc.contents as Node | null;
  let offset = node?.range?.[0] ?? null;
  for (const segment of path) {
    if (node && isAlias(node)) node = (node.resolve(source.doc) ?? null) as Node | null;
    if (!node) break;
    const child = childOf(node, segment);
    if (!child) break;
    if (child.at !== undefined) offset = child.at;
    node = child.node;
  }
  return offset === null ? null : positionOf(source.lineCounter, offset);
}
