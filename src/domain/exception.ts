/**
 * Exception requests: work outside the approved plan, or late for a freeze, asks the release team
 * for an exception. Pure rules: which freezes take requests, the request window around a freeze,
 * the release team's questions checked field by field. Time arrives as an argument.
 */
import type { CalendarMilestone } from './types.ts';

/** The freezes an exception can be requested for (the sections of sig-release's exceptions.yaml). */
export const exceptionFreezes = ['enhancements-freeze', 'code-freeze', 'docs-freeze'] as const;
export type ExceptionFreeze = (typeof exceptionFreezes)[number];

/** How people name each freeze. */
export const freezeNames: Readonly<Record<ExceptionFreeze, string>> = {
  'enhancements-freeze': 'Enhancements Freeze',
  'code-freeze': 'Code Freeze',
  'docs-freeze': 'Docs Freeze',
};

export type ExceptionStatus = 'open' | 'approved' | 'rejected';

/** The release team's questions, as answered. */
export interface ExceptionAnswers {
  kep: number;
  freeze: ExceptionFreeze;
  /** What is missing (PRs not merged, PRR not approved…). */
  missing: string;
  /** How much more time is needed (`3 days`, `until Tuesday`). */
  additionalTime: string;
  /** What could go wrong, and the plan if it does. */
  risk: string;
  /** Links to the pull requests (http/https), at least one. */
  pullRequests: string[];
}

/** A stored exception request. */
export interface ExceptionRequest extends ExceptionAnswers {
  id: number;
  release: string;
  /** The KEP's title when it was requested (exceptions.yaml `name`). */
  kepTitle: string;
  /** The KEP's owning SIG, when known. */
  sig: string | null;
  /** Slack user id of who asked. */
  requester: string;
  requestedAt: string;
  status: ExceptionStatus;
  /** Slack user id of who decided, and when. */
  decidedBy: string | null;
  decidedAt: string | null;
  /** Outbox key of the request's post in the release channel (decisions reply in its thread). */
  postKey: string;
  /** A link to the request's thread, recorded at the decision (exceptions.yaml `thread`). */
  threadUrl: string | null;
}

/** Longest answer to one question, in characters (the post must stay readable). */
export const maxAnswerLength = 1000;

export type AnswerField = 'kep' | 'freeze' | 'missing' | 'additionalTime' | 'risk' | 'pullRequests';

export type AnswerCheck =
  | { ok: true; value: ExceptionAnswers }
  | { ok: false; errors: Partial<Record<AnswerField, string>> };

/** The answers as typed, before checking. */
export interface RawExceptionAnswers {
  kep: string;
  freeze: string;
  missing: string;
  additionalTime: string;
  risk: string;
  pullRequests: string;
}

/** Checks every answer at once; each problem says what to write instead. */
export function checkExceptionAnswers(
  raw: RawExceptionAnswers,
  allowed: readonly ExceptionFreeze[],
): AnswerCheck {
  const errors: Partial<Record<AnswerField, string>> = {};
  const kepMatch = /^(?:kep-?|#)?\s*(\d{1,6})$/i.exec(raw.kep.trim());
  if (!kepMatch) errors.kep = 'Write the KEP number, e.g. 4222.';
  const freeze = allowed.find((f) => f === raw.freeze);
  if (!freeze) errors.freeze = `Pick the freeze: ${allowed.map((f) => freezeNames[f]).join(', ')}.`;
  for (const [field, label] of [
    ['missing', 'what is missing'],
    ['additionalTime', 'how much more time is needed'],
    ['risk', 'the risk'],
  ] as const) {
    const text = raw[field].trim();
    if (text === '') errors[field] = `Describe ${label}.`;
    else if ([...text].length > maxAnswerLength)
      errors[field] = `Keep it under ${maxAnswerLength} characters; link a document for more.`;
  }
  const links = raw.pullRequests.split(/[\s,]+/).filter((l) => l !== '');
  const bad = links.find((l) => !/^https?:\/\/[^\s<>|]+$/.test(l));
  if (links.length === 0)
    errors.pullRequests = 'Link the pull request(s), e.g. https://github.com/kubernetes/kubernetes/pull/123.';
  else if (bad) errors.pullRequests = `"${bad.slice(0, 80)}" is not an http(s) link; paste the PR's URL.`;
  if (Object.keys(errors).length > 0 || !kepMatch || !freeze) return { ok: false, errors };
  return {
    ok: true,
    value: {
      kep: Number(kepMatch[1]),
      freeze,
      missing: raw.missing.trim(),
      additionalTime: raw.additionalTime.trim(),
      risk: raw.risk.trim(),
      pullRequests: [...new Set(links)],
    },
  };
}

/** The instant a freeze starts in a calendar (its `at`, or its day at 00:00 UTC); null when absent. */
export function freezeInstant(calendar: readonly CalendarMilestone[], freeze: ExceptionFreeze): Date | null {
  const row = calendar.find((m) => m.kind === freeze);
  if (!row) return null;
  if (row.at) return new Date(row.at);
  return row.date ? new Date(`${row.date}T00:00:00Z`) : null;
}

export interface RequestWindow {
  beforeMs: number;
  afterMs: number;
}

export type WindowCheck = { ok: true; opensAt: Date; closesAt: Date } | { ok: false; reason: string };

/**
 * Requests for a freeze are taken from `beforeMs` before it until `afterMs` after it (both ends
 * included at the start, excluded at the end).
 */
export function checkRequestWindow(
  freeze: ExceptionFreeze,
  freezeAt: Date | null,
  window: RequestWindow,
  now: Date,
): WindowCheck {
  const name = freezeNames[freeze];
  if (!freezeAt)
    return {
      ok: false,
      reason: `${name} is not in this release's calendar, so it takes no exception requests.`,
    };
  const opensAt = new Date(freezeAt.getTime() - window.beforeMs);
  const closesAt = new Date(freezeAt.getTime() + window.afterMs);
  const when = (d: Date) =>
    d
      .toISOString()
      .replace(/:\d\d\.\d{3}Z$/, ' UTC')
      .replace('T', ' ');
  if (now < opensAt)
    return {
      ok: false,
      reason: `Exception requests for ${name} open at ${when(opensAt)}; until then, the work is still in the plan's normal flow.`,
    };
  if (now >= closesAt)
    return {
      ok: false,
      reason: `Exception requests for ${name} closed at ${when(closesAt)}; ask the release lead directly.`,
    };
  return { ok: true, opensAt, closesAt };
}
