import {
  checkPlannedIncrements,
  maxReleaseNoteLength,
  type PlanEntry,
  parseDependencies,
  parseIncrementPlan,
  type SigPlan,
} from '../domain/plan.ts';
import type { PlanningDeps } from '../ports/planning.ts';
import type { WithStore } from '../ports/store.ts';
import { authorize } from './authorize.ts';
import { loadPlanReadout, planReplyKey, planReplyModel } from './load-plan-readout.ts';

/** What `savePlan` takes: the planning ports, with the repos it uses. */
export type SavePlanDeps = WithStore<PlanningDeps, 'keps' | 'people' | 'planning'>;

/** One KEP's row of the plan form, as typed. */
export interface PlanDraftEntry {
  kep: number;
  /** `2:80, 3:60`; empty = not committed this release. */
  increments: string;
  /** `#1234, 5678`. */
  dependsOn: string;
  releaseNote: string;
}

export interface SavePlanInput {
  sig: string;
  slackUser: string;
  entries: PlanDraftEntry[];
  /** Unique per intended save (modal view id + hash). */
  idempotencyKey: string;
}

export type PlanField = 'increments' | 'dependsOn' | 'releaseNote';

export type SavePlanResult =
  | { ok: true; plan: SigPlan; created: boolean }
  | { ok: false; message: string; errors: Array<{ kep: number; field: PlanField; message: string }> };

/**
 * Saves the next version of a SIG's plan: each KEP with increments is committed, its confidence
 * checked against the caps at `now`. Refused for people who may not plan the SIG and once the
 * release plan is approved (then work outside it needs an exception). When the readout thread is
 * already posted, the new version is posted in it.
 */
export async function savePlan(deps: SavePlanDeps, input: SavePlanInput): Promise<SavePlanResult> {
  const { store, settings } = deps;
  const refusal = whyNot(deps, input);
  if (refusal) return { ok: false, message: refusal, errors: [] };
  const now = deps.clock.now();
  const errors: Array<{ kep: number; field: PlanField; message: string }> = [];
  const entries: PlanEntry[] = [];
  for (const draft of input.entries) {
    const entry = readEntry(deps, draft, now, errors);
    if (entry) entries.push(entry);
  }
  if (errors.length > 0) return { ok: false, message: 'Some rows need fixing.', errors };
  // KEPs the form did not show keep their row of the previous version (a form covers a subset).
  const previous = store.planning.latestPlan(settings.release, input.sig)?.entries ?? [];
  const kept = previous.filter((e) => !input.entries.some((d) => d.kep === e.kep));
  const { plan, created } = store.planning.savePlan({
    release: settings.release,
    sig: input.sig,
    entries: [...kept, ...entries].sort((a, b) => a.kep - b.kep),
    author: input.slackUser,
    savedAt: now.toISOString(),
    idempotencyKey: input.idempotencyKey,
  });
  if (created) {
    deps.logger.info('plan saved', { sig: plan.sig, version: plan.version, keps: entries.length });
    await postToReadout(deps, plan);
  }
  return { ok: true, plan, created };
}

function whyNot(deps: WithStore<PlanningDeps, 'people' | 'planning'>, input: SavePlanInput): string | null {
  const { store, settings } = deps;
  if (!settings.codingPeriod)
    return 'The config has no release.codingPeriod, so there are no increments to plan in; ask the release team to add one.';
  const person = store.people.getBySlackId(input.slackUser);
  if (!person)
    return 'Drumbeat does not know your Slack user: ask the release team to add you to `people` in the config.';
  const allowed = authorize(store.people, settings.permissions, input.slackUser, {
    kind: 'plan',
    sig: input.sig,
  });
  if (!allowed.ok) return allowed.message;
  const readout = store.planning.getReadout(settings.release);
  if (readout?.approvedAt)
    return `The ${settings.release} plan was approved on ${readout.approvedAt.slice(0, 10)}; work outside it needs an exception: \`/drumbeat exception\`.`;
  return null;
}

function readEntry(
  deps: WithStore<PlanningDeps, 'keps'>,
  draft: PlanDraftEntry,
  now: Date,
  errors: Array<{ kep: number; field: PlanField; message: string }>,
): PlanEntry | null {
  const fail = (field: PlanField, message: string) => {
    errors.push({ kep: draft.kep, field, message });
    return null;
  };
  const increments = parseIncrementPlan(draft.increments);
  if (!increments.ok) return fail('increments', increments.message);
  const dependsOn = parseDependencies(draft.dependsOn);
  const note = draft.releaseNote.replace(/\s+/g, ' ').trim();
  if (increments.value.length === 0) {
    if (note !== '' || draft.dependsOn.trim() !== '')
      return fail('increments', 'Say when it lands (e.g. "2:80"), or clear the row to leave it out.');
    return null;
  }
  const capProblem = checkPlannedIncrements(deps.settings.codingPeriod!, increments.value, now);
  if (capProblem) return fail('increments', capProblem);
  if (!dependsOn.ok) return fail('dependsOn', dependsOn.message);
  if (dependsOn.value.includes(draft.kep)) return fail('dependsOn', 'A KEP cannot depend on itself.');
  if (note === '') return fail('releaseNote', 'Write the line for the release notes.');
  if ([...note].length > maxReleaseNoteLength)
    return fail('releaseNote', `Keep the release note under ${maxReleaseNoteLength} characters.`);
  const kep = deps.store.keps.findByNumber(draft.kep)[0];
  return {
    kep: draft.kep,
    kepPath: kep?.path ?? '',
    title: kep?.title ?? `KEP-${draft.kep}`,
    stage: kep?.stage ?? null,
    increments: increments.value,
    dependsOn: dependsOn.value,
    releaseNote: note,
  };
}

/** A plan saved after the readout was posted goes in its thread as an update. */
async function postToReadout(
  deps: WithStore<PlanningDeps, 'keps' | 'planning'>,
  plan: SigPlan,
): Promise<void> {
  const readout = deps.store.planning.getReadout(deps.settings.release);
  if (!readout) return;
  const model = planReplyModel(plan, loadPlanReadout(deps.store, deps.settings), deps.settings, true);
  await deps.chat.post({
    key: planReplyKey(plan.release, plan.sig, plan.version),
    lane: 'interactive',
    threadOf: readout.parentKey,
    ...deps.messages.planReply(model),
  });
}
