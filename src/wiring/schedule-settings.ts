import type { ResolvedConfig } from '../config/resolved-config.ts';
import { parseCron } from '../domain/cron.ts';
import { milestoneInstant } from '../domain/deadline-alerts.ts';
import type { RoundCadence, ScheduleSettings } from '../ports/schedule.ts';

/** A SIG that gets no rounds, and why (printed by `drumbeat simulate`, logged at start). */
export interface RoundlessSig {
  sig: string;
  reason: string;
}

const dayMs = 86_400_000;

/** The release cycle rounds and digests run in: from its cycle start to the end of release day. */
export function roundsWindow(config: ResolvedConfig): ScheduleSettings['roundsWindow'] {
  const milestones = config.release.milestones;
  const start = milestones.find((m) => m.kind === 'cycle-start') ?? milestones[0];
  const end = milestones.find((m) => m.kind === 'release') ?? milestones.at(-1);
  const from = start ? milestoneInstant(start) : null;
  const endAt = end ? milestoneInstant(end) : null;
  const until = end && endAt ? new Date(end.at ? endAt.getTime() : endAt.getTime() + dayMs - 1) : null;
  return { from, until };
}

/**
 * What the scheduler runs, as plain values: the cadence of every SIG that gets rounds (a channel
 * and at least one facilitator, and a cron Drumbeat can evaluate) and the alert policy. The SIGs
 * left out are returned with the reason.
 */
export function scheduleSettingsFrom(config: ResolvedConfig): {
  settings: ScheduleSettings;
  roundless: RoundlessSig[];
} {
  const rounds: RoundCadence[] = [];
  const roundless: RoundlessSig[] = [];
  for (const sig of config.sigs) {
    const parsed = parseCron(sig.drumbeat.cron);
    if (!sig.channel) roundless.push({ sig: sig.dir, reason: 'no channel' });
    else if (sig.facilitators.length === 0) roundless.push({ sig: sig.dir, reason: 'no facilitators' });
    else if (!parsed.ok) roundless.push({ sig: sig.dir, reason: parsed.message });
    else
      rounds.push({
        sig: sig.dir,
        cron: sig.drumbeat.cron,
        timezone: sig.drumbeat.timezone,
        nudgeAfterMs: sig.drumbeat.nudgeAfterMs,
        closeAfterMs: sig.drumbeat.closeAfterMs,
        facilitators: sig.facilitators,
      });
  }
  const { kinds, leadTimesMs, leadTimesByKindMs } = config.release.alerts;
  return {
    settings: {
      release: config.release.name,
      rounds,
      roundsWindow: roundsWindow(config),
      alerts: { kinds, leadTimesMs, leadTimesByKindMs },
    },
    roundless,
  };
}
