import type { BoardItemSnapshot, IssueSnapshot } from '../../domain/github-snapshots.ts';
import type { GithubSnapshotRepo } from '../../ports/github-store.ts';
import type { Db } from '../open.ts';
import { fromJson, toJson } from './json-columns.ts';
import { storeRow } from './store-error.ts';

interface IssueRow {
  repo: string;
  number: number;
  title: string;
  state: 'OPEN' | 'CLOSED';
  milestone: string | null;
  labels: string;
  updated_at: string;
}

interface BoardRow {
  board: string;
  item_id: string;
  issue_repo: string | null;
  issue_number: number | null;
  status: string | null;
  stage: string | null;
  sig: string | null;
  prr_status: string | null;
  fields: string;
  archived: number;
  updated_at: string;
}

function toIssue(row: IssueRow): IssueSnapshot {
  const { repo, number, title, state, milestone } = row;
  return {
    repo,
    number,
    title,
    state,
    milestone,
    labels: fromJson<string[]>(row.labels),
    updatedAt: row.updated_at,
  };
}

function toBoardItem(row: BoardRow): BoardItemSnapshot {
  return {
    board: row.board,
    itemId: row.item_id,
    issueRepo: row.issue_repo,
    issueNumber: row.issue_number,
    status: row.status,
    stage: row.stage,
    sig: row.sig,
    prrStatus: row.prr_status,
    fields: fromJson<Record<string, string>>(row.fields),
    archived: row.archived === 1,
    updatedAt: row.updated_at,
  };
}

/** Issue and board item snapshots (tables `github_issues`, `github_board_items`). */
export function createGithubSnapshotRepo(db: Db): GithubSnapshotRepo {
  const getIssue = db.prepare<[string, number], IssueRow>(
    'SELECT * FROM github_issues WHERE repo = ? AND number = ?',
  );
  const putIssue =
    db.prepare(`INSERT INTO github_issues (repo, number, title, state, milestone, labels, updated_at, synced_at)
    VALUES (@repo, @number, @title, @state, @milestone, @labels, @updatedAt, @syncedAt)
    ON CONFLICT (repo, number) DO UPDATE SET title = excluded.title, state = excluded.state,
      milestone = excluded.milestone, labels = excluded.labels, updated_at = excluded.updated_at,
      synced_at = excluded.synced_at`);
  const listIssues = db.prepare<[string], IssueRow>(
    'SELECT * FROM github_issues WHERE repo = ? ORDER BY number',
  );
  const getItem = db.prepare<[string, string], BoardRow>(
    'SELECT * FROM github_board_items WHERE board = ? AND item_id = ?',
  );
  const putItem =
    db.prepare(`INSERT INTO github_board_items (board, item_id, issue_repo, issue_number, status, stage,
      sig, prr_status, fields, archived, updated_at, synced_at)
    VALUES (@board, @itemId, @issueRepo, @issueNumber, @status, @stage, @sig, @prrStatus, @fields, @archived,
      @updatedAt, @syncedAt)
    ON CONFLICT (board, item_id) DO UPDATE SET issue_repo = excluded.issue_repo,
      issue_number = excluded.issue_number, status = excluded.status, stage = excluded.stage, sig = excluded.sig,
      prr_status = excluded.prr_status, fields = excluded.fields, archived = excluded.archived,
      updated_at = excluded.updated_at, synced_at = excluded.synced_at`);
  const removeItem = db.prepare('DELETE FROM github_board_items WHERE board = ? AND item_id = ?');
  const listItems = db.prepare<[string], BoardRow>(
    'SELECT * FROM github_board_items WHERE board = ? ORDER BY item_id',
  );

  return {
    getIssue: (repo, number) => {
      const row = getIssue.get(repo, number);
      return row ? toIssue(row) : null;
    },
    putIssue: (issue, syncedAt) => {
      const row = { ...issue, labels: toJson([...issue.labels].sort()), syncedAt: syncedAt.toISOString() };
      storeRow(
        `issue ${issue.repo}#${issue.number}`,
        'an issue needs a positive number and state OPEN or CLOSED',
        () => putIssue.run(row),
      );
    },
    listIssues: (repo, filter = {}) => {
      const all = listIssues.all(repo).map(toIssue);
      if (filter.milestone === undefined && filter.label === undefined) return all;
      return all.filter(
        (i) =>
          (filter.milestone !== undefined && i.milestone === filter.milestone) ||
          (filter.label !== undefined && i.labels.includes(filter.label)),
      );
    },
    getBoardItem: (board, itemId) => {
      const row = getItem.get(board, itemId);
      return row ? toBoardItem(row) : null;
    },
    putBoardItem: (item, syncedAt) => {
      const row = {
        ...item,
        fields: toJson(item.fields),
        archived: item.archived ? 1 : 0,
        syncedAt: syncedAt.toISOString(),
      };
      storeRow(
        `board item ${item.itemId} of ${item.board}`,
        'a board item needs a board and an item id',
        () => putItem.run(row),
      );
    },
    removeBoardItem: (board, itemId) => {
      removeItem.run(board, itemId);
    },
    listBoardItems: (board) => listItems.all(board).map(toBoardItem),
  };
}
