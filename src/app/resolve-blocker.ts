import type { EscalationDeps } from '../ports/escalation.ts';
import type { WithStore } from '../ports/store.ts';
import type { BlockerActionResult } from './acknowledge-blocker.ts';
import { announceResolutions } from './announce-resolutions.ts';
import { blockersOfMessage } from './blocker-button-target.ts';

/** What `resolveBlocker` takes: the escalation ports, with the repos it uses. */
export type ResolveBlockerDeps = WithStore<
  EscalationDeps,
  'blockers' | 'escalations' | 'keps' | 'milestones' | 'people' | 'sigs' | 'transaction'
>;

/**
 * "Resolved": closes every open blocker the post lists, then posts the resolution in every thread
 * that heard of each one and updates the posts.
 */
export async function resolveBlocker(
  deps: ResolveBlockerDeps,
  input: { messageKey: string; by: string },
): Promise<BlockerActionResult> {
  const target = blockersOfMessage(deps, { ...input, verb: 'resolve' });
  if (!target.ok) return target;
  const now = deps.clock.now();
  const { store } = deps;
  store.transaction(() => {
    for (const blocker of target.open) {
      store.blockers.close(blocker.id, input.by, 'resolved with the Resolved button', now);
      store.escalations.log({
        blockerId: blocker.id,
        kind: 'resolved',
        by: input.by,
        at: now.toISOString(),
        detail: '',
      });
    }
  });
  await announceResolutions(deps, 'interactive');
  return {
    ok: true,
    blockerIds: target.open.map((b) => b.id),
    note: `Resolved ${target.open.length} blocker(s).`,
  };
}
