/**
 * The escalation ladder as pure rules: when each step of a blocker is due (business time when the
 * config says so), which steps are due at `now`, who the blocking party is, and how a blocker's
 * age reads. Time is always an argument.
 */
import { formatAge } from './age.ts';
import type { BlockerRef } from './status-command.ts';

/** The targets a ladder step may name as a word; the only other kind is `channel:<#name or id>`. */
export const namedLadderTargets = [
  'blocking-sig',
  'facilitators',
  'pm-channel',
  'release-channel',
  'release-lead',
] as const;

export type NamedLadderTarget = (typeof namedLadderTargets)[number];

/** Who hears of an unresolved blocker at a step (the config's `escalation.ladder[].notify`). */
export type LadderTarget = { kind: NamedLadderTarget } | { kind: 'channel'; channel: string };

const channelPrefix = 'channel:';

/** A target as written in the config (`pm-channel`, `channel:#sig-leads`); null when it names none. */
export function parseLadderTarget(text: string): LadderTarget | null {
  if (text.startsWith(channelPrefix)) {
    const channel = text.slice(channelPrefix.length);
    return channel === '' ? null : { kind: 'channel', channel };
  }
  const named = namedLadderTargets.find((kind) => kind === text);
  return named === undefined ? null : { kind: named };
}

/**
 * A target as the config writes it (`pm-channel`, `channel:C123`): the one label of a target, in
 * messages, digests, logs and message keys (so it must stay stable).
 */
export function ladderTargetLabel(target: LadderTarget): string {
  return target.kind === 'channel' ? `${channelPrefix}${target.channel}` : target.kind;
}

/** One rung: `afterMs` since the blocker was declared (business time when `businessDays`). */
export interface LadderStep {
  afterMs: number;
  notify: LadderTarget[];
}

/** What a blocker's place on the ladder depends on. */
export interface LadderPosition {
  openedAt: Date;
  /** Step indexes already done. */
  done: ReadonlySet<number>;
  /** No step before this instant (a snooze); null when not snoozed. */
  snoozedUntil: Date | null;
}

const dayMs = 86_400_000;

function isWeekend(dayStart: number): boolean {
  const weekday = new Date(dayStart).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * Time elapsed from `from` to `to`; with `businessDays`, Saturdays and Sundays (UTC) do not count.
 * Zero when `to` is not after `from`.
 */
export function elapsedMs(from: Date, to: Date, businessDays: boolean): number {
  if (to <= from) return 0;
  if (!businessDays) return to.getTime() - from.getTime();
  let total = 0;
  for (let t = from.getTime(); t < to.getTime(); ) {
    const dayEnd = Math.floor(t / dayMs) * dayMs + dayMs;
    const end = Math.min(dayEnd, to.getTime());
    if (!isWeekend(dayEnd - dayMs)) total += end - t;
    t = end;
  }
  return total;
}

/**
 * The instant at which `ms` of (business) time has passed since `from`: with `businessDays`, a
 * step two days after a Friday declaration is due on Tuesday. `ms` of 0 is `from` itself.
 */
export function addElapsed(from: Date, ms: number, businessDays: boolean): Date {
  if (ms <= 0) return from;
  if (!businessDays) return new Date(from.getTime() + ms);
  let left = ms;
  for (let t = from.getTime(); ; ) {
    const dayEnd = Math.floor(t / dayMs) * dayMs + dayMs;
    if (!isWeekend(dayEnd - dayMs)) {
      if (left <= dayEnd - t) return new Date(t + left);
      left -= dayEnd - t;
    }
    t = dayEnd;
  }
}

/** When step `index` of the ladder is due for a blocker (a snooze pushes it to the snooze's end). */
export function stepDueAt(
  ladder: LadderStep[],
  index: number,
  position: LadderPosition,
  businessDays: boolean,
): Date {
  const step = ladder[index];
  if (!step) throw new Error(`stepDueAt: the ladder has no step ${index}`);
  const due = addElapsed(position.openedAt, step.afterMs, businessDays);
  return position.snoozedUntil && position.snoozedUntil > due ? position.snoozedUntil : due;
}

/** Step indexes not done yet whose time has come at `now`, in ladder order. */
export function dueSteps(
  ladder: LadderStep[],
  position: LadderPosition,
  now: Date,
  businessDays: boolean,
): number[] {
  const due: number[] = [];
  for (let i = 0; i < ladder.length; i++) {
    if (position.done.has(i)) continue;
    if (stepDueAt(ladder, i, position, businessDays) <= now) due.push(i);
  }
  return due;
}

/** When the next step not done yet is due after `now`; null when every step is done. */
export function nextStepAt(
  ladder: LadderStep[],
  position: LadderPosition,
  now: Date,
  businessDays: boolean,
): Date | null {
  let next: Date | null = null;
  for (let i = 0; i < ladder.length; i++) {
    if (position.done.has(i)) continue;
    const at = stepDueAt(ladder, i, position, businessDays);
    if (at > now && (next === null || at < next)) next = at;
  }
  return next;
}

/**
 * Whether a personal notice (a DM) of step `step` goes to `recipient` for a blocker `declaredBy`
 * declared: the first step never tells the person who just declared it; later steps remind everyone.
 */
export function tellsRecipient(step: number, declaredBy: string, recipient: string): boolean {
  return step > 0 || declaredBy !== recipient;
}

/** The highest step done, or -1 before the first. */
export function stepReached(done: ReadonlySet<number>): number {
  return done.size === 0 ? -1 : Math.max(...done);
}

/** How old a blocker is: `3d` (or `3d (business days)`); `just now` under a minute. */
export function describeBlockerAge(openedAt: Date, now: Date, businessDays: boolean): string {
  const ms = elapsedMs(openedAt, now, businessDays);
  const age = formatAge(new Date(now.getTime() - ms), now);
  return businessDays && ms >= dayMs ? `${age} (business days)` : age;
}

/**
 * What a blocker waits on, for grouping and for finding who to tell: a SIG (directly, or as the
 * owner of the KEP it waits on), or a party no SIG owns.
 */
export type BlockingParty =
  | { kind: 'sig'; sig: string; key: string; via: number | null }
  | { kind: 'none'; name: string; key: string };

/** The blocking party of a target; `owningSigOf` finds a KEP's owning SIG (null when unknown). */
export function blockingParty(
  target: BlockerRef,
  owningSigOf: (kep: number) => string | null,
): BlockingParty {
  if (target.type === 'sig') return { kind: 'sig', sig: target.sig, key: `sig:${target.sig}`, via: null };
  if (target.type === 'kep') {
    const sig = owningSigOf(target.kep);
    return sig
      ? { kind: 'sig', sig, key: `sig:${sig}`, via: target.kep }
      : { kind: 'none', name: `KEP-${target.kep}`, key: `kep:${target.kep}` };
  }
  return { kind: 'none', name: target.name, key: `party:${target.name.toLowerCase()}` };
}
