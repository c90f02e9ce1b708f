import { markdownToText } from '../domain/markdown-text.ts';
import { classifyMilestone, singleMilestoneKinds } from '../domain/milestone-kind.ts';
import { readMilestoneVersion } from '../domain/milestone-version.ts';
import type { CalendarMilestone, Warning } from '../domain/types.ts';
import { readWhenText } from '../domain/when-text.ts';
import { ImportError } from './import-sigs.ts';

export interface CalendarImport {
  /** `v1.35`, from the README's title when it names one. */
  release: string | null;
  milestones: CalendarMilestone[];
  warnings: Warning[];
}

interface Columns {
  what: number;
  when: number;
  who: number | null;
  week: number | null;
}

interface TableFound {
  columns: Columns;
  /** Index (0-based) of the first body line. */
  start: number;
}

const separatorRow = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function splitRow(line: string): string[] {
  const body = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return body.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, '|').trim());
}

function findColumn(headers: string[], pattern: RegExp): number | null {
  const index = headers.findIndex((header) => pattern.test(header));
  return index >= 0 ? index : null;
}

function readHeader(line: string): Columns | null {
  const headers = splitRow(line).map((cell) => markdownToText(cell).toLowerCase());
  const what = findColumn(
    headers,
    /^(?:what|milestones?|events?|activity|activities|items?|tasks?|description)$/,
  );
  const when = findColumn(headers, /^(?:when|dates?|deadlines?|date\b.*|when\b.*|time)$/);
  if (what === null || when === null) return null;
  return {
    what,
    when,
    who: findColumn(headers, /^(?:who|owners?|roles?|responsible)$/),
    week: findColumn(headers, /^weeks?\b/),
  };
}

/** The first What/When table under a "Timeline" or "Schedule" heading, else the first such table at all. */
function findTimeline(lines: string[]): TableFound | null {
  let heading = '';
  let fallback: TableFound | null = null;
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^#{1,6}\s/.test(line)) heading = line.toLowerCase();
    if (!line.includes('|') || !separatorRow.test(lines[i + 1] ?? '')) continue;
    const columns = readHeader(line);
    if (!columns) continue;
    const found = { columns, start: i + 2 };
    if (/timeline|schedule/.test(heading)) return found;
    fallback ??= found;
  }
  return fallback;
}

