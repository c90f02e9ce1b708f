import type { PulseAnswer } from '../domain/nps.ts';
import { readPulseScore } from '../domain/pulse.ts';
import type { Store } from '../ports/store.ts';

/** The repos a pulse answer is recorded in. */
export type PulseAnswerStore = Pick<Store, 'pulses'>;

export type PulseClick =
  | { kind: 'invalid' }
  | { kind: 'not-asked'; release: string }
  | { kind: 'closed'; release: string; closedAt: string | null }
  | { kind: 'recorded' | 'changed'; release: string; answer: PulseAnswer; closesAt: string; minimum: number };

/**
 * A click on a pulse button (`v1.35:7`): records or changes the person's score while the pulse is
 * open. Only people who were asked can answer.
 */
export function answerPulse(store: PulseAnswerStore, user: string, value: string): PulseClick {
  const { pulses } = store;
  const read = readPulseScore(value);
  if (!read) return { kind: 'invalid' };
  const pulse = pulses.get(read.release);
  if (!pulse) return { kind: 'invalid' };
  if (!pulses.invited(read.release).includes(user)) return { kind: 'not-asked', release: read.release };
  const outcome = pulses.answer(read.release, user, read.score);
  if (outcome === 'closed') return { kind: 'closed', release: read.release, closedAt: pulse.closedAt };
  const answer = pulses.answerOf(read.release, user) ?? { score: read.score, comment: null };
  return { kind: outcome, release: read.release, answer, closesAt: pulse.closesAt, minimum: pulse.minimum };
}

/** The comment of the person's answer (empty clears it); false when the pulse closed or they never answered. */
export function commentPulse(store: PulseAnswerStore, user: string, release: string, text: string): boolean {
  const comment = text.trim();
  return store.pulses.comment(release, user, comment === '' ? null : comment.slice(0, 2000));
}
