/**
 * Reads kubernetes/community's `communication/slack-config/users.yaml`: a `users:` mapping of GitHub
 * login → Slack user ID. Entries that are not a login and an ID are skipped with a warning that names
 * the line; a file that is not that shape at all is an ImportError.
 */
import { isMap, isScalar, LineCounter, type Pair, parseDocument } from 'yaml';
import type { Warning } from '../domain/types.ts';
import { ImportError } from './import-sigs.ts';
import { checkGithubLogin, checkSlackUser } from './value-formats.ts';

/** One imported login → Slack ID, with the line it is on. */
export interface ImportedPerson {
  github: string;
  slack: string;
  line: number;
}

export interface PeopleImport {
  people: ImportedPerson[];
  warnings: Warning[];
}

function scalarText(node: unknown): string | null {
  if (!isScalar(node)) return null;
  const value = node.value;
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : null;
}

function rootUsers(text: string, source: string, lines: LineCounter) {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const line = lines.linePos(error.pos[0]).line;
    throw new ImportError(
      `${source}:${line} is not valid YAML (${error.message.split('\n')[0]}); pass kubernetes/community's slack-config/users.yaml`,
    );
  }
  const users = isMap(doc.contents) ? doc.contents.get('users', true) : undefined;
  if (!isMap(users)) {
    throw new ImportError(
      `${source} does not look like kubernetes/community's slack-config/users.yaml (no top-level "users:" mapping of GitHub login → Slack user ID); pass that file`,
    );
  }
  return users.items as Pair[];
}

/** The entry, or why it is skipped. */
function readEntry(pair: Pair, seen: Map<string, number>): { github: string; slack: string } | string {
  const github = scalarText(pair.key);
  const slack = scalarText(pair.value);
  if (github === null || checkGithubLogin(github) !== null)
    return `"${github ?? '?'}" is not a GitHub login; entry skipped`;
  if (slack === null || checkSlackUser(slack) !== null)
    return `${github}: "${slack ?? '?'}" is not a Slack user ID (U… or W…); entry skipped`;
  const first = seen.get(github.toLowerCase());
  if (first !== undefined) return `${github} is listed again (first on line ${first}); the first is kept`;
  return { github, slack };
}

/** Reads the file. Pure: `source` is only used in messages. */
export function parseSlackUsers(text: string, source: string): PeopleImport {
  const lines = new LineCounter();
  const people: ImportedPerson[] = [];
  const warnings: Warning[] = [];
  const seen = new Map<string, number>();
  for (const pair of rootUsers(text, source, lines)) {
    const line = lines.linePos((pair.key as { range?: [number] } | null)?.range?.[0] ?? 0).line;
    const entry = readEntry(pair, seen);
    if (typeof entry === 'string') {
      warnings.push({ source: `${source}:${line}`, message: entry });
      continue;
    }
    seen.set(entry.github.toLowerCase(), line);
    people.push({ ...entry, line });
  }
  return { people, warnings };
}
