/**
 * The exception requests on the release tracking board (the board's view, as last synced), next to
 * the requests made in Slack: which board requests Slack has not seen, and which Slack requests
 * the board does not carry yet.
 */

import type { BoardFieldNames } from '../domain/board.ts';
import { type BoardException, boardExceptionOf } from '../domain/board-exception.ts';
import type { ExceptionRequest } from '../domain/exception.ts';
import type { GithubSnapshotRepo } from '../ports/github-store.ts';

export interface BoardExceptionView {
  /** Every board item with an `Exception Request Type`, by KEP number. */
  onBoard: Array<BoardException & { inSlack: ExceptionRequest | null }>;
  /** Requests made in Slack whose KEP's board item carries no request for that freeze. */
  slackOnly: ExceptionRequest[];
}

export interface BoardExceptionDeps {
  githubSnapshots: Pick<GithubSnapshotRepo, 'listBoardItems'>;
  planning: { listExceptions(release: string): ExceptionRequest[] };
}

const sameRequest = (b: BoardException, r: ExceptionRequest) => b.kep === r.kep && b.freeze === r.freeze;

export function listBoardExceptions(
  deps: BoardExceptionDeps,
  board: { key: string; names: BoardFieldNames },
  release: string,
): BoardExceptionView {
  const requests = deps.planning.listExceptions(release);
  const onBoard = deps.githubSnapshots
    .listBoardItems(board.key)
    .flatMap((item) => {
      if (item.issueNumber === null || item.archived) return [];
      const found = boardExceptionOf(item.issueNumber, item.fields, board.names);
      return found ? [{ ...found, inSlack: requests.find((r) => sameRequest(found, r)) ?? null }] : [];
    })
    .sort((a, b) => a.kep - b.kep);
  const slackOnly = requests.filter((r) => !onBoard.some((b) => sameRequest(b, r)));
  return { onBoard, slackOnly };
}
