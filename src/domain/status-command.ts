import { type KepState, kepStates, parseKepState } from './kep-state.ts';

/** What blocks a KEP: another KEP, a SIG, or a named party ("API review"). */
export type BlockerRef =
  | { type: 'kep'; kep: number }
  | { type: 'sig'; sig: string }
  | { type: 'party'; name: string };

export type StatusCommand =
  | { kind: 'modal' }
  | { kind: 'help' }
  | { kind: 'blockers' }
  | { kind: 'sig'; sig: string }
  | { kind: 'card'; kep: number }
  | {
      kind: 'update';
      kep: number;
      state: KepState;
      confidence: number | null;
      /** The increment named on the line (`inc 3`), or null: then the plan or the calendar decides. */
      increment: number | null;
      note: string;
      blockers: BlockerRef[];
    }
  | { kind: 'error'; problem: string };

export const maxNoteLength = 2000;
const maxKepNumber = 99_999_999;

const sigPattern = /^(?:sig|wg|ug|committee)-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const enhancementsUrl =
  /^<?https?:\/\/github\.com\/kubernetes\/enhancements\/(?:issues|pull)\/(\d+)\/?(?:[?#][^|>]*)?(?:\|[^>]*)?>?$/i;

/** A KEP reference as people write it: `4222`, `#4222`, `KEP-4222`, `kep 4222` (joined) or an issue URL. */
export function parseKepRef(token: string): number | null {
  const text = token.trim();
  const url = enhancementsUrl.exec(text);
  const digits = url ? url[1] : /^(?:#|kep[-#]?)?(\d+)$/i.exec(text)?.[1];
  if (!digits) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) && n > 0 && n <= maxKepNumber ? n : null;
}

export function isSigDir(token: string): boolean {
  return sigPattern.test(token.trim().toLowerCase());
}

/** `60%` → 60; null when the token is not a percentage; NaN when it is one but out of 0–100. */
/** A word that is meant as a confidence (`80%`, `-5%`, `12.5%`, `150%`), valid or not. */
const looksLikePercent = /^[-+\u2212]?\d[\d.,]*%$/;

/** The confidence a word gives: a whole percent 0–100; NaN when it looks like one but is not; else null. */
function parsePercent(token: string): number | null {
  if (!looksLikePercent.test(token)) return null;
  const m = /^(\d{1,4})%$/.exec(token);
  const n = m ? Number(m[1]) : Number.NaN;
  return n <= 100 ? n : Number.NaN;
}

const blockerPhrase = /\b(?:blocked\s+(?:by|on)|waiting\s+(?:on|for)|depends\s+on)\s+(.+)$/i;

/**
 * Finds what a note says blocks the KEP: `blocked by #1234`, `blocked on sig-auth and KEP-12`,
 * `waiting on API review`. A phrase naming neither KEPs nor SIGs becomes a free-text party,
 * but only when the state is `blocked` (so "waiting on review" in an on-track note records nothing).
 */
export function parseBlockers(note: string, state: KepState): BlockerRef[] {
  const match = blockerPhrase.exec(note);
  if (!match) return [];
  // A sentence ends at `;`, a newline, or a full stop followed by a space (URLs keep their dots).
  const phrase = match[1]!.split(/[;\n]|\.(?=\s|$)/)[0]!.trim();
  const refs: BlockerRef[] = [];
  const words = phrase.replace(/\bkep\s+(?=\d)/gi, 'KEP-').split(/\s*(?:,|\band\b|&|\+)\s*|\s+/i);
  for (const raw of words) {
    const token = raw.trim();
    const kep = parseKepRef(token);
    if (kep !== null) refs.push({ type: 'kep', kep });
    else if (isSigDir(token)) refs.push({ type: 'sig', sig: token.toLowerCase() });
  }
  if (refs.length === 0 && state === 'blocked' && phrase.length > 0) {
    refs.push({ type: 'party', name: phrase.slice(0, 200) });
  }
  return dedupe(refs);
}

function dedupe(refs: BlockerRef[]): BlockerRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The grammar of `/kep-status`:
 * (nothing) · `help` · `blockers` · `<sig-dir>` · `<kep>` · `<kep> <state> [NN%] [inc N] [note…]`.
 * Never throws: anything it cannot read is an `error` naming exactly what was not understood.
 */
export function parseStatusCommand(input: string): StatusCommand {
  // Control characters other than newlines and tabs have no business in a command.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  const text = input.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
  if (text === '') return { kind: 'modal' };
  if (text.length > maxNoteLength + 200) {
    return {
      kind: 'error',
      problem: `the command is ${text.length} characters long; a note may be at most ${maxNoteLength}`,
    };
  }
  const tokens = text.split(/\s+/);
  const first = tokens[0]!;
  const lower = first.toLowerCase();
  if (tokens.length === 1 && ['help', '?', '-h', '--help'].includes(lower)) return { kind: 'help' };
  if (tokens.length === 1 && lower === 'blockers') return { kind: 'blockers' };
  if (isSigDir(lower)) {
    return tokens.length === 1
      ? { kind: 'sig', sig: lower }
      : {
          kind: 'error',
          problem: `"${first}" is a SIG; to list its KEPs send just \`/kep-status ${lower}\``,
        };
  }
  const kep = parseKepRef(first);
  if (kep === null) {
    return {
      kind: 'error',
      problem: `"${clip(first)}" is not a KEP number (like 4222, #4222 or KEP-4222), a SIG (like sig-node), \`help\` or \`blockers\``,
    };
  }
  if (tokens.length === 1) return { kind: 'card', kep };
  return parseUpdate(kep, text.slice(first.length).trim());
}

function parseUpdate(kep: number, rest: string): StatusCommand {
  const twoWords = /^(\S+\s+\S+)(?=\s|$)/.exec(rest)?.[1];
  const oneWord = /^\S+/.exec(rest)![0];
  const twoState = twoWords ? parseKepState(twoWords) : null;
  const state = twoState ?? parseKepState(oneWord);
  if (!state) {
    return {
      kind: 'error',
      problem: `"${clip(oneWord)}" is not a state; use one of ${kepStates.join(', ')}`,
    };
  }
  const options = readOptions(rest.slice((twoState ? twoWords! : oneWord).length).trimStart());
  if ('problem' in options) return { kind: 'error', problem: options.problem };
  const { confidence, increment, remaining } = options;
  const note = remaining.trim();
  if (note.length > maxNoteLength) {
    return {
      kind: 'error',
      problem: `the note is ${note.length} characters long; at most ${maxNoteLength} are allowed`,
    };
  }
  return {
    kind: 'update',
    kep,
    state,
    confidence,
    increment,
    note,
    blockers: parseBlockers(note, state),
  };
}

interface LineOptions {
  confidence: number | null;
  increment: number | null;
  remaining: string;
}

/** `inc 3`, `inc3`, `increment 3`: only with digits, so a note may start with "increase…". */
const incrementWord = /^(?:inc|increment)\s*(\d+)(?=\s|$)/i;

/** `NN%` and `inc N` right after the state, in either order, each at most once; the rest is the note. */
function readOptions(text: string): LineOptions | { problem: string } {
  const found: LineOptions = { confidence: null, increment: null, remaining: text };
  for (let i = 0; i < 2; i += 1) {
    const word = /^\S+/.exec(found.remaining)?.[0];
    if (word === undefined) break;
    const percent = found.confidence === null ? parsePercent(word) : null;
    if (percent !== null) {
      if (Number.isNaN(percent))
        return { problem: `confidence "${clip(word)}" must be a whole number between 0% and 100%, like 80%` };
      found.confidence = percent;
      found.remaining = found.remaining.slice(word.length).trimStart();
      continue;
    }
    const inc = found.increment === null ? readIncrement(found.remaining) : null;
    if (inc === null) break;
    if ('problem' in inc) return inc;
    found.increment = inc.increment;
    found.remaining = found.remaining.slice(inc.length).trimStart();
  }
  return found;
}

/** The increment (1-based) the remaining work lands in, when the line names one. */
function readIncrement(text: string): { increment: number; length: number } | { problem: string } | null {
  const match = incrementWord.exec(text);
  if (!match) return null;
  const increment = Number(match[1]);
  if (increment < 1 || increment > 99)
    return { problem: `increment "${clip(match[1]!)}" must be a whole number from 1, like \`inc 3\`` };
  return { increment, length: match[0].length };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
