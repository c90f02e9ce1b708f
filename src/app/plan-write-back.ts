import { planLabelActions } from '../domain/write-back-plan.ts';
import type { Clock } from '../ports/clock.ts';
import type { StoredWriteAction } from '../ports/github-store.ts';
import type { Store } from '../ports/store.ts';

export interface PlanWriteBackDeps {
  store: Pick<Store, 'githubSnapshots' | 'githubWriteBack'>;
  clock: Clock;
}

export interface PlanWriteBackInput {
  /** `owner/name` of the KEP issues. */
  repo: string;
  /** The label to add (config `github.labels.approved`). */
  label: string;
  /** Why, for the record and the printed plan (`vote 12 approved`). */
  reason: string;
  /** The KEP issues the approved plan covers. */
  issueNumbers: number[];
}

export interface PlanWriteBackResult {
  /** Actions added to the plan by this call. */
  planned: StoredWriteAction[];
  /** Actions that were already in the plan (planned or applied) with the same key. */
  existing: StoredWriteAction[];
  /** Issues that already carry the label (as last synced): nothing to do. */
  alreadyLabelled: number[];
}

/**
 * Plans adding the approved label to the issues of an approved vote (one action per issue, by key),
 * without touching GitHub: `applyWriteBack` (run by every sync) applies it when write-back is on.
 * Planning the same change again adds nothing.
 */
export function planWriteBack(deps: PlanWriteBackDeps, input: PlanWriteBackInput): PlanWriteBackResult {
  const currentLabels = new Map<number, string[]>();
  for (const number of input.issueNumbers) {
    const issue = deps.store.githubSnapshots.getIssue(input.repo, number);
    if (issue) currentLabels.set(number, issue.labels);
  }
  const actions = planLabelActions({ ...input, currentLabels });
  const planned = new Set(actions.map((a) => a.issueNumber));
  const alreadyLabelled = [...new Set(input.issueNumbers)].filter(
    (n) => currentLabels.has(n) && !planned.has(n),
  );
  const stored = deps.store.githubWriteBack.plan(actions, deps.clock.now());
  return {
    planned: stored.filter((s) => s.created).map((s) => s.action),
    existing: stored.filter((s) => !s.created).map((s) => s.action),
    alreadyLabelled: alreadyLabelled.sort((a, b) => a - b),
  };
}
