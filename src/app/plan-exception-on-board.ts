/**
 * A request made or decided in Slack, written to the tracking board as the handbook keeps it
 * (Status, Exception Request Type, Exception Status, PRs, Additional Time, dates, the Slack
 * thread): planned as write-back actions on the KEP's board item, applied by the next sync when
 * write-back is on, and shown by `drumbeat sync --dry-run` until then.
 */
import { boardFieldsForRequest, boardRequester, planBoardFieldActions } from '../domain/board-exception.ts';
import type { ExceptionRequest } from '../domain/exception.ts';
import type { PlanningDeps } from '../ports/planning.ts';
import type { WithStore } from '../ports/store.ts';

/** What `planExceptionOnBoard` takes: the planning ports, with the repos it uses. */
export type PlanExceptionOnBoardDeps = WithStore<PlanningDeps, 'githubSnapshots' | 'githubWriteBack'>;

export function planExceptionOnBoard(
  deps: PlanExceptionOnBoardDeps,
  request: ExceptionRequest,
  now: Date,
): number {
  const board = deps.settings.board;
  if (!board || request.requester === boardRequester) return 0;
  const item = deps.store.githubSnapshots
    .listBoardItems(board.key)
    .find((i) => i.issueNumber === request.kep && !i.archived);
  const actions = planBoardFieldActions({
    repo: deps.settings.github.repo,
    issueNumber: request.kep,
    wanted: boardFieldsForRequest(request, request.threadUrl),
    names: board.names,
    current: item?.fields ?? {},
    reason: `exception request #${request.id} ${request.status === 'open' ? 'made' : request.status} in Slack`,
  });
  return deps.store.githubWriteBack.plan(actions, now).filter((p) => p.created).length;
}
