import type { WriteActionKind, WriteBackVia } from '../../domain/write-back-plan.ts';
import type { GithubWriteBackRepo, StoredWriteAction } from '../../ports/github-store.ts';
import type { Db } from '../open.ts';
import { storeRow } from './store-error.ts';

interface ActionRow {
  key: string;
  kind: WriteActionKind;
  repo: string;
  issue_number: number;
  label: string;
  value: string | null;
  reason: string;
  description: string;
  state: 'planned' | 'applied';
  planned_at: string;
  applied_at: string | null;
  applied_via: WriteBackVia | null;
  verified_at: string | null;
  last_error: string | null;
}

function toAction(row: ActionRow): StoredWriteAction {
  return {
    key: row.key,
    kind: row.kind,
    repo: row.repo,
    issueNumber: row.issue_number,
    label: row.label,
    value: row.value,
    reason: row.reason,
    description: row.description,
    state: row.state,
    plannedAt: row.planned_at,
    appliedAt: row.applied_at,
    appliedVia: row.applied_via,
    verifiedAt: row.verified_at,
    lastError: row.last_error,
  };
}

/** The write-back plan (table `github_write_actions`): planned once per key, applied at most once. */
export function createGithubWriteBackRepo(db: Db): GithubWriteBackRepo {
  const insert = db.prepare(`INSERT INTO github_write_actions (key, kind, repo, issue_number, label, value,
      reason, description, planned_at)
    VALUES (@key, @kind, @repo, @issueNumber, @label, @value, @reason, @description, @plannedAt)
    ON CONFLICT (key) DO NOTHING`);
  const get = db.prepare<[string], ActionRow>('SELECT * FROM github_write_actions WHERE key = ?');
  const listAll = db.prepare<[], ActionRow>('SELECT * FROM github_write_actions ORDER BY planned_at, rowid');
  const listState = db.prepare<[string], ActionRow>(
    'SELECT * FROM github_write_actions WHERE state = ? ORDER BY planned_at, rowid',
  );
  const applied = db.prepare(
    "UPDATE github_write_actions SET state = 'applied', applied_at = ?, applied_via = ?, last_error = NULL WHERE key = ? AND state = 'planned'",
  );
  const unverified = db.prepare<[], ActionRow>(
    "SELECT * FROM github_write_actions WHERE state = 'applied' AND verified_at IS NULL ORDER BY applied_at, rowid",
  );
  const verified = db.prepare('UPDATE github_write_actions SET verified_at = ? WHERE key = ?');
  const failed = db.prepare(
    "UPDATE github_write_actions SET last_error = ? WHERE key = ? AND state = 'planned'",
  );
  const unplan = db.prepare("DELETE FROM github_write_actions WHERE key = ? AND state = 'planned'");
  const plan = db.transaction((actions: Parameters<GithubWriteBackRepo['plan']>[0], now: Date) =>
    actions.map((action) => {
      const result = storeRow(
        `write-back action ${action.key}`,
        'an action needs a unique key and a kind: add-label, remove-label, set-milestone, clear-milestone or set-board-field (with a value)',
        () => insert.run({ ...action, value: action.value ?? null, plannedAt: now.toISOString() }),
      );
      return { action: toAction(get.get(action.key)!), created: result.changes > 0 };
    }),
  );

  return {
    plan: (actions, now) => plan(actions, now),
    get: (key) => {
      const row = get.get(key);
      return row ? toAction(row) : null;
    },
    list: (state) => (state ? listState.all(state) : listAll.all()).map(toAction),
    markApplied: (key, now, via = null) => applied.run(now.toISOString(), via, key).changes > 0,
    listUnverified: () => unverified.all().map(toAction),
    markVerified: (key, now) => {
      verified.run(now.toISOString(), key);
    },
    markFailed: (key, error) => {
      failed.run(error.slice(0, 1000), key);
    },
    unplan: (keys) => keys.reduce((n, key) => n + unplan.run(key).changes, 0),
  };
}
