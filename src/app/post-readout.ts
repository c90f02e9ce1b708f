import type { PlanningDeps } from '../ports/planning.ts';
import type { WithStore } from '../ports/store.ts';
import type { RoundRecord } from '../ports/vote-store.ts';
import { loadPlanReadout, planReplyKey, planReplyModel, readoutParentKey } from './load-plan-readout.ts';
import { planWriteBack } from './plan-write-back.ts';
import { startVote } from './start-vote.ts';

/** What `postReadout` takes: the planning ports, with the repos it uses. */
export type PostReadoutDeps = WithStore<
  PlanningDeps,
  'githubSnapshots' | 'githubWriteBack' | 'keps' | 'people' | 'planning' | 'transaction' | 'votes'
>;

const minute = 60_000;
const hour = 60 * minute;

/** What a pass of the readout task did. */
export type ReadoutStep =
  | 'not-configured'
  | 'not-due'
  | 'waiting-for-plans'
  | 'posted'
  | 'waiting-for-parent'
  | 'vote-started'
  | 'voting'
  | 'approved'
  | 'done';

/**
 * The planning readout, as a scheduled task (idempotent: every pass may call it). From the planning
 * event on: posts the readout thread once (each SIG's latest plan as a reply, uncommitted
 * dependencies flagged), then starts the fist-to-five vote on the whole plan in that thread with the
 * facilitators of the SIGs that planned as electorate. While the vote runs it watches its rounds: when
 * a round approves, every latest plan version is marked approved and the approved label is planned
 * for every committed KEP issue. A failed round changes nothing (plans stay editable); the vote's
 * owner starts the re-vote in the same thread with the Re-vote button.
 */
export async function postReadout(
  deps: PostReadoutDeps,
  now: Date,
): Promise<{ step: ReadoutStep; nextDueAt: Date | null }> {
  const { settings, store } = deps;
  if (!settings.readoutAt || !settings.releaseChannel) return { step: 'not-configured', nextDueAt: null };
  const dueAt = new Date(settings.readoutAt);
  if (now < dueAt) return { step: 'not-due', nextDueAt: dueAt };
  let readout = store.planning.getReadout(settings.release);
  if (!readout) {
    const posted = await postThread(deps, settings.releaseChannel, now);
    if (!posted) return { step: 'waiting-for-plans', nextDueAt: new Date(now.getTime() + hour) };
    readout = posted;
  }
  if (readout.approvedAt) return { step: 'done', nextDueAt: null };
  if (readout.voteId === null) {
    const parent = await deps.chat.getDelivery(readout.parentKey);
    if (!parent?.ts || !parent.channel)
      return { step: 'waiting-for-parent', nextDueAt: new Date(now.getTime() + minute) };
    const started = await startReadoutVote(deps, parent.channel, parent.ts);
    if (!started) return { step: 'waiting-for-plans', nextDueAt: null };
    return { step: 'vote-started', nextDueAt: new Date(now.getTime() + minute) };
  }
  const rounds = store.votes.rounds(readout.voteId);
  const approved = rounds.find((r) => r.outcome === 'approved');
  if (approved) {
    await approvePlan(deps, readout.voteId, approved, now);
    return { step: 'approved', nextDueAt: null };
  }
  // While a round is open, look every minute; after a failed round, hourly for the re-vote (the
  // cron scheduler passes every minute anyway; a timer-driven one would otherwise sleep for ever).
  const open = rounds.some((r) => r.closedAt === null);
  return { step: 'voting', nextDueAt: new Date(now.getTime() + (open ? minute : hour)) };
}

async function postThread(deps: WithStore<PlanningDeps, 'keps' | 'planning'>, channel: string, now: Date) {
  const { store, settings } = deps;
  const model = loadPlanReadout(store, settings);
  if (model.plans.length === 0) {
    deps.logger.info('planning readout is due, but no SIG has a plan yet; waiting', {
      release: settings.release,
    });
    return null;
  }
  const parentKey = readoutParentKey(settings.release);
  await deps.chat.post({ key: parentKey, lane: 'scheduled', channel, ...deps.messages.readoutParent(model) });
  for (const plan of model.plans)
    await deps.chat.post({
      key: planReplyKey(plan.release, plan.sig, plan.version),
      lane: 'scheduled',
      threadOf: parentKey,
      ...deps.messages.planReply(planReplyModel(plan, model, settings, false)),
    });
  const { readout } = store.planning.createReadout({
    release: settings.release,
    channel,
    parentKey,
    postedAt: now.toISOString(),
  });
  deps.logger.info('planning readout posted', { release: settings.release, sigs: model.plans.length });
  return readout;
}

/** Starts the vote on the whole plan; false when nobody can vote (no facilitator with a Slack user). */
async function startReadoutVote(
  deps: WithStore<PlanningDeps, 'people' | 'planning'>,
  channel: string,
  threadTs: string,
): Promise<boolean> {
  const { store, settings } = deps;
  const plans = store.planning.latestPlans(settings.release);
  const logins = [...new Set(plans.flatMap((p) => settings.facilitators[p.sig] ?? []))];
  const members = logins
    .map((login) => store.people.getByGithub(login)?.slack ?? null)
    .filter((id): id is string => id !== null);
  const owner = settings.voteOwner ?? members[0];
  if (!owner || members.length === 0) {
    deps.logger.warn('planning readout: no facilitator with a Slack user to vote', {
      release: settings.release,
    });
    return false;
  }
  const result = await startVote(deps.votes, {
    question: `Approve the ${settings.release} release plan of ${plans.map((p) => p.sig).join(', ')}?`,
    owner,
    channel,
    threadTs,
    electorate: { kind: 'people', source: null, members },
    ...settings.vote,
    link: null,
    kepIssues: [],
    idempotencyKey: `planning-readout:${settings.release}`,
  });
  if (!result.ok) {
    deps.logger.warn('planning readout: the vote did not start', { message: result.message });
    return false;
  }
  store.planning.setReadoutVote(settings.release, result.vote.id);
  return true;
}

/** Marks every latest plan version approved and plans the approved label for every committed issue. */
async function approvePlan(
  deps: WithStore<PlanningDeps, 'githubSnapshots' | 'githubWriteBack' | 'planning' | 'transaction'>,
  voteId: number,
  round: RoundRecord,
  now: Date,
): Promise<void> {
  const { store, settings } = deps;
  const readout = store.planning.getReadout(settings.release)!;
  const plans = store.planning.latestPlans(settings.release);
  const issues = [...new Set(plans.flatMap((p) => p.entries.map((e) => e.kep)))].sort((a, b) => a - b);
  const first = store.transaction(() => {
    if (!store.planning.approveReadout(settings.release, now.toISOString(), round.number)) return false;
    store.planning.approvePlans(
      plans.map((p) => p.id),
      now.toISOString(),
    );
    return true;
  });
  if (!first) return;
  const labels = planWriteBack(deps, {
    repo: settings.github.repo,
    label: settings.github.approvedLabel,
    reason: `${settings.release} release plan approved (vote ${voteId}, round ${round.number})`,
    issueNumbers: issues,
  });
  await deps.chat.post({
    key: `${readout.parentKey}:approved`,
    lane: 'scheduled',
    threadOf: readout.parentKey,
    ...deps.messages.planApproved({
      release: settings.release,
      sigs: plans.map((p) => p.sig),
      labelsPlanned: labels.planned.map((a) => a.issueNumber),
      alreadyPlanned: [...labels.existing.map((a) => a.issueNumber), ...labels.alreadyLabelled],
    }),
  });
  deps.logger.info('release plan approved', { release: settings.release, issues: issues.length });
}
