import type { ExceptionRequest } from '../domain/exception.ts';
import type { PlanningDeps } from '../ports/planning.ts';
import type { WithStore } from '../ports/store.ts';
import { authorize } from './authorize.ts';
import { planExceptionOnBoard } from './plan-exception-on-board.ts';

/** What `decideException` takes: the planning ports, with the repos it uses. */
export type DecideExceptionDeps = WithStore<
  PlanningDeps,
  'githubSnapshots' | 'githubWriteBack' | 'people' | 'planning'
>;

export interface DecideExceptionInput {
  id: number;
  decision: 'approved' | 'rejected';
  /** Slack user id of who clicked. */
  by: string;
}

export type DecideExceptionResult =
  | { ok: true; request: ExceptionRequest; decided: boolean }
  | { ok: false; message: string };

/**
 * Records the decision on an exception request once (the first decider wins; a second click says who
 * decided), with who and when and a link to its thread; replaces the buttons in the post with the
 * outcome and replies in the request's thread to the requester.
 */
export async function decideException(
  deps: DecideExceptionDeps,
  input: DecideExceptionInput,
): Promise<DecideExceptionResult> {
  const { store, settings } = deps;
  const before = store.planning.getException(input.id);
  if (!before) return { ok: false, message: 'This exception request no longer exists.' };
  const allowed = authorize(store.people, settings.permissions, input.by, { kind: 'exception-decision' });
  if (!allowed.ok) return allowed;
  if (before.status !== 'open') return { ok: true, request: before, decided: false };
  const now = deps.clock.now();
  const post = await deps.chat.getDelivery(before.postKey);
  const threadUrl =
    post?.channel && post.ts
      ? `https://slack.com/archives/${post.channel}/p${post.ts.replace('.', '')}`
      : null;
  const decided = store.planning.decideException(input.id, {
    status: input.decision,
    by: input.by,
    at: now.toISOString(),
    threadUrl,
  });
  const request = store.planning.getException(input.id)!;
  if (!decided) return { ok: true, request, decided: false };
  await deps.chat.update({
    key: `${request.postKey}:decided`,
    lane: 'interactive',
    target: { key: request.postKey },
    ...deps.messages.exceptionPost(request, settings.exceptions.deciders),
  });
  await deps.chat.post({
    key: `${request.postKey}:decision`,
    lane: 'interactive',
    threadOf: request.postKey,
    ...deps.messages.exceptionDecision(request),
  });
  planExceptionOnBoard(deps, request, now);
  deps.logger.info('exception decided', { id: request.id, status: request.status });
  return { ok: true, request, decided: true };
}
