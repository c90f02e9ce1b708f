import type { KepState } from '../domain/kep-state.ts';
import { buildReleaseNotesDraft, type ReleaseNotesDraft } from '../domain/plan-release-notes.ts';
import type { KepStage } from '../domain/types.ts';
import type { Store } from '../ports/store.ts';

/** The repos the release notes draft is read from. */
export type ReleaseNotesStore = Pick<Store, 'keps' | 'planning' | 'statusUpdates'>;

/**
 * The release-notes draft of a release from what is stored: every plan version, the latest status
 * of each planned KEP, and the decided exception requests.
 */
export function buildReleaseNotes(store: ReleaseNotesStore, release: string): ReleaseNotesDraft {
  const plans = store.planning.listPlans(release);
  const exceptions = store.planning.listExceptions(release);
  const numbers = new Set([
    ...plans.flatMap((p) => p.entries.map((e) => e.kep)),
    ...exceptions.map((e) => e.kep),
  ]);
  const latestState = new Map<number, KepState>();
  const keps = new Map<number, { title: string; stage: KepStage | null; sig: string | null }>();
  for (const number of numbers) {
    const kep = store.keps.findByNumber(number)[0];
    if (!kep) continue;
    keps.set(number, { title: kep.title, stage: kep.stage, sig: kep.owningSig });
    const latest = store.statusUpdates.latest(kep.path, release);
    if (latest) latestState.set(number, latest.state);
  }
  return buildReleaseNotesDraft({ release, plans, latestState, exceptions, keps });
}
