/**
 * The release-notes draft of planned, approved work: per SIG, each committed KEP with its stage and
 * release-note line, marking what was dropped or excepted since the plan was approved. Pure.
 */
import type { ExceptionRequest } from './exception.ts';
import { freezeNames } from './exception.ts';
import type { KepState } from './kep-state.ts';
import type { PlanEntry, SigPlan } from './plan.ts';
import type { KepStage } from './types.ts';

/** Where a KEP stands against the approved plan. */
export type NoteStatus = 'planned' | 'dropped' | 'added';

export interface ReleaseNoteItem {
  kep: number;
  title: string;
  stage: KepStage | null;
  note: string;
  status: NoteStatus;
  /** Why, in words: `dropped (status dropped)`, `excepted: Code Freeze, approved 2025-11-10`. */
  marks: string[];
}

export interface ReleaseNotesSig {
  sig: string;
  /** The plan version the draft starts from, and whether the readout vote approved it. */
  version: number | null;
  approved: boolean;
  items: ReleaseNoteItem[];
}

export interface ReleaseNotesDraft {
  release: string;
  sigs: ReleaseNotesSig[];
}

export interface ReleaseNotesInput {
  release: string;
  /** Every stored plan version of the release (any order). */
  plans: readonly SigPlan[];
  /** The latest reported state of each KEP, by number. */
  latestState: ReadonlyMap<number, KepState>;
  exceptions: readonly ExceptionRequest[];
  /** What is known of KEPs outside the plans (title, stage, owning SIG), by number. */
  keps: ReadonlyMap<number, { title: string; stage: KepStage | null; sig: string | null }>;
}

/** Assembles the draft: SIGs by dir, KEPs by number. */
export function buildReleaseNotesDraft(input: ReleaseNotesInput): ReleaseNotesDraft {
  const bySig = new Map<string, SigPlan[]>();
  for (const plan of input.plans) bySig.set(plan.sig, [...(bySig.get(plan.sig) ?? []), plan]);
  const sigs = new Map<string, ReleaseNotesSig>();
  for (const [sig, versions] of bySig) sigs.set(sig, draftSig(sig, versions, input));
  for (const request of input.exceptions) {
    if (request.status !== 'approved') continue;
    if ([...sigs.values()].some((s) => s.items.some((i) => i.kep === request.kep))) continue;
    const known = input.keps.get(request.kep);
    const sig = request.sig ?? known?.sig ?? 'unknown SIG';
    const entry = sigs.get(sig) ?? { sig, version: null, approved: false, items: [] };
    entry.items.push({
      kep: request.kep,
      title: request.kepTitle,
      stage: known?.stage ?? null,
      note: '',
      status: 'added',
      marks: [exceptionMark(request)],
    });
    sigs.set(sig, entry);
  }
  const list = [...sigs.values()].sort((a, b) => a.sig.localeCompare(b.sig));
  for (const s of list) s.items.sort((a, b) => a.kep - b.kep);
  return { release: input.release, sigs: list };
}

function draftSig(sig: string, versions: SigPlan[], input: ReleaseNotesInput): ReleaseNotesSig {
  const ordered = [...versions].sort((a, b) => a.version - b.version);
  const latest = ordered.at(-1)!;
  const approved = ordered.filter((p) => p.approvedAt !== null).at(-1) ?? null;
  const base = approved ?? latest;
  const items = base.entries.map((entry) => item(entry, 'planned', []));
  for (const it of items) {
    if (input.latestState.get(it.kep) === 'dropped') markDropped(it, 'status reported as dropped');
    else if (approved && latest !== approved && !latest.entries.some((e) => e.kep === it.kep))
      markDropped(it, `removed from the plan in v${latest.version}`);
  }
  if (approved && latest !== approved)
    for (const entry of latest.entries)
      if (!approved.entries.some((e) => e.kep === entry.kep))
        items.push(item(entry, 'added', [`added in plan v${latest.version}, after approval`]));
  for (const it of items)
    for (const request of input.exceptions.filter((r) => r.kep === it.kep && r.status !== 'open'))
      it.marks.push(exceptionMark(request));
  return { sig, version: base.version, approved: approved !== null, items };
}

function item(entry: PlanEntry, status: NoteStatus, marks: string[]): ReleaseNoteItem {
  return { kep: entry.kep, title: entry.title, stage: entry.stage, note: entry.releaseNote, status, marks };
}

function markDropped(it: ReleaseNoteItem, why: string): void {
  it.status = 'dropped';
  it.marks.push(`dropped: ${why}`);
}

function exceptionMark(request: ExceptionRequest): string {
  const day = (request.decidedAt ?? '').slice(0, 10);
  const verb = request.status === 'approved' ? 'excepted' : 'exception rejected';
  return `${verb}: ${freezeNames[request.freeze]}, ${day}`;
}
