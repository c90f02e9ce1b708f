import { type CronSpec, nextInstants, parseCron } from '../domain/cron.ts';
import { type AlertOccurrence, planAlerts } from '../domain/deadline-alerts.ts';
import type { RoundCadence, ScheduleDeps, ScheduleSettings } from '../ports/schedule.ts';
import type { RoundRecord } from '../ports/schedule-store.ts';
import type { WithStore } from '../ports/store.ts';
import { closeRound } from './close-round.ts';
import { openRound } from './open-round.ts';
import type { RemovalReadRepo } from './removed-keps.ts';
import { sendDeadlineAlerts } from './send-deadline-alerts.ts';
import { sendRoundNudges } from './send-round-nudges.ts';

/** What `runDueJobs` takes: the schedule ports, with the repos it uses. */
export type DueJobsDeps = WithStore<
  ScheduleDeps,
  | 'custody'
  | 'jobLedger'
  | 'keps'
  | 'milestones'
  | 'people'
  | 'planning'
  | 'rounds'
  | 'sigs'
  | 'statusUpdates'
  | RemovalReadRepo
>;

/** A job instant that is due. */
type Due =
  | { kind: 'round-close'; job: string; at: Date; round: RoundRecord }
  | { kind: 'round-open'; job: string; at: Date; cadence: RoundCadence }
  | { kind: 'round-nudge'; job: string; at: Date; round: RoundRecord }
  | { kind: 'alert'; job: string; at: Date; alert: AlertOccurrence };

/** What happened to one due instant. */
export interface JobReport {
  job: string;
  /** The scheduled instant, ISO-8601 UTC. */
  at: string;
  outcome: 'ran' | 'skipped' | 'failed';
  note: string;
}

export interface RunDueJobsResult {
  reports: JobReport[];
  /** The next instant anything is due (for a timer loop); null when nothing ever is. */
  nextDueAt: Date | null;
}

/** A job that failed this many times is skipped (and logged) instead of retried forever. */
const maxAttempts = 5;
const kindOrder: Record<Due['kind'], number> = {
  'round-close': 0,
  'round-open': 1,
  'round-nudge': 2,
  alert: 3,
};

/**
 * One scheduler pass at `now`: finds every job instant due since the last pass (rounds to open,
 * nudge and close; deadline alerts), records each in the ledger before it runs and when it
 * completes, and skips with a reason what no longer matters. Instants missed while the bot was
 * down are found because the pass starts where the last one ended: a round is opened late only if
 * it would not already be closed, a nudge goes only while its round is open, a close always runs,
 * and an alert goes only before its milestone (and only the latest missed one per milestone). The
 * first pass ever starts at `now`: nothing before the first start is sent. A completed instant
 * never runs again; one interrupted mid-run runs again (its messages have deterministic keys).
 */
export async function runDueJobs(
  deps: DueJobsDeps,
  input: { settings: ScheduleSettings; now: Date },
): Promise<RunDueJobsResult> {
  const { store, logger } = deps;
  const { settings, now } = input;
  const last = store.jobLedger.lastTick();
  const from = last && last < now ? last : new Date(now.getTime() - 1);
  if (!last) logFirstStart(deps, settings, now);
  const specs = parseCadences(deps, settings.rounds);
  const alerts = planAlerts(store.milestones.listByRelease(settings.release), settings.alerts);
  const due = collectDue(deps, settings, specs, alerts, from, now);
  const reports: JobReport[] = [];
  for (const item of due) {
    const report = await runOne(deps, settings, item, due, now);
    if (report) reports.push(report);
  }
  store.jobLedger.setLastTick(now);
  for (const r of reports)
    if (r.outcome === 'skipped') logger.info(`scheduler: skipped ${r.job} at ${r.at}: ${r.note}`);
  return { reports, nextDueAt: nextDue(deps, settings, specs, alerts, now) };
}

function logFirstStart(
  deps: WithStore<ScheduleDeps, 'milestones'>,
  settings: ScheduleSettings,
  now: Date,
): void {
  const past = planAlerts(deps.store.milestones.listByRelease(settings.release), settings.alerts).filter(
    (a) => a.at < now,
  );
  deps.logger.info('scheduler: first start; nothing scheduled before now is sent', {
    now: now.toISOString(),
    pastAlertsSkipped: past.length,
  });
}

