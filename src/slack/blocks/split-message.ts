/**
 * Overflow for long Block Kit content: instead of cutting, spread it over several messages (the
 * first is the parent, the rest are posted as thread replies) and split blocks that are too big
 * for Slack into several blocks of the same kind. Nothing is ever dropped.
 */
import type { ActionsBlock, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import { countChars, safePrefix } from '../escape.ts';
import { LIMITS } from './block-limits.ts';

/** How much one message may hold. */
export interface SplitOptions {
  /** Blocks per message; at most Slack's 50 (the default). */
  maxBlocks?: number;
  /**
   * Characters of text (summed over every text object) per message. Slack has no documented
   * per-message total for blocks; the default keeps each message readable on a phone and far
   * from the 40,000-character ceiling of a message. A value below 3000 also shrinks sections.
   */
  maxChars?: number;
}

/** Default for {@link SplitOptions.maxChars}. */
export const DEFAULT_MAX_CHARS = 12_000;

const FENCE = '```';

/**
 * Splits `blocks` into messages that each respect Slack's limits: the first array is the parent
 * message, the others its thread replies. Sections over 3000 characters are split at line
 * boundaries (a code block cut in two is closed and reopened), sections with more than 10 fields,
 * contexts with more than 10 elements and action rows with more than 25 elements are split into
 * several blocks of the same kind; a header is never left as the last block of a message when
 * what it heads moved on. Continuation blocks get `block_id` `<id>.<n>` when the original had one.
 * Returns `[]` for no blocks.
 */
export function splitBlocks(blocks: readonly KnownBlock[], options: SplitOptions = {}): KnownBlock[][] {
  const maxBlocks = bounded(options.maxBlocks, LIMITS.messageBlocks, LIMITS.messageBlocks);
  const maxChars = bounded(options.maxChars, DEFAULT_MAX_CHARS, Number.POSITIVE_INFINITY);
  const sectionLimit = Math.min(LIMITS.sectionText, Math.max(maxChars, 20));
  const fieldLimit = Math.min(LIMITS.sectionFieldText, sectionLimit);
  const pieces = blocks.flatMap((block) => splitBlock(block, sectionLimit, fieldLimit));
  return pack(pieces, maxBlocks, maxChars);
}

function bounded(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || !Number.isFinite(value) || value < 1) return fallback;
  return Math.min(Math.floor(value), max);
}

/** One block, or several of the same kind when it is over a limit. */
function splitBlock(block: KnownBlock, sectionLimit: number, fieldLimit: number): KnownBlock[] {
  switch (block.type) {
    case 'section':
      return withBlockIds(splitSection(block, sectionLimit, fieldLimit));
    case 'context':
      return withBlockIds(
        chunk(block.elements, LIMITS.contextElements).map(
          (elements): ContextBlock => ({ ...block, elements }),
        ),
      );
    case 'actions':
      return withBlockIds(
        chunk(block.elements, LIMITS.actionsElements).map(
          (elements): ActionsBlock => ({ ...block, elements }),
        ),
      );
    default:
      return [block];
  }
}

function splitSection(block: SectionBlock, sectionLimit: number, fieldLimit: number): SectionBlock[] {
  const { text, fields, accessory, ...rest } = block;
  const texts =
    text === undefined ? [] : splitText(text.text, sectionLimit).map((t) => ({ ...text, text: t }));
  const allFields = (fields ?? []).flatMap((f) =>
    splitText(f.text, fieldLimit).map((t) => ({ ...f, text: t })),
  );
  const sections: SectionBlock[] = texts.map((t) => ({ ...rest, text: t }));
  const fieldGroups = allFields.length === 0 ? [] : chunk(allFields, LIMITS.sectionFields);
  const last = sections.length - 1;
  if (fieldGroups.length > 0 && last >= 0)
    sections[last] = { ...sections[last]!, fields: fieldGroups.shift()! };
  for (const group of fieldGroups) sections.push({ ...rest, fields: group });
  if (sections.length === 0) return [block];
  if (accessory !== undefined) sections[0] = { ...sections[0]!, accessory };
  return sections;
}

