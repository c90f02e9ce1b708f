/**
 * The release tracking board's fields. The board is a GitHub Project whose single-select fields the
 * release team sets per KEP issue: Status, Stage, SIG and PRR status. Field names are matched without
 * regard to case, spaces or dashes, so `PRR Status`, `PRR status` and `prr-status` are one field.
 */

/** Statuses the enhancements team uses on the board (others are kept as written). */
export const boardStatuses = [
  'Tracked for Enhancements Freeze',
  'At Risk for Enhancements Freeze',
  'Tracked for Code Freeze',
  'At Risk for Code Freeze',
  'Tracked for Docs Freeze',
  'Removed From Milestone',
  'Exception Approved',
  'Deferred',
] as const;

/** One field value of a board item, as read from GitHub. */
export interface BoardFieldValue {
  field: string;
  value: string;
}

/** The fields drumbeat reads from a board item. */
export interface BoardFields {
  status: string | null;
  stage: string | null;
  sig: string | null;
  prrStatus: string | null;
  /** Every field by its name as written on the board (the last value wins for a repeated name). */
  fields: Record<string, string>;
}

const aliases: Record<keyof Omit<BoardFields, 'fields'>, string[]> = {
  status: ['status'],
  stage: ['stage'],
  sig: ['sig', 'owningsig'],
  prrStatus: ['prrstatus', 'prr'],
};

function fieldKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

/** Reads Status, Stage, SIG and PRR status out of a board item's field values (blank values are none). */
export function readBoardFields(values: BoardFieldValue[]): BoardFields {
  const fields: Record<string, string> = {};
  const byKey = new Map<string, string>();
  for (const { field, value } of values) {
    const text = value.trim();
    if (!field.trim() || !text) continue;
    fields[field] = text;
    byKey.set(fieldKey(field), text);
  }
  const pick = (names: string[]) => names.map((n) => byKey.get(n)).find((v) => v !== undefined) ?? null;
  return {
    status: pick(aliases.status),
    stage: pick(aliases.stage),
    sig: pick(aliases.sig),
    prrStatus: pick(aliases.prrStatus),
    fields,
  };
}
