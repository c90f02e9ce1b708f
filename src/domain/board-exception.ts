/**
 * Exception requests as the release team keeps them on the tracking board from v1.36 on
 * (enhancements-handbook.md, "Fields on the Exception Requests view"): the board item of the KEP
 * carries `Exception Request Type`, `Exception Status` (`In Review`, then `Approved` or `Rejected`),
 * the links, dates, liaison and notes. Pure: reads field values by configured name, and says what
 * the board should say for a request made in Slack.
 */
import {
  type BoardFieldNames,
  type BoardFieldRole,
  boardField,
  defaultBoardFieldNames,
  fieldKey,
} from './board.ts';
import type { ExceptionFreeze, ExceptionRequest, ExceptionStatus } from './exception.ts';
import type { WriteAction } from './write-back-plan.ts';

/** The `requester` (and `decidedBy`) of a request made or decided on the board, not by a Slack user. */
export const boardRequester = 'tracking-board';

/** The board's `Exception Request Type` values, by the freeze they are for. */
export const boardExceptionTypes: Readonly<Record<ExceptionFreeze | 'prr-freeze', string>> = {
  'prr-freeze': 'PRR Freeze',
  'enhancements-freeze': 'Enhancements Freeze',
  'code-freeze': 'Code and Test Freeze',
  'docs-freeze': 'Docs Freeze',
};

/** The board's `Exception Status` values. */
export const boardExceptionStatuses: Readonly<Record<ExceptionStatus, string>> = {
  open: 'In Review',
  approved: 'Approved',
  rejected: 'Rejected',
};

/** One exception request as the board shows it. */
export interface BoardException {
  kep: number;
  /** The freeze, or null when the type is not one of the handbook's values (`typeText` has it). */
  freeze: ExceptionFreeze | 'prr-freeze' | null;
  typeText: string;
  /** Null while the type is set but no status yet (the handbook sets `In Review` right after). */
  status: ExceptionStatus | null;
  statusText: string | null;
  link: string | null;
  slackThread: string | null;
  pullRequests: string[];
  additionalTime: string | null;
  requestDate: string | null;
  decisionDate: string | null;
  liaison: string | null;
  notes: string | null;
}

const key = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');

function matchValue<T extends string>(table: Readonly<Record<T, string>>, text: string | null): T | null {
  if (text === null) return null;
  const found = (Object.keys(table) as T[]).find((k) => key(table[k]) === key(text));
  return found ?? null;
}

/** Links in a field that may hold several (space, comma or newline separated). */
export function linksIn(text: string | null): string[] {
  return text ? (text.match(/https?:\/\/[^\s,;<>]+/g) ?? []) : [];
}

/** The exception request on a KEP's board item, or null when `Exception Request Type` is blank. */
export function boardExceptionOf(
  kep: number,
  fields: Record<string, string>,
  names: BoardFieldNames = defaultBoardFieldNames,
): BoardException | null {
  const get = (role: BoardFieldRole) => boardField(fields, role, names);
  const typeText = get('exceptionType');
  if (typeText === null) return null;
  const statusText = get('exceptionStatus');
  return {
    kep,
    freeze: matchValue(boardExceptionTypes, typeText),
    typeText,
    status: matchValue(boardExceptionStatuses, statusText),
    statusText,
    link: get('exceptionLink'),
    slackThread: get('exceptionSlackThread'),
    pullRequests: linksIn(get('exceptionPrs')),
    additionalTime: get('exceptionAdditionalTime'),
    requestDate: get('exceptionRequestDate'),
    decisionDate: get('exceptionDecisionDate'),
    liaison: get('exceptionLiaison'),
    notes: get('exceptionNotes'),
  };
}

/** The board's tracking Status that goes with a request's state (the handbook's lifecycle). */
export function trackingStatusForException(status: ExceptionStatus): string {
  if (status === 'approved') return 'Exception Approved';
  return status === 'rejected' ? 'Removed From Milestone' : 'Exception Pending';
}

/** What the board should carry for a request made in Slack, by field role (blank values left out). */
export function boardFieldsForRequest(
  request: ExceptionRequest,
  threadUrl: string | null,
): Partial<Record<BoardFieldRole, string>> {
  const fields: Partial<Record<BoardFieldRole, string>> = {
    status: trackingStatusForException(request.status),
    exceptionType: boardExceptionTypes[request.freeze],
    exceptionStatus: boardExceptionStatuses[request.status],
    exceptionPrs: request.pullRequests.join(' '),
    exceptionAdditionalTime: request.additionalTime,
    exceptionRequestDate: request.requestedAt.slice(0, 10),
  };
  if (threadUrl) fields.exceptionSlackThread = threadUrl;
  if (request.decidedAt) fields.exceptionDecisionDate = request.decidedAt.slice(0, 10);
  return fields;
}

/** A line for people: `KEP-4222 · Code and Test Freeze · In Review · asked 2026-02-10 · liaison @x`. */
export function boardExceptionLine(e: BoardException): string {
  const parts = [`KEP-${e.kep}`, e.typeText, e.statusText ?? 'no Exception Status'];
  if (e.requestDate) parts.push(`asked ${e.requestDate}`);
  if (e.decisionDate) parts.push(`decided ${e.decisionDate}`);
  if (e.additionalTime) parts.push(`+${e.additionalTime}`);
  if (e.liaison) parts.push(`liaison ${e.liaison}`);
  if (e.slackThread) parts.push(e.slackThread);
  if (e.pullRequests.length > 0) parts.push(`PRs: ${e.pullRequests.join(' ')}`);
  return parts.join(' · ');
}

const sameValue = (a: string | null | undefined, b: string) =>
  (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();

/** Whether a board item's fields (by name, as last synced) already carry what a `set-board-field` sets. */
export function boardFieldPresent(
  action: Pick<WriteAction, 'label' | 'value'>,
  fields: Record<string, string>,
): boolean {
  const name = Object.keys(fields).find((f) => fieldKey(f) === fieldKey(action.label));
  return sameValue(name === undefined ? null : fields[name], action.value ?? '');
}

export interface BoardFieldPlanInput {
  repo: string;
  issueNumber: number;
  /** Values to set, by field role. */
  wanted: Partial<Record<BoardFieldRole, string>>;
  names: BoardFieldNames;
  /** The item's fields as last synced (by name); empty when the KEP is not on the board (yet). */
  current: Record<string, string>;
  reason: string;
}

/** One `set-board-field` action per field whose value differs from the board's, in role order. */
export function planBoardFieldActions(input: BoardFieldPlanInput): WriteAction[] {
  const ref = `${input.repo}#${input.issueNumber}`;
  return (Object.entries(input.wanted) as Array<[BoardFieldRole, string]>)
    .map(([role, value]) => ({ field: input.names[role], value }))
    .filter(({ field, value }) => !boardFieldPresent({ label: field, value }, input.current))
    .map(({ field, value }) => ({
      key: `set-board-field:${ref}:${field}=${value}`,
      kind: 'set-board-field' as const,
      repo: input.repo,
      issueNumber: input.issueNumber,
      label: field,
      value,
      reason: input.reason,
      description: `set board field ${field} of ${ref} to ${value}`,
    }));
}