function parseCadences(deps: Omit<ScheduleDeps, 'store'>, rounds: RoundCadence[]): Map<string, CronSpec> {
  const specs = new Map<string, CronSpec>();
  for (const cadence of rounds) {
    const parsed = parseCron(cadence.cron);
    if (parsed.ok) specs.set(cadence.sig, parsed.spec);
    else deps.logger.warn(`scheduler: no rounds for ${cadence.sig}: ${parsed.message}`);
  }
  return specs;
}

/** Cron instants of a cadence in (from, to], clipped to the release cycle. */
function cadenceInstants(
  settings: ScheduleSettings,
  cadence: RoundCadence,
  spec: CronSpec,
  from: Date,
  to: Date,
  limit?: number,
): Date[] {
  const { from: start, until } = settings.roundsWindow;
  const low = start && start.getTime() - 1 > from.getTime() ? new Date(start.getTime() - 1) : from;
  const high = until && until < to ? until : to;
  return nextInstants(spec, cadence.timezone, low, high, limit);
}

function collectDue(
  deps: WithStore<ScheduleDeps, 'jobLedger' | 'rounds'>,
  settings: ScheduleSettings,
  specs: Map<string, CronSpec>,
  alerts: AlertOccurrence[],
  from: Date,
  now: Date,
): Due[] {
  const { store } = deps;
  const due = new Map<string, Due>();
  const add = (d: Due) => due.set(`${d.job}|${d.at.toISOString()}`, d);
  for (const cadence of settings.rounds) {
    const spec = specs.get(cadence.sig);
    if (!spec) continue;
    for (const at of cadenceInstants(settings, cadence, spec, from, now))
      add({ kind: 'round-open', job: `round-open:${cadence.sig}`, at, cadence });
  }
  for (const alert of alerts)
    if (alert.at > from && alert.at <= now) add({ kind: 'alert', job: alert.job, at: alert.at, alert });
  for (const round of store.rounds.listOpen()) {
    const nudgeAt = new Date(round.nudgeAt);
    if (round.nudgedAt === null && nudgeAt <= now)
      add({ kind: 'round-nudge', job: `round-nudge:${round.sig}`, at: nudgeAt, round });
    const closeAt = new Date(round.closeAt);
    if (closeAt <= now) add({ kind: 'round-close', job: `round-close:${round.sig}`, at: closeAt, round });
  }
  for (const run of store.jobLedger.listUnfinished()) {
    const item = resumeUnfinished(deps, settings, alerts, run.job, new Date(run.scheduledFor), now);
    if (item) add(item);
  }
  return [...due.values()].sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() || kindOrder[a.kind] - kindOrder[b.kind] || a.job.localeCompare(b.job),
  );
}

/** A job left in `started` by an interrupted run, as a due item again (null when it cannot be). */
function resumeUnfinished(
  deps: WithStore<ScheduleDeps, 'jobLedger' | 'rounds'>,
  settings: ScheduleSettings,
  alerts: AlertOccurrence[],
  job: string,
  at: Date,
  now: Date,
): Due | null {
  const [kind = '', sig = ''] = job.split(':');
  const iso = at.toISOString();
  if (kind === 'alert') {
    const alert = alerts.find((a) => a.job === job && a.at.getTime() === at.getTime());
    return alert ? { kind: 'alert', job, at, alert } : null;
  }
  if (kind === 'round-open') {
    const cadence = settings.rounds.find((c) => c.sig === sig);
    return cadence ? { kind: 'round-open', job, at, cadence } : null;
  }
  const round = deps.store.rounds
    .list(sig)
    .find((r) => (kind === 'round-nudge' ? r.nudgeAt : r.closeAt) === iso && r.closedAt === null);
  if (!round) {
    deps.store.jobLedger.complete(job, at, now, 'nothing left to do after an interrupted run');
    return null;
  }
  return kind === 'round-nudge'
    ? { kind: 'round-nudge', job, at, round }
    : { kind: 'round-close', job, at, round };
}

/** Why a due instant should not run now, or null when it should. */
function skipReason(item: Due, batch: Due[], now: Date, releaseAt: Date | null): string | null {
  switch (item.kind) {
    case 'round-open': {
      const closeAt = item.at.getTime() + item.cadence.closeAfterMs;
      return now.getTime() >= closeAt
        ? 'missed while the bot was down; the round would already be closed'
        : null;
    }
    case 'round-nudge':
      if (releaseAt && item.at >= releaseAt) return 'the release is out; no nudges after it';
      return now >= new Date(item.round.closeAt) ? 'the round closes now; a nudge would come too late' : null;
    case 'round-close':
      return null;
    case 'alert': {
      if (now >= item.alert.deadline) return `the milestone passed at ${item.alert.deadline.toISOString()}`;
      const later = batch.find(
        (d) => d.kind === 'alert' && d.alert.milestoneId === item.alert.milestoneId && d.at > item.at,
      );
      return later && later.kind === 'alert' ? `superseded by the ${later.alert.leadLabel} alert` : null;
    }
  }
}