/** Keeps the first piece's block_id and gives later pieces `<id>.<n>` so ids stay unique. */
function withBlockIds<B extends KnownBlock>(pieces: B[]): B[] {
  const id = pieces[0]?.block_id;
  if (id === undefined || pieces.length < 2) return pieces;
  return pieces.map((piece, i) => {
    if (i === 0) return piece;
    const suffix = `.${i}`;
    return { ...piece, block_id: `${safePrefix(id, LIMITS.blockId - suffix.length)}${suffix}` };
  });
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  if (list.length === 0) return [[]];
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** A run of text and whether a newline separated it from the previous run. */
interface Segment {
  text: string;
  newline: boolean;
}

/**
 * Splits text into pieces of at most `limit` code points, at line boundaries where possible,
 * else at a space, else at a code-point boundary that does not cut an entity or a `<…>` token.
 * Pieces rejoin to the original (with `\n` where a line ended); when a ``` code block spans a
 * cut, the piece is closed with ``` and the next reopened with it.
 */
export function splitText(text: string, limit: number): string[] {
  if (countChars(text) <= limit) return [text];
  const reopen = 2 * (FENCE.length + 1);
  const fenced = text.includes(FENCE) && limit > 2 * reopen;
  const budget = fenced ? limit - reopen : Math.max(1, Math.floor(limit));
  const segments = text
    .split('\n')
    .flatMap((line, i) =>
      cutLine(line, budget).map((part, j): Segment => ({ text: part, newline: i > 0 && j === 0 })),
    );
  return fenced ? packFenced(segments, budget) : packPlain(segments, budget);
}

// Both packers keep the running length of `current` in code points, so packing is linear in the text.
function packPlain(segments: readonly Segment[], budget: number): string[] {
  const out: string[] = [];
  let current: string | undefined;
  let chars = 0;
  for (const seg of segments) {
    const segChars = countChars(seg.text);
    const joinedChars = current === undefined ? segChars : chars + (seg.newline ? 1 : 0) + segChars;
    if (current !== undefined && joinedChars > budget) {
      out.push(current);
      current = seg.text;
      chars = segChars;
    } else {
      current = current === undefined ? seg.text : `${current}${seg.newline ? '\n' : ''}${seg.text}`;
      chars = joinedChars;
    }
  }
  if (current !== undefined) out.push(current);
  return out;
}

function packFenced(segments: readonly Segment[], budget: number): string[] {
  const out: string[] = [];
  let current: string | undefined;
  let chars = 0;
  let open = false; // inside a code block at the end of `current`
  for (const seg of segments) {
    const segChars = countChars(seg.text);
    const joinedChars = current === undefined ? segChars : chars + (seg.newline ? 1 : 0) + segChars;
    if (current !== undefined && joinedChars > budget) {
      out.push(open ? `${current}\n${FENCE}` : current);
      current = open ? `${FENCE}\n${seg.text}` : seg.text;
      chars = open ? FENCE.length + 1 + segChars : segChars;
    } else {
      current = current === undefined ? seg.text : `${current}${seg.newline ? '\n' : ''}${seg.text}`;
      chars = joinedChars;
    }
    if (countFences(seg.text) % 2 === 1) open = !open;
  }
  if (current !== undefined) out.push(current);
  return out;
}

function countFences(line: string): number {
  return line.split(FENCE).length - 1;
}

/** A line longer than `max` becomes several runs; a short line stays whole. */
function cutLine(line: string, max: number): string[] {
  const parts: string[] = [];
  let rest = line;
  while (countChars(rest) > max) {
    const head = breakAtSpace(safePrefix(rest, max));
    parts.push(head);
    rest = rest.slice(head.length);
  }
  parts.push(rest);
  return parts;
}

/** Ends the piece after the last space in its second half, if there is one. */
function breakAtSpace(head: string): string {
  const space = head.lastIndexOf(' ');
  return space >= head.length / 2 ? head.slice(0, space + 1) : head;
}

/** Groups blocks into messages under both budgets; a header moves on with what it heads. */
function pack(blocks: readonly KnownBlock[], maxBlocks: number, maxChars: number): KnownBlock[][] {
  const messages: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  let chars = 0;
  for (const block of blocks) {
    const size = blockChars(block);
    if (current.length > 0 && (current.length >= maxBlocks || chars + size > maxChars)) {
      const carried =
        maxBlocks > 1 && current.length > 1 && current.at(-1)?.type === 'header' ? current.pop() : undefined;
      messages.push(current);
      current = carried === undefined ? [] : [carried];
      chars = carried === undefined ? 0 : blockChars(carried);
    }
    current.push(block);
    chars += size;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/** Characters of text in a block: every `text` of a plain_text or mrkdwn object inside it. */
export function blockChars(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + blockChars(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  const obj = value as Record<string, unknown>;
  const own =
    (obj.type === 'plain_text' || obj.type === 'mrkdwn') && typeof obj.text === 'string'
      ? countChars(obj.text)
      : 0;
  let nested = 0;
  for (const [key, child] of Object.entries(obj))
    if (key !== 'text' || typeof child !== 'string') nested += blockChars(child);
  return own + nested;
}
