import type { DriftFinding, DriftKind } from '../../domain/drift.ts';
import type { GithubDriftRepo, StoredDriftFinding } from '../../ports/github-store.ts';
import type { Db } from '../open.ts';

interface DriftRow {
  key: string;
  kind: DriftKind;
  kep_number: number;
  fingerprint: string;
  message: string;
  first_seen_at: string;
  changed_at: string;
  noticed_at: string | null;
}

function toFinding(row: DriftRow): StoredDriftFinding {
  return {
    key: row.key,
    kind: row.kind,
    kepNumber: row.kep_number,
    fingerprint: row.fingerprint,
    message: row.message,
    firstSeenAt: row.first_seen_at,
    changedAt: row.changed_at,
    noticedAt: row.noticed_at,
  };
}

/** Open drift findings (table `github_drift_findings`), so each is news once until it changes. */
export function createGithubDriftRepo(db: Db): GithubDriftRepo {
  const all = db.prepare<[], DriftRow>('SELECT * FROM github_drift_findings ORDER BY kep_number, key');
  const unnoticed = db.prepare<[], DriftRow>(
    'SELECT * FROM github_drift_findings WHERE noticed_at IS NULL ORDER BY kep_number, key',
  );
  const insert = db.prepare(`INSERT INTO github_drift_findings (key, kind, kep_number, fingerprint, message,
      first_seen_at, changed_at)
    VALUES (@key, @kind, @kepNumber, @fingerprint, @message, @now, @now)
    ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, message = excluded.message,
      changed_at = excluded.changed_at, noticed_at = NULL
    WHERE github_drift_findings.fingerprint <> excluded.fingerprint`);
  const remove = db.prepare('DELETE FROM github_drift_findings WHERE key = ?');
  const noticed = db.prepare('UPDATE github_drift_findings SET noticed_at = ? WHERE key = ?');
  const replace = db.transaction((findings: DriftFinding[], now: Date) => {
    const keep = new Set(findings.map((f) => f.key));
    for (const row of all.all()) if (!keep.has(row.key)) remove.run(row.key);
    const at = now.toISOString();
    return findings.filter((f) => insert.run({ ...f, now: at }).changes > 0);
  });
  return {
    replace: (findings, now) => replace(findings, now),
    list: () => all.all().map(toFinding),
    listUnnoticed: () => unnoticed.all().map(toFinding),
    markNoticed: (keys, now) => {
      for (const key of keys) noticed.run(now.toISOString(), key);
    },
  };
}
