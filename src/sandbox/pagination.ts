import type { Args } from './api-args.ts';
import { fail } from './api-error.ts';

/** A page of a list and the cursor for the next one ('' when there is none), as Slack paginates. */
export interface Page<T> {
  items: T[];
  nextCursor: string;
}

/**
 * Cuts one page out of `items` using Slack's `cursor` and `limit` arguments. Cursors are opaque
 * base64 strings (here of `offset:N`); a cursor this emulator did not issue fails with `invalid_cursor`.
 */
export function paginate<T>(items: T[], args: Args, defaults: { limit: number; max: number }): Page<T> {
  const limit = readLimit(args, defaults);
  const start = readCursor(args.cursor);
  const end = Math.min(items.length, start + limit);
  const nextCursor = end < items.length ? encodeCursor(end) : '';
  return { items: items.slice(start, end), nextCursor };
}

/** Reads `limit`: absent or 0 means the default; above `max` is clamped; anything else fails with `invalid_limit`. */
export function readLimit(args: Args, defaults: { limit: number; max: number }): number {
  const raw = args.limit;
  if (raw === undefined || raw === '' || raw === null) return defaults.limit;
  const n = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(n) || n < 0)
    fail('invalid_limit', `[ERROR] limit: "${String(raw)}" is not a whole number`);
  if (n === 0) return defaults.limit;
  return Math.min(n, defaults.max);
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function readCursor(raw: unknown): number {
  if (raw === undefined || raw === '' || raw === null) return 0;
  const decoded = typeof raw === 'string' ? Buffer.from(raw, 'base64').toString('utf8') : '';
  const match = /^offset:(\d+)$/.exec(decoded);
  if (!match)
    return fail('invalid_cursor', `[ERROR] cursor: "${String(raw)}" was not issued by this workspace`);
  return Number(match[1]);
}
