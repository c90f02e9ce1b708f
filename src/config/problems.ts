/** One thing wrong (or worth a warning) in a config file or a file it imports. */
export interface ConfigProblem {
  /** The file as the user named it (`drumbeat.yaml`, `community/sigs.yaml`). */
  file: string;
  /** 1-based; null when the problem is about the whole file (too big, not text). */
  line: number | null;
  column: number | null;
  /** Key path in the config, e.g. `sigs.overrides.sig-node.channel` or `people[2].slack`; `` for the file. */
  path: string;
  /** What is wrong and what would be valid. */
  message: string;
}

/** A key path as zod and the YAML library see it. */
export type KeyPath = ReadonlyArray<string | number>;

const plainKey = /^[A-Za-z0-9_-]+$/;

/** `['sigs', 'overrides', 'sig-node', 'channel']` → `sigs.overrides.sig-node.channel`; `['people', 2]` → `people[2]`. */
export function formatPath(path: KeyPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (plainKey.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** `drumbeat.yaml:14:7 sigs.overrides.sig-node.channel: expected …, got "sig-node"`. */
export function formatProblem(problem: ConfigProblem): string {
  const where =
    problem.line === null ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  return problem.path === ''
    ? `${where}: ${problem.message}`
    : `${where} ${problem.path}: ${problem.message}`;
}

/** How a value looked, for "got …" in messages: strings quoted and cut short, containers named. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return `a list (${value.length} item${value.length === 1 ? '' : 's'})`;
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** Levenshtein distance, small inputs only (key names, SIG dirs). */
function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The closest candidate to `word` when it is close enough to be a likely typo, else null. */
export function closestMatch(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best !== null && bestDistance <= limit ? best : null;
}