function readRelease(lines: string[]): string | null {
  const titled = lines.filter((line) => /^\s*(?:title:|#\s)/i.test(line));
  for (const line of [...titled, ...lines]) {
    const match = /(?:\bv|\bkubernetes\s+|\brelease-)(\d+\.\d+)\b/i.exec(line);
    const reading = match ? readMilestoneVersion(match[1]) : null;
    if (reading?.kind === 'release') return reading.version;
  }
  return null;
}

function readWeek(cell: string | undefined): number | null {
  const match = /\d+/.exec(markdownToText(cell ?? ''));
  return match ? Number(match[0]) : null;
}

function cell(cells: string[], index: number | null): string {
  return index === null ? '' : (cells[index] ?? '');
}

interface RowContext {
  year: number | null;
  warn: (line: number, message: string) => void;
}

function readRow(
  cells: string[],
  columns: Columns,
  lineNumber: number,
  context: RowContext,
): CalendarMilestone | null {
  const name = markdownToText(cell(cells, columns.what));
  const whenText = markdownToText(cell(cells, columns.when));
  if (!name && !whenText) return null;
  const when = readWhenText(whenText, context.year);
  for (const problem of when.problems) context.warn(lineNumber, `"${name}": ${problem}`);
  if (when.day) context.year = when.day.year;
  return {
    name,
    kind: classifyMilestone(name),
    who: markdownToText(cell(cells, columns.who)) || null,
    week: readWeek(cell(cells, columns.week)),
    at: when.at,
    date: when.date,
    endDate: when.endDate,
    aoe: when.aoe,
  };
}

function firstYear(lines: string[]): number | null {
  const match = /\b(20\d{2})\b/.exec(lines.join('\n'));
  return match ? Number(match[1]) : null;
}

function readTimelineRows(lines: string[], table: TableFound, warn: RowContext['warn']): CalendarMilestone[] {
  const body: [string, number][] = [];
  for (let i = table.start; i < lines.length && (lines[i] ?? '').includes('|'); i++)
    body.push([lines[i] ?? '', i + 1]);
  const context: RowContext = { year: firstYear(body.map(([line]) => line)) ?? firstYear(lines), warn };
  const rows = body.map(([line, number]) => readRow(splitRow(line), table.columns, number, context));
  return rows.filter((row): row is CalendarMilestone => row !== null);
}

/** `- **when**: Week N — what` bullets (continuation lines joined) of the `## Summary` section. */
function readSummary(lines: string[]): { when: string; what: string; line: number }[] {
  const start = lines.findIndex((line) => /^#{1,6}\s*summary\b/i.test(line));
  if (start < 0) return [];
  const bullets: { text: string; line: number }[] = [];
  for (let i = start + 1; i < lines.length && !/^#{1,6}\s/.test(lines[i] ?? ''); i++) {
    const line = lines[i] ?? '';
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const last = bullets[bullets.length - 1];
    if (bullet) bullets.push({ text: bullet[1] ?? '', line: i + 1 });
    else if (last && /^\s+\S/.test(line)) last.text += ` ${line.trim()}`;
  }
  return bullets.map(({ text, line }) => {
    const bold = /^\*\*(.+?)\*\*\s*:?\s*(.*)$/.exec(text);
    const split = bold ?? /^(.+?):\s+(.*)$/.exec(text);
    const what = markdownToText(split?.[2] ?? text).replace(/^week\s*\d+\s*[—–-]\s*/i, '');
    return { when: markdownToText(split?.[1] ?? ''), what, line };
  });
}

function sameTime(
  a: Pick<CalendarMilestone, 'at' | 'date'>,
  b: Pick<CalendarMilestone, 'at' | 'date'>,
): boolean {
  if (a.at && b.at) return a.at === b.at;
  return (a.date ?? a.at?.slice(0, 10)) === (b.date ?? b.at?.slice(0, 10));
}

function crossCheckSummary(lines: string[], milestones: CalendarMilestone[], warn: RowContext['warn']): void {
  const year = firstYear(lines);
  for (const bullet of readSummary(lines)) {
    const kind = classifyMilestone(bullet.what);
    const row = kind ? milestones.find((m) => m.kind === kind) : undefined;
    if (!row || !bullet.when) continue;
    const when = readWhenText(bullet.when, year);
    if ((!when.at && !when.date) || sameTime(when, row)) continue;
    const summary = when.at ?? when.date;
    const timeline = row.at ?? row.date ?? 'no date';
    warn(
      bullet.line,
      `the Summary gives ${row.name} as ${summary} but the Timeline as ${timeline}; using the Timeline`,
    );
  }
}

function checkSingleKinds(milestones: CalendarMilestone[], warn: RowContext['warn']): void {
  for (const kind of singleMilestoneKinds) {
    const rows = milestones.filter((m) => m.kind === kind);
    if (rows.length > 1)
      warn(0, `${rows.length} Timeline rows read as ${kind}: ${rows.map((r) => `"${r.name}"`).join(', ')}`);
  }
}

/**
 * Reads the Timeline table of a kubernetes/sig-release `releases/release-1.NN/README.md`. Pure.
 * The table is found by its header (What and When columns, under a Timeline/Schedule heading when there
 * is one). Throws `ImportError` only when there is no such table. Rows that cannot be dated are kept
 * (with `at` and `date` null) and reported.
 */
export function parseReleaseCalendar(markdown: string, source: string): CalendarImport {
  const lines = markdown.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const table = findTimeline(lines);
  if (!table) {
    throw new ImportError(
      `${source} has no Timeline table (a Markdown table with What and When columns); pass a kubernetes/sig-release releases/release-1.NN/README.md`,
    );
  }
  const warnings: Warning[] = [];
  const warn = (line: number, message: string) =>
    warnings.push({ source: line ? `${source}:${line}` : source, message });
  const milestones = readTimelineRows(lines, table, warn);
  if (milestones.length === 0) warn(table.start, 'the Timeline table has no rows');
  checkSingleKinds(milestones, warn);
  crossCheckSummary(lines, milestones, warn);
  return { release: readRelease(lines), milestones, warnings };
}
