import type { Store } from '../ports/store.ts';
import type { Db } from './open.ts';
import { createBlockerRepo } from './repos/blocker-repo.ts';
import { createCustodyRepo } from './repos/custody-repo.ts';
import { createDigestRepo } from './repos/digest-repo.ts';
import { createEscalationRepo } from './repos/escalation-repo.ts';
import { createGithubDriftRepo } from './repos/github-drift-repo.ts';
import { createGithubEventRepo } from './repos/github-event-repo.ts';
import { createGithubObjectRepo } from './repos/github-object-repo.ts';
import { createGithubSnapshotRepo } from './repos/github-snapshot-repo.ts';
import { createGithubSyncRepo } from './repos/github-sync-repo.ts';
import { createGithubWriteBackRepo } from './repos/github-write-back-repo.ts';
import { createJobLedgerRepo } from './repos/job-ledger-repo.ts';
import { createKepRepo } from './repos/kep-repo.ts';
import { createMilestoneRemovalRepo } from './repos/milestone-removal-repo.ts';
import { createMilestoneRepo } from './repos/milestone-repo.ts';
import { createPersonRepo } from './repos/person-repo.ts';
import { createPlanningRepo } from './repos/planning-repo.ts';
import { createProcessFactsRepo } from './repos/process-facts-repo.ts';
import { createPulseRepo } from './repos/pulse-repo.ts';
import { createReleaseRepo } from './repos/release-repo.ts';
import { createRetroRepo } from './repos/retro-repo.ts';
import { createRoundRepo } from './repos/round-repo.ts';
import { createSigRepo } from './repos/sig-repo.ts';
import { createSiteRepo } from './repos/site-repo.ts';
import { createStatusDayRepo } from './repos/status-day-repo.ts';
import { createStatusRepo } from './repos/status-repo.ts';
import { createVoteRepo } from './repos/vote-repo.ts';

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
    statusDays: createStatusDayRepo(db),
    blockers: createBlockerRepo(db),
    jobLedger: createJobLedgerRepo(db),
    rounds: createRoundRepo(db),
    githubSnapshots: createGithubSnapshotRepo(db),
    githubObjects: createGithubObjectRepo(db),
    githubSync: createGithubSyncRepo(db),
    githubEvents: createGithubEventRepo(db),
    githubWriteBack: createGithubWriteBackRepo(db),
    githubDrift: createGithubDriftRepo(db),
    votes: createVoteRepo(db),
    escalations: createEscalationRepo(db),
    digests: createDigestRepo(db),
    planning: createPlanningRepo(db),
    processFacts: createProcessFactsRepo(db),
    pulses: createPulseRepo(db),
    retros: createRetroRepo(db),
    site: createSiteRepo(db),
    milestoneRemovals: createMilestoneRemovalRepo(db),
    custody: createCustodyRepo(db),
    transaction: (fn) => db.transaction(fn)(),
  };
}
