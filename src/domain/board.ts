/**
 * The release tracking board's fields, as the enhancements handbook names them. The board is a GitHub
 * Project whose fields the release team sets per KEP issue: Status, Stage, Type, SIG, PRR Status,
 * Enhancements Contact, Note, and (from v1.36) the exception request fields. Field names come from the
 * config (defaults: the handbook's) and are matched without regard to case, spaces or dashes, so
 * `PRR Status`, `PRR status` and `prr-status` are one field.
 */

/**
 * The handbook's Status values (`enhancements-handbook.md`, "Status"), in its spelling. The board's
 * Status is the source of truth for a KEP's tracking Status whenever the board is synced.
 */
export const boardStatuses = [
  'Tracked for PRR Freeze',
  'At Risk for PRR Freeze',
  'Tracked for Enhancements Freeze',
  'At Risk for Enhancements Freeze',
  'Tracked for Code Freeze',
  'At Risk for Code Freeze',
  'Tracked for Docs Freeze',
  'At Risk for Docs Freeze',
  'Exception Pending',
  'Exception Approved',
  'Deferred',
  'Removed From Milestone',
] as const;
export type BoardStatus = (typeof boardStatuses)[number];

/** Case, spacing and the handbook's two spellings (`Enhancement`/`Enhancements` Freeze) do not matter. */
function statusKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim()
    .replace(/\benhancement\b/, 'enhancements');
}

const statusByKey = new Map<string, BoardStatus>(boardStatuses.map((s) => [statusKey(s), s]));

/** The handbook value a board Status names (`tracked for enhancement freeze` → `Tracked for Enhancements Freeze`), or null. */
export function parseBoardStatus(text: string): BoardStatus | null {
  return statusByKey.get(statusKey(text)) ?? null;
}

/** Statuses that mean "in the release, on track" (for drift against `tracked/no`). */
export function isTrackedStatus(status: BoardStatus): boolean {
  return status.startsWith('Tracked for') || status === 'Exception Approved';
}

/** One field value of a board item, as read from GitHub. */
export interface BoardFieldValue {
  field: string;
  value: string;
}

/** The board fields drumbeat reads, by role; each role names a field on the board. */
export const boardFieldRoles = [
  'status',
  'stage',
  'type',
  'sig',
  'prrStatus',
  'contact',
  'note',
  'exceptionType',
  'exceptionStatus',
  'exceptionLink',
  'exceptionSlackThread',
  'exceptionPrs',
  'exceptionAdditionalTime',
  'exceptionRequestDate',
  'exceptionDecisionDate',
  'exceptionLiaison',
  'exceptionNotes',
] as const;
export type BoardFieldRole = (typeof boardFieldRoles)[number];

export type BoardFieldNames = Record<BoardFieldRole, string>;

/** The handbook's field names (`enhancements-handbook.md`, "Working with the release tracking board"). */
export const defaultBoardFieldNames: BoardFieldNames = {
  status: 'Status',
  stage: 'Stage',
  type: 'Type',
  sig: 'SIG',
  prrStatus: 'PRR Status',
  contact: 'Enhancements Contact',
  note: 'Note',
  exceptionType: 'Exception Request Type',
  exceptionStatus: 'Exception Status',
  exceptionLink: 'Exception Request Link',
  exceptionSlackThread: 'Exception Request Slack Thread',
  exceptionPrs: 'Exception Related PRs',
  exceptionAdditionalTime: 'Additional Time',
  exceptionRequestDate: 'Exception Request Date',
  exceptionDecisionDate: 'Exception Decision Date',
  exceptionLiaison: 'Exception Liaison',
  exceptionNotes: 'Exception Request Notes',
};

/** Roles whose absence from the board is worth a warning (the rest are optional columns). */
const requiredRoles: BoardFieldRole[] = ['status', 'stage'];

