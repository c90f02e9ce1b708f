import { type CodingPeriod, checkConfidence } from '../domain/confidence.ts';
import type { KepState } from '../domain/kep-state.ts';
import { type Blocker, type StatusSource, type StatusUpdate, sameBlockerTarget } from '../domain/status.ts';
import type { BlockerRef } from '../domain/status-command.ts';
import {
  chooseIncrement,
  explainCap,
  type IncrementChoice,
  plannedIncrement,
} from '../domain/status-increment.ts';
import type { Clock } from '../ports/clock.ts';
import type { Store, StoredKep } from '../ports/store.ts';
import { resolveKep } from './resolve-kep.ts';
import { whoMayUpdate } from './who-may-update.ts';

/** The repos `recordStatus` reads and writes. */
export type RecordStatusStore = Pick<
  Store,
  'blockers' | 'keps' | 'people' | 'planning' | 'statusUpdates' | 'transaction'
>;

/** The release settings a status update is checked against. */
export interface StatusPolicy {
  release: string;
  codingPeriod: CodingPeriod | null;
  /** GitHub logins allowed to update every SIG's KEPs. */
  admins: string[];
  /** GitHub logins allowed to update each SIG's KEPs, by SIG dir (facilitators, chairs…). */
  updaters: Record<string, string[]>;
  /** `owner/name` of the enhancements repository (`github.repo`), named when a KEP is unknown. */
  repo: string;
}

export interface RecordStatusInput {
  slackUser: string;
  kep: number;
  state: KepState;
  confidence: number | null;
  /** The increment (1-based) the remaining work lands in; caps confidence when known. */
  increment: number | null;
  note: string;
  blockers: BlockerRef[];
  source: StatusSource;
  /** Unique per intended update (the Slack trigger id, the view id + hash…). */
  idempotencyKey: string;
}

/** What a person not in `people:` is told: the bot cannot tell which SIGs they report for. */
export const unknownPersonMessage =
  'Drumbeat does not know your GitHub login yet, so it cannot tell which SIGs you report for. ' +
  'Ask a release admin to add you under `people:` in drumbeat.yaml (github + slack user id).';

export type RecordStatusRefusal = {
  ok: false;
  reason: 'unknown-person' | 'unknown-kep' | 'not-allowed' | 'over-cap';
  message: string;
  /** Which input it is about, for field-by-field modal errors. */
  field: 'kep' | 'confidence' | 'increment' | null;
};

export type RecordStatusResult =
  | {
      ok: true;
      update: StatusUpdate;
      previous: StatusUpdate | null;
      kep: StoredKep;
      /** True when this idempotency key was already recorded: nothing new was stored. */
      duplicate: boolean;
      opened: Blocker[];
      closed: Blocker[];
    }
  | RecordStatusRefusal;

/**
 * Records a facilitator's status update: checks who may update the KEP's SIG, caps confidence by
 * the increment, stores the update once per idempotency key, opens the blockers it names and
 * closes the ones a no-longer-blocked update leaves behind — all in one transaction.
 */
