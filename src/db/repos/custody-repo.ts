import type { PullRequestFacts } from '../../domain/custody.ts';
import type {
  CustodyIssueReading,
  CustodyRepo,
  StoredCustodyIssue,
  StoredCustodyLink,
} from '../../ports/custody-store.ts';
import type { Db } from '../open.ts';
import { fromJson, toJson } from './json-columns.ts';

interface IssueRow {
  number: number;
  found: 0 | 1;
  read_at: string;
  checked_at: string;
}

function toIssue(row: IssueRow): StoredCustodyIssue {
  return { number: row.number, found: row.found === 1, readAt: row.read_at, checkedAt: row.checked_at };
}

/** Repositories are keyed by `owner/name` in lower case, as GitHub matches them. */
const key = (repo: string) => repo.toLowerCase();

/** The stored chain of custody (tables `custody_issues`, `custody_links`, `custody_pulls`). */
export function createCustodyRepo(db: Db): CustodyRepo {
  const issues = db.prepare<[string, string], IssueRow>(
    `SELECT number, found, read_at, checked_at FROM custody_issues
     WHERE repo = ? AND number IN (SELECT value FROM json_each(?))`,
  );
  const upsertIssue = db.prepare(`INSERT INTO custody_issues (repo, number, found, read_at, checked_at)
    VALUES (@repo, @number, @found, @at, @at)
    ON CONFLICT (repo, number) DO UPDATE SET found = excluded.found, read_at = excluded.read_at`);
  const dropLinks = db.prepare('DELETE FROM custody_links WHERE issue_repo = ? AND issue_number = ?');
  const addLink = db.prepare(`INSERT OR IGNORE INTO custody_links
    (issue_repo, issue_number, pull_repo, pull_number, via) VALUES (?, ?, ?, ?, ?)`);
  const markChecked = db.prepare(`UPDATE custody_issues SET checked_at = ?
    WHERE repo = ? AND number IN (SELECT value FROM json_each(?))`);
  const upsertPull = db.prepare(`INSERT INTO custody_pulls (repo, number, state, milestone, facts, read_at)
    VALUES (@repo, @number, @state, @milestone, @facts, @at)
    ON CONFLICT (repo, number) DO UPDATE SET state = excluded.state, milestone = excluded.milestone,
      facts = excluded.facts, read_at = excluded.read_at`);
  const pull = db.prepare<[string, number], { facts: string }>(
    'SELECT facts FROM custody_pulls WHERE repo = ? AND number = ?',
  );
  const links = db.prepare<[string, number], { facts: string; via: 'timeline' | 'body' }>(
    `SELECT p.facts, l.via FROM custody_links l
     JOIN custody_pulls p ON p.repo = l.pull_repo AND p.number = l.pull_number
     WHERE l.issue_repo = ? AND l.issue_number = ? ORDER BY l.pull_number, l.via DESC`,
  );
  const checked = db.prepare<[string, string], { number: number }>(
    'SELECT number FROM custody_issues WHERE repo = ? AND found = 1 AND checked_at >= ? ORDER BY number',
  );
  const checkedLinks = db.prepare<
    [string, string],
    { number: number; facts: string; via: 'timeline' | 'body' }
  >(
    `SELECT l.issue_number AS number, json_remove(p.facts, '$.body') AS facts, l.via
     FROM custody_issues i
     JOIN custody_links l ON l.issue_repo = i.repo AND l.issue_number = i.number
     JOIN custody_pulls p ON p.repo = l.pull_repo AND p.number = l.pull_number
     WHERE i.repo = ? AND i.found = 1 AND i.checked_at >= ? ORDER BY l.pull_number, l.via DESC`,
  );
  const merged = db.prepare<[string, string], { facts: string }>(
    `SELECT facts FROM custody_pulls WHERE repo = ? AND milestone = ? AND state = 'MERGED'
     ORDER BY number`,
  );
  const savePulls = (list: readonly PullRequestFacts[], now: Date) => {
    const at = now.toISOString();
    for (const p of list)
      upsertPull.run({
        repo: key(p.repo),
        number: p.number,
        state: p.state,
        milestone: p.milestone,
        facts: toJson(p),
        at,
      });
  };

  return {
    issues: (repo, numbers) =>
      new Map(issues.all(key(repo), JSON.stringify(numbers)).map((r) => [r.number, toIssue(r)])),
    saveIssue: db.transaction((repo: string, reading: CustodyIssueReading, now: Date) => {
      upsertIssue.run({
        repo: key(repo),
        number: reading.number,
        found: reading.found ? 1 : 0,
        at: now.toISOString(),
      });
      savePulls(
        reading.links.map((l) => l.pull),
        now,
      );
      dropLinks.run(key(repo), reading.number);
      for (const { pull: p, via } of reading.links)
        addLink.run(key(repo), reading.number, key(p.repo), p.number, via);
    }) as CustodyRepo['saveIssue'],
    markChecked: (repo, numbers, checkedAt) => {
      markChecked.run(checkedAt, key(repo), JSON.stringify(numbers));
    },
    savePulls: db.transaction(savePulls) as CustodyRepo['savePulls'],
    hasPull: (repo, number) => pull.get(key(repo), number) !== undefined,
    pull: (repo, number) => {
      const row = pull.get(key(repo), number);
      return row ? fromJson<PullRequestFacts>(row.facts) : null;
    },
    links: (repo, number) =>
      links.all(key(repo), number).map((r) => ({ pull: fromJson<PullRequestFacts>(r.facts), via: r.via })),
    linksCheckedSince: (repo, checkedSince) => {
      const byIssue = new Map(
        checked.all(key(repo), checkedSince).map((r) => [r.number, [] as StoredCustodyLink[]]),
      );
      for (const row of checkedLinks.all(key(repo), checkedSince))
        byIssue
          .get(row.number)
          ?.push({ pull: { ...fromJson<PullRequestFacts>(row.facts), body: '' }, via: row.via });
      return byIssue;
    },
    mergedInMilestone: (repo, milestone) =>
      merged.all(key(repo), milestone).map((r) => fromJson<PullRequestFacts>(r.facts)),
  };
}