async function runOne(
  deps: DueJobsDeps,
  settings: ScheduleSettings,
  item: Due,
  batch: Due[],
  now: Date,
): Promise<JobReport | null> {
  const { jobLedger } = deps.store;
  const at = item.at.toISOString();
  const existing = jobLedger.get(item.job, item.at);
  if (existing && existing.status !== 'started') return null;
  const reason =
    existing && existing.attempts >= maxAttempts
      ? `failed ${existing.attempts} times; see the earlier errors in the log`
      : skipReason(item, batch, now, settings.roundsWindow.until);
  if (reason) {
    jobLedger.skip(item.job, item.at, now, reason);
    return { job: item.job, at, outcome: 'skipped', note: reason };
  }
  if (!jobLedger.begin(item.job, item.at, now)) return null;
  try {
    const note = await execute(deps, settings, item, now);
    jobLedger.complete(item.job, item.at, now, note);
    return { job: item.job, at, outcome: 'ran', note };
  } catch (error) {
    deps.logger.error(`scheduler: ${item.job} at ${at} failed; it runs again on the next pass`, { error });
    return {
      job: item.job,
      at,
      outcome: 'failed',
      note: error instanceof Error ? error.message : String(error),
    };
  }
}

function facilitatorsOf(settings: ScheduleSettings, sig: string): string[] {
  return settings.rounds.find((c) => c.sig === sig)?.facilitators ?? [];
}

async function execute(deps: DueJobsDeps, settings: ScheduleSettings, item: Due, now: Date): Promise<string> {
  switch (item.kind) {
    case 'round-open': {
      const result = await openRound(deps, {
        release: settings.release,
        cadence: item.cadence,
        scheduledFor: item.at,
        now,
      });
      if (result.kind === 'no-channel') return `no round: ${result.sig} has no channel the bot can post in`;
      if (result.kind === 'no-keps') return `no round: ${result.sig} has no KEP in ${settings.release}`;
      return result.kind === 'exists' ? 'already open' : `opened with ${result.keps} KEP(s)`;
    }
    case 'round-nudge': {
      const outcome = await sendRoundNudges(deps, {
        round: item.round,
        facilitators: facilitatorsOf(settings, item.round.sig),
        now,
      });
      return `nudged ${outcome.nudged.length}, away ${outcome.away.length}, quiet until after the close ${outcome.quiet?.length ?? 0}, updated ${outcome.updated.length}, unreachable ${outcome.unreachable.length}`;
    }
    case 'round-close': {
      const summary = await closeRound(deps, {
        round: item.round,
        facilitators: facilitatorsOf(settings, item.round.sig),
        now,
      });
      return `closed: ${summary.updatedBy.length} updater(s), ${summary.changes.length} change(s), ${summary.stale.length} stale`;
    }
    case 'alert': {
      const result = await sendDeadlineAlerts(deps, { release: settings.release, alert: item.alert, now });
      for (const problem of result.problems) deps.logger.warn(`scheduler: ${item.job}: ${problem}`);
      return `posted ${result.posted.length} alert(s)`;
    }
  }
}

function nextDue(
  deps: WithStore<ScheduleDeps, 'rounds'>,
  settings: ScheduleSettings,
  specs: Map<string, CronSpec>,
  alerts: AlertOccurrence[],
  now: Date,
): Date | null {
  const candidates: number[] = [];
  const horizon = new Date(now.getTime() + 400 * 86_400_000);
  for (const cadence of settings.rounds) {
    const spec = specs.get(cadence.sig);
    const next = spec ? cadenceInstants(settings, cadence, spec, now, horizon, 1)[0] : undefined;
    if (next) candidates.push(next.getTime());
  }
  const alert = alerts.find((a) => a.at > now);
  if (alert) candidates.push(alert.at.getTime());
  for (const round of deps.store.rounds.listOpen()) {
    if (round.nudgedAt === null) candidates.push(Date.parse(round.nudgeAt));
    candidates.push(Date.parse(round.closeAt));
  }
  const future = candidates.filter((t) => t > now.getTime());
  return future.length > 0 ? new Date(Math.min(...future)) : null;
}
