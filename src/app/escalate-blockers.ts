import {
  type BlockingParty,
  blockingParty,
  dueSteps,
  type LadderPosition,
  type LadderTarget,
  ladderTargetLabel,
  nextStepAt,
  tellsRecipient,
} from '../domain/escalation-ladder.ts';
import { nextDmInstant } from '../domain/quiet-hours.ts';
import { isInRelease } from '../domain/release-membership.ts';
import type { Blocker } from '../domain/status.ts';
import type { EscalationDeps } from '../ports/escalation.ts';
import type { EscalationState, NewEscalationMessage } from '../ports/escalation-store.ts';
import type { WithStore } from '../ports/store.ts';
import { announceResolutions, droppedReasonPrefix } from './announce-resolutions.ts';
import { deliverEscalationMessages } from './deliver-escalation-messages.ts';
import { owningSigOf } from './describe-blocker.ts';
import { callOutCycles, releaseBrokenCycles } from './track-cycles.ts';

/** What `escalateBlockers` takes: the escalation ports, with the repos it uses. */
export type EscalateBlockersDeps = WithStore<
  EscalationDeps,
  'blockers' | 'escalations' | 'keps' | 'milestones' | 'people' | 'sigs' | 'statusUpdates' | 'transaction'
>;

/** What one pass did. */
export interface EscalationReport {
  /** `blocker:step` pairs done this pass, with what each produced. */
  steps: Array<{ blockerId: number; step: number; note: string }>;
  /** Blockers closed because their KEP left the release. */
  dropped: number[];
  /** Cycles called out this pass (`KEP-1 → KEP-2 → KEP-1`). */
  cycles: string[];
  /** Cycles called out earlier that are gone this pass. */
  cyclesBroken: string[];
  /** Blockers whose resolution was posted this pass. */
  announced: number;
  /** The next instant a step is due; null when none ever is. */
  nextDueAt: Date | null;
}

type Work = { blocker: Blocker; party: BlockingParty };

/**
 * One pass of the escalation ladder at `now` (the scheduled task): messages left unsent by an
 * interrupted pass go first; blockers whose KEP left the release close with a note; dependency
 * cycles are recomputed every pass: a new one is called out once in the PM channel and its
 * blockers climb no further, a gone one is said once and its blockers climb again from their age; every ladder step that is due
 * runs once per blocker (the step row and its message are stored in one transaction, then sent
 * under a deterministic key), blockers with the same blocking party share one message per step;
 * resolutions are posted in every thread that heard of them.
 */
export async function escalateBlockers(deps: EscalateBlockersDeps, now: Date): Promise<EscalationReport> {
  const { store, settings } = deps;
  await deliverEscalationMessages(deps, 'scheduled');
  const open = store.blockers.listOpen({ release: settings.release });
  const states = new Map(open.map((b) => [b.id, store.escalations.ensure(b.id, inRelease(deps, b), now)]));
  const dropped = closeDropped(deps, open, states, now);
  const live = open.filter((b) => !dropped.includes(b.id));
  const cycles = callOutCycles(deps, live, now);
  const cyclesBroken = await releaseBrokenCycles(deps, live, now);
  const climbing = live.filter((b) => store.escalations.get(b.id)?.cycleKey === null);
  const steps = runDueSteps(deps, climbing, now);
  await deliverEscalationMessages(deps, 'scheduled');
  const announced = await announceResolutions(deps, 'scheduled');
  return { steps, dropped, cycles, cyclesBroken, announced, nextDueAt: nextDue(deps, climbing, now) };
}

function inRelease(deps: WithStore<EscalationDeps, 'keps'>, blocker: Blocker): boolean {
  const kep = deps.store.keps.getByPath(blocker.kepPath);
  return kep !== null && isInRelease(kep, deps.settings.release);
}

function position(state: EscalationState | null, blocker: Blocker): LadderPosition {
  return {
    openedAt: new Date(blocker.openedAt),
    done: new Set(state?.steps ?? []),
    snoozedUntil: state?.snoozedUntil ? new Date(state.snoozedUntil) : null,
  };
}

/** Why the blocked KEP is no longer in the release, or null while it is. */
function droppedBecause(
  deps: WithStore<EscalationDeps, 'keps' | 'statusUpdates'>,
  blocker: Blocker,
  state: EscalationState,
): string | null {
  const { release, repo } = deps.settings;
  const kep = deps.store.keps.getByPath(blocker.kepPath);
  if (!kep) return `the KEP is no longer in ${repo}`;
  if (deps.store.statusUpdates.latest(kep.path, release)?.state === 'dropped') return `KEP reported dropped`;
  if (state.inRelease && !isInRelease(kep, release))
    return `its kep.yaml no longer puts it in ${release} (latest-milestone ${kep.latestMilestone ?? 'none'}, status ${kep.status ?? 'none'})`;
  return null;
}