export function recordStatus(
  deps: { store: RecordStatusStore; clock: Clock },
  policy: StatusPolicy,
  input: RecordStatusInput,
): RecordStatusResult {
  const { store } = deps;
  const person = store.people.getBySlackId(input.slackUser);
  if (!person) {
    return {
      ok: false,
      reason: 'unknown-person',
      field: null,
      message: unknownPersonMessage,
    };
  }
  const lookup = resolveKep(store, input.kep, policy.release, policy.repo);
  if (!lookup.ok) return { ok: false, reason: 'unknown-kep', field: 'kep', message: lookup.message };
  const kep = lookup.kep;
  const sig = kep.owningSig ?? '';
  const allowed = whoMayUpdate(store, sig, policy.updaters[sig] ?? [], policy.admins);
  if (!allowed.logins.some((login) => login.toLowerCase() === person.github.toLowerCase())) {
    return { ok: false, reason: 'not-allowed', field: 'kep', message: allowed.refusal(`KEP-${kep.number}`) };
  }
  const now = deps.clock.now();
  const choice = chooseIncrement(policy.codingPeriod, now, {
    given: input.increment,
    planned: approvedPlanIncrement(store, policy.release, sig, kep.number),
    previous: store.statusUpdates.latest(kep.path, policy.release)?.increment ?? null,
  });
  const refusal = checkCap(policy, { kep: kep.number, sig, choice, confidence: input.confidence }, now);
  if (refusal) return refusal;
  const increment = choice.source === 'current' ? null : choice.increment;
  return store.transaction(() => {
    const { update, created } = store.statusUpdates.record({
      kepPath: kep.path,
      kepNumber: kep.number,
      sig,
      release: policy.release,
      state: input.state,
      confidence: input.confidence,
      increment,
      note: input.note,
      authorSlack: input.slackUser,
      authorGithub: person.github,
      source: input.source,
      idempotencyKey: input.idempotencyKey,
      createdAt: now.toISOString(),
    });
    const previous = store.statusUpdates.latest(kep.path, policy.release, update.id);
    if (!created)
      return { ok: true as const, update, previous, kep, duplicate: true, opened: [], closed: [] };
    const { opened, closed } = applyBlockers(store, update, input.blockers, now);
    return { ok: true as const, update, previous, kep, duplicate: false, opened, closed };
  });
}

/** The last increment of the KEP's work in the SIG's latest approved plan, or null. */
function approvedPlanIncrement(
  store: Pick<Store, 'planning'>,
  release: string,
  sig: string,
  kep: number,
): number | null {
  const approved = store.planning.listPlans(release, sig).filter((plan) => plan.approvedAt !== null);
  return plannedIncrement(approved.at(-1)?.entries.find((entry) => entry.kep === kep));
}

interface CapSubject {
  kep: number;
  sig: string;
  choice: IncrementChoice;
  confidence: number | null;
}

/** The refusal when the confidence is above the cap of the chosen increment, naming why that one. */
function checkCap(policy: StatusPolicy, subject: CapSubject, now: Date): RecordStatusRefusal | null {
  const { choice, confidence } = subject;
  if (!policy.codingPeriod || choice.increment === null || confidence === null) return null;
  const check = checkConfidence(policy.codingPeriod, choice.increment, confidence, now);
  if (check.ok) return null;
  // An increment the person named needs no explaining; one the bot chose says where it came from.
  if (choice.source === 'line' || check.cap === null)
    return {
      ok: false,
      reason: 'over-cap',
      // Over the cap: lower the confidence. No cap (an ended or unknown increment): pick another.
      field: check.cap === null && choice.source === 'line' ? 'increment' : 'confidence',
      message: check.reason,
    };
  const why = explainCap(subject.kep, subject.sig, choice, check.cap);
  return {
    ok: false,
    reason: 'over-cap',
    field: 'confidence',
    message: `${why}. ${check.reason}; name another increment with \`inc N\` if the work moved`,
  };
}

/** Opens the blockers an update names; closes open ones it no longer names (or all, when not blocked). */
function applyBlockers(
  store: Pick<Store, 'blockers'>,
  update: StatusUpdate,
  targets: BlockerRef[],
  now: Date,
) {
  const opened: Blocker[] = [];
  for (const target of targets) {
    const result = store.blockers.open({
      kepPath: update.kepPath,
      kepNumber: update.kepNumber,
      sig: update.sig,
      release: update.release,
      target,
      openedBy: update.authorSlack,
      openedAt: update.createdAt,
      openedByUpdate: update.id,
    });
    if (result.created) opened.push(result.blocker);
  }
  const stillBlocked = update.state === 'blocked';
  const closed: Blocker[] = [];
  for (const blocker of store.blockers.listOpen({ release: update.release, kepPath: update.kepPath })) {
    const named = targets.some((t) => sameBlockerTarget(t, blocker.target));
    const keep = named || (stillBlocked && targets.length === 0);
    if (keep) continue;
    const reason = stillBlocked ? 'no longer named in the latest update' : `KEP reported ${update.state}`;
    const done = store.blockers.close(blocker.id, update.authorSlack, reason, now);
    if (done) closed.push(done);
  }
  return { opened, closed };
}
