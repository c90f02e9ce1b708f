import { type RoundPerson, type RoundSummary, roundKey, summariseRound } from '../domain/round.ts';
import type { ScheduleDeps } from '../ports/schedule.ts';
import type { RoundRecord } from '../ports/schedule-store.ts';
import type { WithStore } from '../ports/store.ts';
import { listRoundUpdates } from './list-round-updates.ts';
import { postRendered } from './post-rendered.ts';

/** What `closeRound` takes: the schedule ports, with the repos it uses. */
export type CloseRoundDeps = WithStore<ScheduleDeps, 'keps' | 'people' | 'rounds' | 'sigs' | 'statusUpdates'>;

/**
 * Closes a round: a reply in its thread says who updated, which KEPs changed state during the
 * round, which are stale (no update for the whole round), who is missing and who was away; then
 * the round is marked closed (status updates go to the channel again, or to the next round).
 * A closed round is left alone.
 */
export async function closeRound(
  deps: CloseRoundDeps,
  input: { round: RoundRecord; facilitators: readonly string[]; now: Date },
): Promise<RoundSummary> {
  const { store } = deps;
  const { round, now } = input;
  if (round.closedAt !== null && round.summary) return round.summary;
  const keps = round.kepPaths
    .map((path) => store.keps.getByPath(path))
    .filter((k) => k !== null)
    .map((k) => ({ path: k.path, number: k.number, title: k.title }));
  const openedAt = new Date(round.openedAt);
  const updates = listRoundUpdates(store, round.release, round.kepPaths, openedAt, now);
  const facilitators: RoundPerson[] = [...new Set(input.facilitators)].map((login) => {
    const person = store.people.getByGithub(login);
    return { github: person?.github ?? login, slack: person?.slack ?? null };
  });
  const away = new Map((round.nudge?.away ?? []).map((a) => [a.github.toLowerCase(), a]));
  for (const f of facilitators) {
    const until = store.people.getByGithub(f.github)?.outOfOfficeUntil ?? null;
    if (until !== null && Date.parse(until) > openedAt.getTime() && !away.has(f.github.toLowerCase()))
      away.set(f.github.toLowerCase(), { github: f.github, until });
  }
  const summary = summariseRound({
    keps,
    snapshot: round.snapshot,
    updates,
    facilitators,
    away: [...away.values()],
  });
  const message = deps.messages.roundSummary({
    sig: round.sig,
    sigName: store.sigs.get(round.sig)?.name ?? round.sig,
    release: round.release,
    openedAt,
    closedAt: now,
    kepCount: keps.length,
    summary,
  });
  const key = `${roundKey(round.sig, new Date(round.scheduledFor))}:summary`;
  await postRendered(deps.chat, { channel: round.channel, threadOf: round.parentKey }, key, message, {
    lane: 'scheduled',
  });
  store.rounds.close(round.id, now, summary);
  return summary;
}
