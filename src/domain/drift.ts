/**
 * Drift between the places the release team keeps a KEP's state: the issue's labels and milestone, the
 * tracking board and kep.yaml. Each disagreement is a finding with a stable key (kind + KEP) and a
 * fingerprint of the values involved, so a notice goes out once per finding until it changes. Pure.
 */
import { type BoardStatus, isTrackedStatus, parseBoardStatus } from './board.ts';
import type { BoardItemSnapshot, IssueSnapshot } from './github-snapshots.ts';
import { boardDisagreement, type MilestoneRemoval } from './milestone-removal.ts';
import type { Kep } from './types.ts';
import type { GithubLabels } from './write-back-plan.ts';

export const driftKinds = [
  'stage-label',
  'not-opted-in',
  'not-on-board',
  'board-stage',
  'tracked-label',
  'removed-keeps-milestone',
  'latest-milestone',
  'closed-implementable',
  'slack-removal',
] as const;
export type DriftKind = (typeof driftKinds)[number];

export interface DriftFinding {
  /** `kind:#number`: one finding per kind and KEP. */
  key: string;
  kind: DriftKind;
  kepNumber: number;
  /** The values that disagree; a new fingerprint is a changed finding (noticed again). */
  fingerprint: string;
  /** One line for people: `#4222: label stage/alpha but kep.yaml stage is beta`. */
  message: string;
}

export interface DriftInput {
  release: string;
  labels: Pick<GithubLabels, 'optedIn' | 'trackedYes' | 'trackedNo'>;
  /** The KEP issues as last synced (milestone, opted-in label). */
  issues: IssueSnapshot[];
  /** The board's items, or null when no board is configured or it was never read. */
  board: BoardItemSnapshot[] | null;
  /** kep.yaml by KEP number, for the KEPs read. */
  keps: ReadonlyMap<number, Kep>;
  /** The latest removal from the milestone recorded in Slack, by KEP number (recorded against this board). */
  removals?: ReadonlyMap<number, Pick<MilestoneRemoval, 'removedAt' | 'undoneAt'>>;
}

interface KepView {
  number: number;
  issue: IssueSnapshot | null;
  item: BoardItemSnapshot | null;
  status: BoardStatus | null;
  kep: Kep | null;
}

type Check = (view: KepView, input: DriftInput) => Omit<DriftFinding, 'key' | 'kepNumber'> | null;

function finding(kind: DriftKind, values: (string | null)[], message: string) {
  return { kind, fingerprint: values.map((v) => v ?? '-').join('|'), message };
}

function lower(text: string | null | undefined): string | null {
  return text ? text.trim().toLowerCase() : null;
}

const stageLabel: Check = ({ issue, kep }) => {
  const labels = (issue?.labels ?? []).filter((l) => l.startsWith('stage/'));
  if (!kep?.stage || labels.length === 0) return null;
  if (labels.length === 1 && labels[0] === `stage/${kep.stage}`) return null;
  const shown = labels.join(', ');
  return finding('stage-label', [shown, kep.stage], `label ${shown} but kep.yaml stage is ${kep.stage}`);
};

const notOptedIn: Check = ({ issue }, { release, labels }) => {
  if (issue?.state !== 'OPEN' || issue.milestone !== release || issue.labels.includes(labels.optedIn))
    return null;
  return finding('not-opted-in', [release], `in the ${release} milestone without ${labels.optedIn}`);
};

const notOnBoard: Check = ({ issue, item }, { board, labels }) => {
  if (board === null || item !== null || issue?.state !== 'OPEN') return null;
  if (!issue.labels.includes(labels.optedIn)) return null;
  return finding('not-on-board', [labels.optedIn], `has ${labels.optedIn} but is not on the board`);
};

const boardStage: Check = ({ item, kep }) => {
  if (!item?.stage || !kep?.stage || lower(item.stage) === kep.stage) return null;
  return finding(
    'board-stage',
    [item.stage, kep.stage],
    `board Stage ${item.stage} but kep.yaml stage is ${kep.stage}`,
  );
};

const trackedLabel: Check = ({ issue, status }, { labels }) => {
  if (!issue || !status) return null;
  if (isTrackedStatus(status) && issue.labels.includes(labels.trackedNo))
    return finding(
      'tracked-label',
      [status, labels.trackedNo],
      `board Status ${status} but ${labels.trackedNo}`,
    );
  const out = status === 'Removed From Milestone' || status === 'Deferred';
  if (out && issue.labels.includes(labels.trackedYes))
    return finding(
      'tracked-label',
      [status, labels.trackedYes],
      `board Status ${status} but ${labels.trackedYes}`,
    );
  return null;
};