/** The fields drumbeat reads from a board item. */
export interface BoardFields {
  /** Status as written on the board. */
  status: string | null;
  /** Status as a handbook value, or null when blank or not one of them. */
  trackingStatus: BoardStatus | null;
  stage: string | null;
  sig: string | null;
  prrStatus: string | null;
  /** Every field by its name as written on the board (the last value wins for a repeated name). */
  fields: Record<string, string>;
}

export function fieldKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

/** Every non-blank field value by its name as written. */
function collectFields(values: BoardFieldValue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { field, value } of values) {
    const text = value.trim();
    if (field.trim() && text) fields[field] = text;
  }
  return fields;
}

/** The value of the field a role names, matched by key. */
export function boardField(
  fields: Record<string, string>,
  role: BoardFieldRole,
  names: BoardFieldNames = defaultBoardFieldNames,
): string | null {
  const wanted = fieldKey(names[role]);
  const found = Object.keys(fields).find((name) => fieldKey(name) === wanted);
  return found === undefined ? null : (fields[found] ?? null);
}

/** Reads a board item's field values by the configured names (blank values are none). */
export function readBoardFields(
  values: BoardFieldValue[],
  names: BoardFieldNames = defaultBoardFieldNames,
): BoardFields {
  const fields = collectFields(values);
  const status = boardField(fields, 'status', names);
  return {
    status,
    trackingStatus: status === null ? null : parseBoardStatus(status),
    stage: boardField(fields, 'stage', names),
    sig: boardField(fields, 'sig', names),
    prrStatus: boardField(fields, 'prrStatus', names),
    fields,
  };
}

/** The parts of `BoardFields` a stored board item keeps (the tracking Status is derived from `status`). */
export function snapshotFields(read: BoardFields): Omit<BoardFields, 'trackingStatus'> {
  const { trackingStatus: _derived, ...kept } = read;
  return kept;
}

/** A board item's named fields re-read by other field names (the config's). */
export function renameBoardFields<T extends Omit<BoardFields, 'trackingStatus'>>(
  item: T,
  names: BoardFieldNames,
): T {
  const read = readBoardFields(
    Object.entries(item.fields).map(([field, value]) => ({ field, value })),
    names,
  );
  return { ...item, ...snapshotFields(read) };
}

/** The board fields a config's names resolve to, with what to tell the admin about the rest. */
export interface BoardFieldResolution {
  names: BoardFieldNames;
  warnings: string[];
}

function renamedCandidate(boardFields: string[], wanted: string): string | null {
  const key = fieldKey(wanted);
  const similar = boardFields.filter((f) => fieldKey(f).includes(key) || key.includes(fieldKey(f)));
  return similar.length === 1 ? (similar[0] ?? null) : null;
}

/**
 * Checks the configured names against the fields the board has. A required field that is missing but
 * has exactly one similar name on the board (`Enhancement Status` for `Status`) is read from it, with a
 * warning; any other missing required field is a warning naming it and the config key to set.
 */
export function resolveBoardFieldNames(
  boardFields: string[],
  configured: BoardFieldNames,
): BoardFieldResolution {
  const present = new Set(boardFields.map(fieldKey));
  const names = { ...configured };
  const warnings: string[] = [];
  for (const role of requiredRoles) {
    const wanted = configured[role];
    if (present.has(fieldKey(wanted))) continue;
    const candidate = renamedCandidate(boardFields, wanted);
    const key = `github.board.fields.${role}`;
    if (candidate) {
      names[role] = candidate;
      warnings.push(
        `the board has no field "${wanted}"; reading "${candidate}" instead (set ${key}: "${candidate}" to say so)`,
      );
    } else
      warnings.push(
        `the board has no field "${wanted}" (fields: ${boardFields.join(', ') || 'none'}); set ${key} to the field's name`,
      );
  }
  return { names, warnings };
}

/** A warning for a Status that is none of the handbook's values (so it counts as no tracking status). */
export function unknownStatusWarning(issueNumber: number | null, status: string): string {
  const where = issueNumber === null ? 'a board item' : `#${issueNumber}`;
  return `${where} has board Status "${status}", which is not one of the handbook's values; it is read as no tracking status`;
}
