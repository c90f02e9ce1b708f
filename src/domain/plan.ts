/**
 * A SIG's release plan (SIG-PM proposal): for each committed KEP, the coding-period increments its
 * issues land in with a confidence per increment (capped by distance, see confidence.ts), the KEPs
 * of other SIGs it depends on, and its release-note line. Plans are versioned per SIG; the readout
 * vote approves the latest version of every SIG's plan at once. Pure: `now` is an argument.
 */
import { type CodingPeriod, checkConfidence } from './confidence.ts';
import type { KepStage } from './types.ts';

/** Work landing in one increment, with the facilitator's confidence in percent. */
export interface PlannedIncrement {
  /** 1-based increment of the coding period. */
  increment: number;
  confidence: number;
}

/** One committed KEP in a plan. */
export interface PlanEntry {
  kep: number;
  kepPath: string;
  title: string;
  /** The stage the KEP targets this release, as its kep.yaml says. */
  stage: KepStage | null;
  /** In increment order, one per increment. */
  increments: PlannedIncrement[];
  /** Numbers of KEPs (of other SIGs) this one needs. */
  dependsOn: number[];
  /** The line for the release notes. */
  releaseNote: string;
}

/** A stored version of a SIG's plan. */
export interface SigPlan {
  id: number;
  release: string;
  sig: string;
  /** 1, 2, …: every save is a new version. */
  version: number;
  entries: PlanEntry[];
  /** Slack user id of who saved it. */
  author: string;
  savedAt: string;
  /** When the readout vote approved this version; null otherwise. */
  approvedAt: string | null;
}

/** Longest release-note line, in characters. */
export const maxReleaseNoteLength = 500;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Reads "increment:confidence" pairs, e.g. `2:80, 3:60` (also `2=80%` or `2 @ 80`). Empty text is
 * "not committed" (an empty list).
 */
export function parseIncrementPlan(text: string): Parsed<PlannedIncrement[]> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: [] };
  const parts = trimmed.split(/\s*[,;]\s*|\s+(?=\d+\s*[:=@])/).filter((p) => p !== '');
  const seen = new Map<number, number>();
  for (const part of parts) {
    const match = /^(\d{1,2})\s*[:=@]\s*(\d{1,3})\s*%?$/.exec(part);
    if (!match)
      return {
        ok: false,
        message: `"${part.slice(0, 40)}" is not increment:confidence; write e.g. "2:80, 3:60" (increment 2 at 80%).`,
      };
    const increment = Number(match[1]);
    const confidence = Number(match[2]);
    if (confidence > 100) return { ok: false, message: `${confidence}% is more than 100%.` };
    if (seen.has(increment))
      return { ok: false, message: `Increment ${increment} is listed twice; give it one confidence.` };
    seen.set(increment, confidence);
  }
  const value = [...seen].map(([increment, confidence]) => ({ increment, confidence }));
  return { ok: true, value: value.sort((a, b) => a.increment - b.increment) };
}

/** The inverse of parseIncrementPlan: `2:80, 3:60`. */
export function formatIncrementPlan(increments: readonly PlannedIncrement[]): string {
  return increments.map((i) => `${i.increment}:${i.confidence}`).join(', ');
}

/** Reads KEP numbers: `#1234, KEP-42 5678`. */
export function parseDependencies(text: string): Parsed<number[]> {
  const tokens = text.split(/[\s,;]+/).filter((t) => t !== '');
  const numbers: number[] = [];
  for (const token of tokens) {
    const match = /^(?:kep-?|#)?(\d{1,6})$/i.exec(token);
    if (!match)
      return { ok: false, message: `"${token.slice(0, 40)}" is not a KEP number; write e.g. "#1234, 5678".` };
    numbers.push(Number(match[1]));
  }
  return { ok: true, value: [...new Set(numbers)].sort((a, b) => a - b) };
}

/** Every increment's confidence against its cap at `now`; the first problem, or null when all fit. */
export function checkPlannedIncrements(
  period: CodingPeriod,
  increments: readonly PlannedIncrement[],
  now: Date,
): string | null {
  for (const planned of increments) {
    const check = checkConfidence(period, planned.increment, planned.confidence, now);
    if (!check.ok) return check.reason;
  }
  return null;
}

/** A dependency no SIG has committed to: "sig-node plans on sig-auth's #1234, which sig-auth has not committed". */
export interface UncommittedDependency {
  /** The SIG whose plan depends on it, and its KEP that does. */
  sig: string;
  kep: number;
  dependsOn: number;
  /** The SIG that owns the dependency, when known. */
  owner: string | null;
}

/**
 * Dependencies that no plan commits to (a KEP is committed when it is an entry of some SIG's plan),
 * in plan order. `ownerOf` names a KEP's owning SIG.
 */
export function findUncommittedDependencies(
  plans: ReadonlyArray<Pick<SigPlan, 'sig' | 'entries'>>,
  ownerOf: (kep: number) => string | null,
): UncommittedDependency[] {
  const committed = new Set(plans.flatMap((p) => p.entries.map((e) => e.kep)));
  const out: UncommittedDependency[] = [];
  for (const plan of plans)
    for (const entry of plan.entries)
      for (const dependsOn of entry.dependsOn)
        if (!committed.has(dependsOn))
          out.push({ sig: plan.sig, kep: entry.kep, dependsOn, owner: ownerOf(dependsOn) });
  return out;
}

/** One sentence for an uncommitted dependency. */
export function describeUncommitted(d: UncommittedDependency): string {
  const owner = d.owner ?? 'its SIG';
  const whose = d.owner ? `${d.owner}'s #${d.dependsOn}` : `#${d.dependsOn}`;
  return `${d.sig} plans on ${whose} (for #${d.kep}), which ${owner} has not committed`;
}

/** Confidence below this is called out as a risk in the readout. */
export const lowConfidence = 60;

/** What the readout calls out for an entry: low confidence, work in the last increment, uncommitted dependencies. */
export function entryRisks(
  entry: PlanEntry,
  increments: number,
  uncommitted: readonly UncommittedDependency[],
): string[] {
  const risks: string[] = [];
  const low = entry.increments.filter((i) => i.confidence < lowConfidence);
  if (low.length > 0)
    risks.push(
      `low confidence in increment ${low.map((i) => `${i.increment} (${i.confidence}%)`).join(', ')}`,
    );
  if (entry.increments.some((i) => i.increment === increments))
    risks.push('lands in the last increment, right before Code Freeze');
  for (const d of uncommitted.filter((u) => u.kep === entry.kep))
    risks.push(`depends on #${d.dependsOn}, which ${d.owner ?? 'no SIG'} has not committed`);
  return risks;
}
