import type { StatusUpdate } from '../domain/status.ts';
import type { Store } from '../ports/store.ts';

/** The repos `listRoundUpdates` reads. */
export type RoundUpdatesStore = Pick<Store, 'statusUpdates'>;

/** Most updates one KEP can get in one round that a summary looks at. */
const perKepLimit = 500;

/** The status updates of these KEPs in `release` made in [since, until], oldest first. */
export function listRoundUpdates(
  store: RoundUpdatesStore,
  release: string,
  kepPaths: readonly string[],
  since: Date,
  until: Date,
): StatusUpdate[] {
  const from = since.getTime();
  const to = until.getTime();
  const out: StatusUpdate[] = [];
  for (const path of new Set(kepPaths)) {
    for (const u of store.statusUpdates.history(path, release, perKepLimit)) {
      const at = Date.parse(u.createdAt);
      if (at >= from && at <= to) out.push(u);
    }
  }
  return out.sort((a, b) => a.id - b.id);
}
