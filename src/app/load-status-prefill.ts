import type { KepState } from '../domain/kep-state.ts';
import type { BlockerRef } from '../domain/status-command.ts';
import type { Store } from '../ports/store.ts';

/** The repos the status form's starting values are read from. */
export type StatusPrefillStore = Pick<Store, 'blockers' | 'statusUpdates'>;

/** The status form's starting values for one KEP. */
export interface StatusPrefill {
  state: KepState | null;
  confidence: number | null;
  increment: number | null;
  note: string;
  /** Its open blockers. */
  blockers: BlockerRef[];
}

/** The KEP's latest update in the release and its open blockers; null when it has neither. */
export function loadStatusPrefill(
  store: StatusPrefillStore,
  kepPath: string,
  release: string,
): StatusPrefill | null {
  const latest = store.statusUpdates.latest(kepPath, release);
  const blockers = store.blockers.listOpen({ release, kepPath }).map((b) => b.target);
  if (!latest && blockers.length === 0) return null;
  return {
    state: latest?.state ?? null,
    confidence: latest?.confidence ?? null,
    increment: latest?.increment ?? null,
    note: latest?.note ?? '',
    blockers,
  };
}
