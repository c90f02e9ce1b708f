import type { CalendarMilestone, Kep, Person } from '../domain/types.ts';
import type { SigRecord, Store } from '../ports/store.ts';

/** The repos `loadReferenceData` writes. */
export type ReferenceDataStore = Pick<
  Store,
  'keps' | 'milestones' | 'people' | 'releases' | 'sigs' | 'transaction'
>;

export interface ReferenceData {
  people: Person[];
  sigs: SigRecord[];
  release: { name: string; codingPeriod: object | null; milestones: CalendarMilestone[] };
  /** KEPs from a local checkout; null keeps what the store already has (last sync). */
  keps: Kep[] | null;
}

export interface ReferenceDataLoaded {
  people: number;
  sigs: number;
  milestones: number;
  keps: { inserted: number; changed: number; unchanged: number } | null;
}

/**
 * Writes what the config and the KEP source say into the store, in one transaction, so the
 * store always matches the config the bot started with. Idempotent: a restart changes nothing.
 */
export function loadReferenceData(
  store: ReferenceDataStore,
  data: ReferenceData,
  now: Date,
): ReferenceDataLoaded {
  return store.transaction(() => {
    store.people.upsertMany(data.people);
    store.sigs.upsertMany(data.sigs);
    store.releases.upsert({ name: data.release.name, codingPeriod: data.release.codingPeriod });
    store.releases.setCurrent(data.release.name);
    store.milestones.replaceCalendar(data.release.name, data.release.milestones);
    const keps = data.keps ? store.keps.upsertMany(data.keps, now) : null;
    return {
      people: data.people.length,
      sigs: data.sigs.length,
      milestones: data.release.milestones.length,
      keps: keps && {
        inserted: keps.inserted.length,
        changed: keps.changed.length,
        unchanged: keps.unchanged.length,
      },
    };
  });
}
