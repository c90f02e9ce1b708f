import type { GithubObject, GithubObjectRepo, ListedObject } from '../../ports/github-store.ts';
import type { Db } from '../open.ts';

interface ObjectRow {
  repo: string;
  path: string;
  kind: 'tree' | 'blob';
  oid: string;
  node_id: string | null;
  listed_oid: string | null;
  fetched_oid: string | null;
  text: string | null;
}

function toObject(row: ObjectRow): GithubObject {
  return {
    repo: row.repo,
    path: row.path,
    kind: row.kind,
    oid: row.oid,
    nodeId: row.node_id,
    listedOid: row.listed_oid,
    fetchedOid: row.fetched_oid,
    text: row.text,
  };
}

/** Escapes `%`, `_` and `\` for a LIKE prefix match. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Git objects under keps/ (table `github_objects`): oids as listed, blob texts as fetched. */
export function createGithubObjectRepo(db: Db): GithubObjectRepo {
  const get = db.prepare<[string, string], ObjectRow>(
    'SELECT * FROM github_objects WHERE repo = ? AND path = ?',
  );
  const listAll = db.prepare<[string], ObjectRow>(
    'SELECT * FROM github_objects WHERE repo = ? ORDER BY path',
  );
  const listPrefix = db.prepare<[string, string], ObjectRow>(
    "SELECT * FROM github_objects WHERE repo = ? AND path LIKE ? ESCAPE '\\' ORDER BY path",
  );
  const upsert = db.prepare(`INSERT INTO github_objects (repo, path, kind, oid, node_id)
    VALUES (@repo, @path, @kind, @oid, @nodeId)
    ON CONFLICT (repo, path) DO UPDATE SET kind = excluded.kind, oid = excluded.oid,
      node_id = coalesce(excluded.node_id, github_objects.node_id)`);
  const remove = db.prepare('DELETE FROM github_objects WHERE repo = ? AND path = ?');
  const markListed = db.prepare('UPDATE github_objects SET listed_oid = ? WHERE repo = ? AND path = ?');
  const putText = db.prepare(
    'UPDATE github_objects SET fetched_oid = ?, text = ?, fetched_at = ? WHERE repo = ? AND path = ?',
  );

  const replaceUnder = db.transaction((repo: string, treePath: string, entries: ListedObject[]) => {
    const existing = new Map(listPrefix.all(repo, likePrefix(`${treePath}/`)).map((r) => [r.path, r]));
    let added = 0;
    let changed = 0;
    for (const entry of entries) {
      const before = existing.get(entry.path);
      existing.delete(entry.path);
      if (!before) added++;
      else if (before.oid !== entry.oid || before.kind !== entry.kind) changed++;
      else if (entry.nodeId === null || entry.nodeId === before.node_id) continue;
      upsert.run({ repo, ...entry });
    }
    for (const path of existing.keys()) remove.run(repo, path);
    return { added, changed, removed: existing.size };
  });

  return {
    get: (repo, path) => {
      const row = get.get(repo, path);
      return row ? toObject(row) : null;
    },
    list: (repo, prefix) =>
      (prefix === undefined ? listAll.all(repo) : listPrefix.all(repo, likePrefix(prefix))).map(toObject),
    replaceUnder: (repo, treePath, entries) => replaceUnder(repo, treePath, entries),
    markListed: (repo, path, oid) => {
      upsert.run({ repo, path, kind: 'tree', oid, nodeId: null });
      markListed.run(oid, repo, path);
    },
    putText: (repo, path, oid, text, fetchedAt) => {
      putText.run(oid, text, fetchedAt.toISOString(), repo, path);
    },
  };
}