function closeDropped(
  deps: WithStore<EscalationDeps, 'blockers' | 'escalations' | 'keps' | 'statusUpdates' | 'transaction'>,
  open: Blocker[],
  states: Map<number, EscalationState>,
  now: Date,
): number[] {
  const closed: number[] = [];
  for (const blocker of open) {
    const why = droppedBecause(deps, blocker, states.get(blocker.id)!);
    if (!why) continue;
    deps.store.transaction(() => {
      deps.store.blockers.close(blocker.id, 'drumbeat', `${droppedReasonPrefix}: ${why}`, now);
      deps.store.escalations.log({
        blockerId: blocker.id,
        kind: 'dropped',
        by: 'drumbeat',
        at: now.toISOString(),
        detail: why,
      });
    });
    closed.push(blocker.id);
  }
  return closed;
}

function runDueSteps(
  deps: WithStore<EscalationDeps, 'escalations' | 'keps' | 'people' | 'sigs' | 'transaction'>,
  climbing: Blocker[],
  now: Date,
) {
  const { store, settings } = deps;
  const byStep = new Map<number, Work[]>();
  for (const blocker of climbing) {
    const state = store.escalations.get(blocker.id);
    for (const step of dueSteps(settings.ladder, position(state, blocker), now, settings.businessDays)) {
      const party = blockingParty(blocker.target, (n) => owningSigOf(store, settings.release, n));
      byStep.set(step, [...(byStep.get(step) ?? []), { blocker, party }]);
    }
  }
  const done: EscalationReport['steps'] = [];
  for (const step of [...byStep.keys()].sort((a, b) => a - b)) {
    const work = byStep.get(step)!;
    store.transaction(() => {
      const notes = new Map<number, string[]>(work.map((w) => [w.blocker.id, []]));
      for (const target of settings.ladder[step]!.notify) planTarget(deps, step, target, work, now, notes);
      for (const w of work) {
        const note = notes.get(w.blocker.id)!.join('; ') || 'nothing to send';
        if (store.escalations.recordStep(w.blocker.id, step, now, note))
          done.push({ blockerId: w.blocker.id, step, note });
      }
    });
  }
  return done;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

const minId = (work: Work[]) => Math.min(...work.map((w) => w.blocker.id));

type Notes = Map<number, string[]>;
const noteAll = (notes: Notes, work: Work[], note: string) => {
  for (const w of work) notes.get(w.blocker.id)?.push(note);
};

/** Creates (or joins) the messages one ladder target gets for the blockers due at a step. */
function planTarget(
  deps: WithStore<EscalationDeps, 'escalations' | 'people' | 'sigs'>,
  step: number,
  target: LadderTarget,
  work: Work[],
  now: Date,
  notes: Notes,
) {
  const slug = ladderTargetLabel(target);
  switch (target.kind) {
    case 'pm-channel':
    case 'release-channel':
    case 'channel': {
      const channel =
        target.kind === 'channel'
          ? deps.channels.named(target.channel)
          : target.kind === 'pm-channel'
            ? deps.channels.pm
            : deps.channels.release;
      if (!channel) return noteAll(notes, work, `${slug}: no channel the bot can post in`);
      for (const group of groupBy(work, (w) => w.party.key).values())
        postOrJoin(deps, { step, slug, kind: 'post', channel, replyTo: null }, group, now, notes);
      return;
    }
    case 'blocking-sig':
      for (const group of groupBy(work, (w) => w.party.key).values()) {
        const party = group[0]!.party;
        if (party.kind === 'none') {
          noteAll(
            notes,
            group,
            `blocking-sig: no SIG owns ${party.name}; the PM channel hears of it at its step`,
          );
          continue;
        }
        const channel = deps.channels.sig(party.sig);
        if (!channel) {
          noteAll(notes, group, `blocking-sig: ${party.sig} has no channel the bot can post in`);
          continue;
        }
        const replyTo = deps.roundThread?.(party.sig) ?? null;
        postOrJoin(deps, { step, slug, kind: 'sig', channel, replyTo }, group, now, notes);
      }
      return;
    case 'facilitators':
      return dmFacilitators(deps, step, work, now, notes);
    case 'release-lead':
      return tellLead(deps, step, work, now, notes);
  }
}

interface Placement {
  step: number;
  slug: string;
  kind: 'post' | 'sig';
  channel: string;
  replyTo: string | null;
}

/** One message per blocking party: joins the party's open message for this step, else posts a new one. */
function postOrJoin(
  deps: WithStore<EscalationDeps, 'escalations'>,
  at: Placement,
  group: Work[],
  now: Date,
  notes: Notes,
) {
  const { escalations } = deps.store;
  const party = group[0]!.party.key;
  const active = escalations.activeMessage(at.step, at.slug, party);
  if (active) {
    escalations.join(
      active.key,
      group.map((w) => w.blocker.id),
      now,
    );
    return noteAll(notes, group, `${at.slug}: joined ${active.key}`);
  }
  const key = `escalation:${minId(group)}:step:${at.step}:${at.slug}`;
  escalations.createMessage(
    {
      key,
      kind: at.kind,
      step: at.step,
      target: at.slug,
      party,
      channel: at.channel,
      dmUser: null,
      threadKey: at.replyTo ?? key,
      replyTo: at.replyTo,
      notBefore: null,
      blockerIds: group.map((w) => w.blocker.id),
    },
    now,
  );
  noteAll(notes, group, `${at.slug}: ${key}`);
}

/** The first instant a DM may reach the person (quiet hours, out of office). */
function dmInstant(deps: WithStore<EscalationDeps, 'people'>, slack: string, now: Date): string | null {
  const person = deps.store.people.getBySlackId(slack);
  if (!person) return null;
  const timing = nextDmInstant(now, person);
  const at = timing.kind === 'send' ? timing.at : timing.until;
  return at > now ? at.toISOString() : null;
}

function dmMessage(
  deps: WithStore<EscalationDeps, 'escalations' | 'people'>,
  base: Omit<NewEscalationMessage, 'notBefore' | 'threadKey' | 'replyTo' | 'channel'>,
  user: string,
  now: Date,
) {
  deps.store.escalations.createMessage(
    {
      ...base,
      dmUser: user,
      channel: null,
      threadKey: base.key,
      replyTo: null,
      notBefore: dmInstant(deps, user, now),
    },
    now,
  );
}

/**
 * The blocked KEP's SIG facilitators, by DM (after their quiet hours): one DM per person per pass,
 * about the blockers they did not declare themselves at the first step.
 */
function dmFacilitators(
  deps: WithStore<EscalationDeps, 'escalations' | 'people' | 'sigs'>,
  step: number,
  work: Work[],
  now: Date,
  notes: Notes,
) {
  for (const group of groupBy(work, (w) => w.blocker.sig).values()) {
    const logins = deps.store.sigs.get(group[0]!.blocker.sig)?.facilitators ?? [];
    const reached: string[] = [];
    for (const login of logins) {
      const slack = deps.store.people.getByGithub(login)?.slack;
      if (!slack) continue;
      const theirs = group.filter((w) => tellsRecipient(step, w.blocker.openedBy, slack));
      if (theirs.length === 0) continue;
      const key = `escalation:${minId(theirs)}:step:${step}:dm:${login.toLowerCase()}`;
      const base = {
        key,
        kind: 'dm' as const,
        step,
        target: 'facilitators',
        party: theirs[0]!.party.key,
        dmUser: slack,
      };
      dmMessage(deps, { ...base, blockerIds: theirs.map((w) => w.blocker.id) }, slack, now);
      reached.push(login);
    }
    noteAll(
      notes,
      group,
      reached.length ? `facilitators: DM ${reached.join(', ')}` : 'facilitators: nobody to DM',
    );
  }
}

/** The release lead, mentioned in the PM-channel thread of the blockers (a DM when there is none). */
function tellLead(
  deps: WithStore<EscalationDeps, 'escalations' | 'people'>,
  step: number,
  work: Work[],
  now: Date,
  notes: Notes,
) {
  const lead = deps.settings.leadSlack;
  if (!lead) return noteAll(notes, work, 'release-lead: no release lead with a Slack user');
  const { escalations } = deps.store;
  const pmOf = (w: Work) =>
    escalations.messagesOf(w.blocker.id).find((m) => m.kind === 'post' && m.target === 'pm-channel') ?? null;
  for (const group of groupBy(work, (w) => pmOf(w)?.key ?? '').values()) {
    const pm = pmOf(group[0]!);
    const key = `escalation:${minId(group)}:step:${step}:release-lead`;
    const base = { key, kind: 'lead' as const, step, target: 'release-lead', party: group[0]!.party.key };
    const blockerIds = group.map((w) => w.blocker.id);
    if (pm) {
      escalations.createMessage(
        {
          ...base,
          blockerIds,
          channel: pm.channel,
          dmUser: null,
          threadKey: pm.threadKey,
          replyTo: pm.key,
          notBefore: null,
        },
        now,
      );
      noteAll(notes, group, `release-lead: mentioned in ${pm.key}`);
    } else {
      dmMessage(deps, { ...base, key: `${key}:dm`, dmUser: lead, blockerIds }, lead, now);
      noteAll(notes, group, 'release-lead: DM (no PM-channel post to mention them in)');
    }
  }
}

function nextDue(
  deps: WithStore<EscalationDeps, 'blockers' | 'escalations'>,
  climbing: Blocker[],
  now: Date,
): Date | null {
  let next: Date | null = null;
  for (const blocker of climbing) {
    if (deps.store.blockers.get(blocker.id)?.closedAt) continue;
    const state = deps.store.escalations.get(blocker.id);
    const at = nextStepAt(deps.settings.ladder, position(state, blocker), now, deps.settings.businessDays);
    if (at && (next === null || at < next)) next = at;
  }
  return next;
}
