import type { EscalationDeps } from '../ports/escalation.ts';
import { announceResolutions } from './announce-resolutions.ts';
import { escalateBlockers } from './escalate-blockers.ts';

/**
 * The escalation sweep run after every inbound request: a status update that opened a blocker
 * starts its ladder at once (step 0 is usually "at once"), and one that closed a blocker (command
 * or modal) gets its resolution posted in every thread that heard of it at once, not at the next
 * scheduler pass. Two indexed queries when there is nothing to do.
 */
export async function escalateAfterRequest(deps: EscalationDeps): Promise<void> {
  if (deps.store.escalations.hasUnseenOpen(deps.settings.release))
    await escalateBlockers(deps, deps.clock.now());
  else await announceResolutions(deps, 'interactive');
}