const removedKeepsMilestone: Check = ({ issue, status }, { release }) => {
  if (status !== 'Removed From Milestone' || issue?.milestone !== release) return null;
  return finding(
    'removed-keeps-milestone',
    [release],
    `board Status Removed From Milestone but the issue keeps the ${release} milestone`,
  );
};

const latestMilestone: Check = ({ issue, kep, status }, { release }) => {
  if (!issue || !kep || status === 'Removed From Milestone' || status === 'Deferred') return null;
  const inYaml = kep.latestMilestone === release;
  const inMilestone = issue.milestone === release;
  if (inYaml === inMilestone) return null;
  const values = [kep.latestMilestone, issue.milestone];
  return inYaml
    ? finding(
        'latest-milestone',
        values,
        `kep.yaml latest-milestone is ${release} but the issue is not in the ${release} milestone`,
      )
    : finding(
        'latest-milestone',
        values,
        `in the ${release} milestone but kep.yaml latest-milestone is ${kep.latestMilestone ?? '(none)'}`,
      );
};

const closedImplementable: Check = ({ issue, kep }) => {
  if (issue?.state !== 'CLOSED' || kep?.status !== 'implementable') return null;
  return finding(
    'closed-implementable',
    ['CLOSED', 'implementable'],
    'issue closed while kep.yaml status is implementable',
  );
};

/**
 * A removal recorded in Slack that the synced board contradicts (the board wins): a removal in
 * force while the board has another Status, or a restore the board has not followed since.
 */
const slackRemoval: Check = ({ number, item }, { removals }) => {
  const removal = removals?.get(number);
  if (!removal || !item?.status) return null;
  const board = boardDisagreement(removal, item.status);
  if (board === null) return null;
  if (removal.undoneAt === null)
    return finding(
      'slack-removal',
      [removal.removedAt, board],
      `removed from the milestone in Slack on ${removal.removedAt.slice(0, 10)} but board Status is ${board}`,
    );
  if (item.updatedAt > removal.undoneAt) return null;
  return finding(
    'slack-removal',
    [removal.undoneAt, board],
    `restored to the milestone in Slack on ${removal.undoneAt.slice(0, 10)} but board Status is ${board}`,
  );
};

const checks: Check[] = [
  stageLabel,
  notOptedIn,
  notOnBoard,
  boardStage,
  trackedLabel,
  removedKeepsMilestone,
  latestMilestone,
  closedImplementable,
  slackRemoval,
];

function kepViews(input: DriftInput): KepView[] {
  const issues = new Map(input.issues.map((i) => [i.number, i]));
  const items = new Map<number, BoardItemSnapshot>();
  for (const item of input.board ?? [])
    if (item.issueNumber !== null && !item.archived) items.set(item.issueNumber, item);
  const numbers = [...new Set([...issues.keys(), ...items.keys()])].sort((a, b) => a - b);
  return numbers.map((number) => {
    const item = items.get(number) ?? null;
    const status = item?.status ? parseBoardStatus(item.status) : null;
    return { number, issue: issues.get(number) ?? null, item, status, kep: input.keps.get(number) ?? null };
  });
}

/** Every drift of the release's KEPs, in KEP number order, then check order. */
export function findDrift(input: DriftInput): DriftFinding[] {
  return kepViews(input).flatMap((view) =>
    checks.flatMap((check) => {
      const found = check(view, input);
      return found ? [{ ...found, key: `${found.kind}:#${view.number}`, kepNumber: view.number }] : [];
    }),
  );
}

/** One line per finding: `#4222 label stage/alpha but kep.yaml stage is beta`. */
export function driftLine(finding: DriftFinding): string {
  return `#${finding.kepNumber} ${finding.message}`;
}

/** A short stable digest of findings (keys and fingerprints): the same news, the same notice key. */
export function findingsDigest(findings: readonly Pick<DriftFinding, 'key' | 'fingerprint'>[]): string {
  let hash = 0x811c9dc5;
  const text = findings
    .map((f) => `${f.key}@${f.fingerprint}`)
    .sort()
    .join('\n');
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}
