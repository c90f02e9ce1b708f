import {
  type AnswerField,
  checkExceptionAnswers,
  checkRequestWindow,
  type ExceptionRequest,
  freezeInstant,
  type RawExceptionAnswers,
} from '../domain/exception.ts';
import type { PlanningDeps } from '../ports/planning.ts';
import type { WithStore } from '../ports/store.ts';
import { planExceptionOnBoard } from './plan-exception-on-board.ts';

/** What `requestException` takes: the planning ports, with the repos it uses. */
export type RequestExceptionDeps = WithStore<
  PlanningDeps,
  'githubSnapshots' | 'githubWriteBack' | 'keps' | 'planning'
>;

export interface RequestExceptionInput {
  slackUser: string;
  answers: RawExceptionAnswers;
  /** Unique per intended request (the modal's view id). */
  idempotencyKey: string;
}

export type RequestExceptionResult =
  | { ok: true; request: ExceptionRequest; created: boolean }
  | { ok: false; errors: Partial<Record<AnswerField, string>> };

/**
 * Records an exception request with the release team's answers and posts it in the release channel
 * with Approve / Reject buttons. Every answer is checked at once; a request outside the freeze's
 * window, or for a KEP Drumbeat does not know, is refused on that field.
 */
export async function requestException(
  deps: RequestExceptionDeps,
  input: RequestExceptionInput,
): Promise<RequestExceptionResult> {
  const { settings, store } = deps;
  const checked = checkExceptionAnswers(input.answers, settings.exceptions.freezes);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const answers = checked.value;
  const kep = store.keps.findByNumber(answers.kep)[0];
  if (!kep)
    return { ok: false, errors: { kep: `KEP ${answers.kep} is not one Drumbeat knows; check the number.` } };
  if (!settings.releaseChannel)
    return {
      ok: false,
      errors: {
        kep: 'The release channel is not set up, so requests cannot be posted; tell the release team.',
      },
    };
  const now = deps.clock.now();
  const window = checkRequestWindow(
    answers.freeze,
    freezeInstant(settings.calendar, answers.freeze),
    { beforeMs: settings.exceptions.windowBeforeMs, afterMs: settings.exceptions.windowAfterMs },
    now,
  );
  if (!window.ok) return { ok: false, errors: { freeze: window.reason } };
  const { request, created } = store.planning.addException({
    ...answers,
    release: settings.release,
    kepTitle: kep.title,
    sig: kep.owningSig,
    requester: input.slackUser,
    requestedAt: now.toISOString(),
    idempotencyKey: input.idempotencyKey,
  });
  if (created) {
    await deps.chat.post({
      key: request.postKey,
      lane: 'interactive',
      channel: settings.releaseChannel,
      ...deps.messages.exceptionPost(request, settings.exceptions.deciders),
    });
    planExceptionOnBoard(deps, request, now);
    deps.logger.info('exception requested', { id: request.id, kep: request.kep, freeze: request.freeze });
  }
  return { ok: true, request, created };
}
