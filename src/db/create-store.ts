import type { Store } from '../ports/store.ts';
import type { Db } from './open.ts';
import { createBlockerRepo } from './repos/blocker-repo.ts';
import { createKepRepo } from './repos/kep-repo.ts';
import { createMilestoneRepo } from './repos/milestone-repo.ts';
import { createPersonRepo } from './repos/person-repo.ts';
import { createReleaseRepo } from './repos/release-repo.ts';
import { createSigRepo } from './repos/sig-repo.ts';
import { createStatusRepo } from './repos/status-repo.ts';

/**
 * The SQLite Store: every repository over one migrated connection. Statements are prepared here,
 * once, so call it once per connection (after `migrate`).
 */
export function createStore(db: Db): Store {
  return {
    sigs: createSigRepo(db),
    people: createPersonRepo(db),
    releases: createReleaseRepo(db),
    milestones: createMilestoneRepo(db),
    keps: createKepRepo(db),
    statusUpdates: createStatusRepo(db),
    blockers: createBlockerRepo(db),
    transaction: (fn) => db.transaction(fn)(),
  };
}
