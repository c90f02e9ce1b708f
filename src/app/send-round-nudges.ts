import { nextDmInstant } from '../domain/quiet-hours.ts';
import { isAuthor, roundKey } from '../domain/round.ts';
import type { ScheduleDeps } from '../ports/schedule.ts';
import type { RoundNudgeOutcome, RoundRecord } from '../ports/schedule-store.ts';
import type { WithStore } from '../ports/store.ts';
import { listRoundUpdates } from './list-round-updates.ts';
import { roundRows } from './open-round.ts';
import { postRendered } from './post-rendered.ts';
import type { RemovalReadRepo } from './removed-keps.ts';

/** What `sendRoundNudges` takes: the schedule ports, with the repos it uses. */
export type RoundNudgesDeps = WithStore<
  ScheduleDeps,
  'keps' | 'people' | 'rounds' | 'sigs' | 'statusUpdates' | RemovalReadRepo
>;

/**
 * At a round's nudge time, each facilitator who has not updated any of the SIG's KEPs since the
 * round opened gets ONE DM listing the KEPs with an Update button each. A DM that falls in the
 * person's quiet hours (or quiet weekend) waits for their end (`notBefore`), the first minute it
 * may go, when that is before the round closes; one that could only arrive after the close is not
 * sent (logged; the summary lists the person as quiet until after the close). Every nudge expires
 * at the close, so a delivery held up by Slack is dropped rather than sent late. People out of
 * office are not nudged (listed as away). A round without KEPs nudges nobody. Returns who was
 * nudged, away, quiet, already updated or unreachable (no Slack user).
 */
export async function sendRoundNudges(
  deps: RoundNudgesDeps,
  input: { round: RoundRecord; facilitators: readonly string[]; now: Date },
): Promise<RoundNudgeOutcome> {
  const { store } = deps;
  const { round, now } = input;
  const outcome: Required<RoundNudgeOutcome> = {
    nudged: [],
    away: [],
    quiet: [],
    updated: [],
    unreachable: [],
  };
  const closeAt = new Date(round.closeAt);
  if (round.kepPaths.length > 0) {
    const updates = listRoundUpdates(store, round.release, round.kepPaths, new Date(round.openedAt), now);
    const rows = roundRows(store, round.sig, round.release);
    const sigName = store.sigs.get(round.sig)?.name ?? round.sig;
    for (const login of new Set(input.facilitators)) {
      const person = store.people.getByGithub(login);
      if (!person?.slack) {
        outcome.unreachable.push(login);
        continue;
      }
      if (updates.some((u) => isAuthor(u, { github: person.github, slack: person.slack }))) {
        outcome.updated.push(person.github);
        continue;
      }
      const timing = nextDmInstant(now, person);
      if (timing.kind === 'away') {
        outcome.away.push({ github: person.github, until: timing.until.toISOString() });
        continue;
      }
      if (timing.at >= closeAt) {
        deps.logger.info('nudge not sent: it could only arrive after the round closes', {
          sig: round.sig,
          github: person.github,
          firstAllowed: timing.at.toISOString(),
          closeAt: round.closeAt,
        });
        outcome.quiet.push({ github: person.github, until: timing.at.toISOString() });
        continue;
      }
      const message = deps.messages.nudge({
        sig: round.sig,
        sigName,
        release: round.release,
        channel: round.channel,
        closeAt,
        now,
        rows,
      });
      const key = `${roundKey(round.sig, new Date(round.scheduledFor))}:nudge:${person.github.toLowerCase()}`;
      await postRendered(deps.chat, { user: person.slack }, key, message, {
        lane: 'scheduled',
        expiresAt: closeAt,
        ...(timing.deferred ? { notBefore: timing.at } : {}),
      });
      outcome.nudged.push({ github: person.github, at: timing.at.toISOString() });
    }
  }
  store.rounds.markNudged(round.id, now, outcome);
  return outcome;
}
