import type { AlertOccurrence } from '../domain/deadline-alerts.ts';
import { isFreezeKind } from '../domain/freeze-readiness.ts';
import { milestoneMeaning } from '../domain/milestone-phases.ts';
import { hasReadinessChecks, type NotReadyKep, notReadyFor } from '../domain/readiness.ts';
import type { DeadlineAlertModel, ScheduleDeps } from '../ports/schedule.ts';
import type { WithStore } from '../ports/store.ts';
import { listReleaseKeps } from './list-release-keps.ts';
import { postRendered } from './post-rendered.ts';
import { readinessContexts } from './readiness-context.ts';
import type { RemovalReadRepo } from './removed-keps.ts';

/** What `sendDeadlineAlerts` takes: the schedule ports, with the repos it uses. */
export type DeadlineAlertsDeps = WithStore<
  ScheduleDeps,
  'custody' | 'keps' | 'milestones' | 'planning' | 'statusUpdates' | RemovalReadRepo
>;

export interface DeadlineAlertResult {
  /** Outbox keys of the top-level posts, with the channel and how many KEPs were listed. */
  posted: Array<{ key: string; channel: string; notReady: number }>;
  /** Why an expected post was not made (no release channel, a SIG without a channel…). */
  problems: string[];
}

/**
 * Posts one deadline alert: in the release channel, the milestone, its instant, what it means and
 * every KEP in the release that is not ready for it with the reasons; and in the channel of each
 * SIG with KEPs not ready, the same alert listing just that SIG's KEPs. Each post expires at the
 * milestone: held up by Slack until then, it is dropped rather than posted after the fact. Keys are
 * `alert:<milestone id>:<lead>:release` and `alert:<milestone id>:<lead>:<sig>`.
 */
export async function sendDeadlineAlerts(
  deps: DeadlineAlertsDeps,
  input: { release: string; alert: AlertOccurrence; now: Date },
): Promise<DeadlineAlertResult> {
  const { store } = deps;
  const { alert, now, release } = input;
  const result: DeadlineAlertResult = { posted: [], problems: [] };
  const milestone = store.milestones.getById(alert.milestoneId);
  if (!milestone) {
    result.problems.push(`milestone ${alert.milestoneId} is no longer in the calendar`);
    return result;
  }
  const { keps, states } = listReleaseKeps(store, release);
  const context = isFreezeKind(milestone.kind) ? readinessContexts(store, release, now)(milestone.kind) : {};
  const notReady = notReadyFor(milestone.kind, keps, release, states, context);
  const base: Omit<DeadlineAlertModel, 'notReady' | 'kepCount' | 'keps' | 'scope'> = {
    milestone: {
      name: milestone.name,
      kind: milestone.kind,
      at: milestone.at ? new Date(milestone.at) : null,
      date: milestone.date,
    },
    deadline: alert.deadline,
    leadLabel: alert.leadLabel,
    now,
    release,
    meaning: milestone.kind ? (milestoneMeaning[milestone.kind] ?? null) : null,
    checked: hasReadinessChecks(milestone.kind),
  };
  const stem = `alert:${alert.milestoneId}:${alert.leadLabel}`;
  const releaseChannel = deps.channels.release;
  if (releaseChannel) {
    const message = deps.messages.deadlineAlert({
      ...base,
      notReady,
      kepCount: keps.length,
      keps: keps.map((k) => ({ number: k.number, sig: k.owningSig })),
      scope: { kind: 'release' },
    });
    await postRendered(deps.chat, { channel: releaseChannel }, `${stem}:release`, message, {
      lane: 'scheduled',
      expiresAt: alert.deadline,
    });
    result.posted.push({ key: `${stem}:release`, channel: releaseChannel, notReady: notReady.length });
  } else {
    result.problems.push('no release channel: set workspace.channels.release and invite the bot');
  }
  for (const [sig, list] of groupBySig(notReady)) {
    const channel = deps.channels.sig(sig);
    if (channel !== null && channel === releaseChannel) continue; // already listed there
    if (!channel) {
      result.problems.push(`${sig} has ${list.length} KEP(s) not ready but no channel the bot can post in`);
      continue;
    }
    const message = deps.messages.deadlineAlert({
      ...base,
      notReady: list,
      kepCount: keps.filter((k) => k.owningSig === sig).length,
      keps: keps.filter((k) => k.owningSig === sig).map((k) => ({ number: k.number, sig })),
      scope: { kind: 'sig', sig },
    });
    await postRendered(deps.chat, { channel }, `${stem}:${sig}`, message, {
      lane: 'scheduled',
      expiresAt: alert.deadline,
    });
    result.posted.push({ key: `${stem}:${sig}`, channel, notReady: list.length });
  }
  return result;
}

function groupBySig(list: NotReadyKep[]): Map<string, NotReadyKep[]> {
  const out = new Map<string, NotReadyKep[]>();
  for (const item of list) {
    const sig = item.kep.owningSig;
    if (!sig) continue;
    out.set(sig, [...(out.get(sig) ?? []), item]);
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}
