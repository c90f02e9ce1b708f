import type { WithStore } from '../ports/store.ts';
/**
 * Exception requests made on the tracking board (the release team's place for them from v1.36 on)
 * join the ones made in Slack: each board request Slack has not seen is recorded once, posted in
 * the release channel (a thread where the release team can decide it, as for a Slack request),
 * and from then on shown in the weekly digest and on the App Home like any other request. A
 * request the board already shows as decided is recorded with its decision and not posted.
 */

import { type BoardException, boardRequester } from '../domain/board-exception.ts';
import { type ExceptionFreeze, exceptionFreezes } from '../domain/exception.ts';
import type { PlanningDeps } from '../ports/planning.ts';
import { listBoardExceptions } from './list-board-exceptions.ts';

/** What `importBoardExceptions` takes: the planning ports, with the repos it uses. */
export type ImportBoardExceptionsDeps = WithStore<PlanningDeps, 'githubSnapshots' | 'keps' | 'planning'>;

const inSlackFreezes = (f: BoardException['freeze']): f is ExceptionFreeze =>
  exceptionFreezes.includes(f as ExceptionFreeze);

async function record(
  deps: WithStore<PlanningDeps, 'keps' | 'planning'>,
  e: BoardException & { freeze: ExceptionFreeze },
  now: Date,
) {
  const { settings, store } = deps;
  const kep = store.keps.findByNumber(e.kep)[0];
  const seeBoard = 'see the tracking board';
  const { request, created } = store.planning.addException({
    release: settings.release,
    kep: e.kep,
    freeze: e.freeze,
    missing: e.notes ?? seeBoard,
    additionalTime: e.additionalTime ?? seeBoard,
    risk: seeBoard,
    pullRequests: e.pullRequests,
    kepTitle: kep?.title ?? `KEP-${e.kep}`,
    sig: kep?.owningSig ?? null,
    requester: boardRequester,
    requestedAt: e.requestDate
      ? new Date(`${e.requestDate.slice(0, 10)}T00:00:00Z`).toISOString()
      : now.toISOString(),
    idempotencyKey: `board:${settings.release}:${e.kep}:${e.freeze}`,
  });
  if (!created) return;
  if (e.status === 'approved' || e.status === 'rejected') {
    const at = e.decisionDate ? `${e.decisionDate.slice(0, 10)}T00:00:00.000Z` : now.toISOString();
    store.planning.decideException(request.id, {
      status: e.status,
      by: boardRequester,
      at,
      threadUrl: e.slackThread,
    });
    return;
  }
  if (!settings.releaseChannel) return;
  await deps.chat.post({
    key: request.postKey,
    lane: 'scheduled',
    channel: settings.releaseChannel,
    ...deps.messages.exceptionPost(request, settings.exceptions.deciders),
  });
  deps.logger.info('exception request from the board', { id: request.id, kep: e.kep, freeze: e.freeze });
}

/** Records and announces the board's requests Slack has not seen (each once); returns how many. */
export async function importBoardExceptions(deps: ImportBoardExceptionsDeps, now: Date): Promise<number> {
  const board = deps.settings.board;
  if (!board) return 0;
  const view = listBoardExceptions(deps.store, board, deps.settings.release);
  const fresh = view.onBoard.filter((e) => e.inSlack === null);
  let recorded = 0;
  for (const e of fresh) {
    if (!inSlackFreezes(e.freeze)) continue;
    await record(deps, { ...e, freeze: e.freeze }, now);
    recorded++;
  }
  return recorded;
}
