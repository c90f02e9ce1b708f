import type { EscalationDeps } from '../ports/escalation.ts';
import type { WithStore } from '../ports/store.ts';
import { announceResolutions } from './announce-resolutions.ts';
import { escalateBlockers } from './escalate-blockers.ts';

/** What `escalateAfterRequest` takes: the escalation ports, with the repos it uses. */
export type EscalateAfterRequestDeps = WithStore<
  EscalationDeps,
  'blockers' | 'escalations' | 'keps' | 'milestones' | 'people' | 'sigs' | 'statusUpdates' | 'transaction'
>;

/**
 * The escalation sweep run after every inbound request: a status update that opened a blocker
 * starts its ladder at once (step 0 is usually "at once"), and one that closed a blocker (command
 * or modal) gets its resolution posted in every thread that heard of it at once, not at the next
 * scheduler pass, followed by a full pass (a cycle it broke frees its other blockers at once). Two
 * indexed queries when there is nothing to do.
 */
export async function escalateAfterRequest(deps: EscalateAfterRequestDeps): Promise<void> {
  if (deps.store.escalations.hasUnseenOpen(deps.settings.release))
    await escalateBlockers(deps, deps.clock.now());
  // a closed blocker may have broken a dependency cycle: its other blockers climb again at once
  else if ((await announceResolutions(deps, 'interactive')) > 0)
    await escalateBlockers(deps, deps.clock.now());
}
