import type { BoardItemSnapshot, IssueSnapshot, NewGithubEvent } from './github-snapshots.ts';
import type { Kep } from './types.ts';

/**
 * How GitHub state changed between two reads, as events people can read. Pure: the caller passes the
 * stored snapshot (or null when it has none) and the one just read. With `baseline` true (the first
 * read of a stream) a new item is not news: nothing is recorded for it.
 */

function event(
  partial: Omit<NewGithubEvent, 'field' | 'before' | 'after'> &
    Partial<Pick<NewGithubEvent, 'field' | 'before' | 'after'>>,
): NewGithubEvent {
  return { field: null, before: null, after: null, ...partial };
}

function shown(value: string | null): string {
  return value ?? '(none)';
}

/** Events for one issue: joined the release, state, milestone and each label added or removed. */
export function diffIssue(
  before: IssueSnapshot | null,
  after: IssueSnapshot,
  baseline: boolean,
): NewGithubEvent[] {
  const base = { kepNumber: after.number, occurredAt: after.updatedAt };
  const key = (what: string) => `issue:${after.repo}#${after.number}:${after.updatedAt}:${what}`;
  if (!before) {
    if (baseline) return [];
    const where = after.milestone ? `milestone ${after.milestone}` : 'the release';
    return [
      event({ ...base, key: key('joined'), kind: 'issue-joined', message: `KEP issue joined ${where}` }),
    ];
  }
  const events: NewGithubEvent[] = [];
  if (before.state !== after.state) {
    const message = after.state === 'CLOSED' ? 'issue closed' : 'issue reopened';
    events.push(
      event({
        ...base,
        key: key('state'),
        kind: 'issue-state',
        field: 'state',
        ...pair(before, after, 'state'),
        message,
      }),
    );
  }
  if (before.milestone !== after.milestone) {
    events.push(
      event({
        ...base,
        key: key('milestone'),
        kind: 'issue-milestone',
        field: 'milestone',
        ...pair(before, after, 'milestone'),
        message: `milestone changed: ${shown(before.milestone)} → ${shown(after.milestone)}`,
      }),
    );
  }
  for (const label of after.labels.filter((l) => !before.labels.includes(l))) {
    const message = `label ${label} added`;
    events.push(
      event({ ...base, key: key(`+${label}`), kind: 'label-added', field: label, after: label, message }),
    );
  }
  for (const label of before.labels.filter((l) => !after.labels.includes(l))) {
    const message = `label ${label} removed`;
    events.push(
      event({ ...base, key: key(`-${label}`), kind: 'label-removed', field: label, before: label, message }),
    );
  }
  return events;
}

function pair<T, K extends keyof T>(
  before: T,
  after: T,
  field: K,
): { before: string | null; after: string | null } {
  const text = (v: T[K]) => (v === null || v === undefined ? null : String(v));
  return { before: text(before[field]), after: text(after[field]) };
}

const boardFieldOrder = ['Status', 'Stage', 'SIG', 'PRR status'] as const;

function boardValue(item: BoardItemSnapshot, field: (typeof boardFieldOrder)[number]): string | null {
  if (field === 'Status') return item.status;
  if (field === 'Stage') return item.stage;
  if (field === 'SIG') return item.sig;
  return item.prrStatus;
}

function boardFieldMessage(field: string, before: string | null, after: string | null): string {
  if (field === 'Status' && after !== null) return `moved to ${after} on the board`;
  if (after === null) return `${field} cleared on the board (was ${before})`;
  return `${field} on the board: ${shown(before)} → ${after}`;
}

/** Events for one board item: added, and each of Status, Stage, SIG and PRR status that changed. */
export function diffBoardItem(
  before: BoardItemSnapshot | null,
  after: BoardItemSnapshot,
  baseline: boolean,
): NewGithubEvent[] {
  const base = { kepNumber: after.issueNumber, occurredAt: after.updatedAt };
  const key = (what: string) => `board:${after.board}:${after.itemId}:${after.updatedAt}:${what}`;
  if (!before) {
    if (baseline) return [];
    const status = after.status ? ` as ${after.status}` : '';
    return [
      event({
        ...base,
        key: key('added'),
        kind: 'board-added',
        after: after.status,
        message: `added to the board${status}`,
      }),
    ];
  }
  const events: NewGithubEvent[] = [];
  for (const field of boardFieldOrder) {
    const was = boardValue(before, field);
    const now = boardValue(after, field);
    if (was === now) continue;
    const message = boardFieldMessage(field, was, now);
    events.push(
      event({ ...base, key: key(field), kind: 'board-field', field, before: was, after: now, message }),
    );
  }
  return events;
}

/** The event for a board item that is no longer on the board. */
export function boardItemRemoved(item: BoardItemSnapshot, seenAt: string): NewGithubEvent {
  return event({
    key: `board:${item.board}:${item.itemId}:removed:${seenAt}`,
    kind: 'board-removed',
    kepNumber: item.issueNumber,
    before: item.status,
    message: 'removed from the board',
    occurredAt: seenAt,
  });
}

type KepField = 'title' | 'owningSig' | 'status' | 'stage' | 'latestMilestone';
const kepFields: [KepField, string][] = [
  ['title', 'title'],
  ['owningSig', 'owning-sig'],
  ['status', 'status'],
  ['stage', 'stage'],
  ['latestMilestone', 'latest-milestone'],
];

function describeMap(map: Partial<Record<string, string>>): string {
  const entries = Object.entries(map).filter(([, v]) => v !== undefined);
  return entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : '(none)';
}

/** Events for a KEP whose kep.yaml or PRR file changed: one per field that differs. */
export function diffKep(before: Kep, after: Kep, occurredAt: string, source: string): NewGithubEvent[] {
  const events: NewGithubEvent[] = [];
  const base = { kind: 'kep-changed' as const, kepNumber: after.number, occurredAt };
  const key = (what: string) => `kep:${after.path}:${source}:${what}`;
  for (const [field, name] of kepFields) {
    const was = before[field];
    const now = after[field];
    if (was === now) continue;
    const message = `kep.yaml changed: ${name} ${shown(was)} → ${shown(now)}`;
    events.push({ ...base, key: key(name), field: name, before: was, after: now, message });
  }
  const maps: ['milestones' | 'prrApprovals', string, string][] = [
    ['milestones', 'milestone', 'kep.yaml changed: milestone'],
    ['prrApprovals', 'prr-approvals', 'PRR approval changed:'],
  ];
  for (const [field, name, prefix] of maps) {
    const was = describeMap(before[field]);
    const now = describeMap(after[field]);
    if (was === now) continue;
    events.push({
      ...base,
      key: key(name),
      field: name,
      before: was,
      after: now,
      message: `${prefix} ${was} → ${now}`,
    });
  }
  return events;
}
