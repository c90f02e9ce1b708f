import type { PlanningSettings } from '../ports/planning.ts';
import type { Store } from '../ports/store.ts';
import { authorize } from './authorize.ts';

/** The SIG a person plans for, or why none can be chosen. */
export type PlanSigChoice =
  | { ok: true; sig: string }
  | { ok: false; reason: 'unknown-person' }
  | { ok: false; reason: 'unknown-sig'; sig: string }
  | { ok: false; reason: 'not-allowed'; sig: string; message: string }
  | { ok: false; reason: 'several'; sigs: string[] }
  | { ok: false; reason: 'none' };

/**
 * Who may plan what: the SIG named (when the person is one of its planners or on the release
 * team), else the one SIG the person plans for; several or none must be named.
 */
export function choosePlanSig(
  store: Pick<Store, 'people' | 'sigs'>,
  settings: Pick<PlanningSettings, 'planners' | 'permissions'>,
  input: { slackUser: string; sig: string | null },
): PlanSigChoice {
  const person = store.people.getBySlackId(input.slackUser);
  if (!person) return { ok: false, reason: 'unknown-person' };
  if (input.sig) {
    if (!store.sigs.get(input.sig)) return { ok: false, reason: 'unknown-sig', sig: input.sig };
    const allowed = authorize(store.people, settings.permissions, input.slackUser, {
      kind: 'plan',
      sig: input.sig,
    });
    if (!allowed.ok) return { ok: false, reason: 'not-allowed', sig: input.sig, message: allowed.message };
    return { ok: true, sig: input.sig };
  }
  const login = person.github.toLowerCase();
  const mine = Object.keys(settings.planners)
    .filter((sig) => (settings.planners[sig] ?? []).some((l) => l.toLowerCase() === login))
    .sort();
  if (mine.length === 1) return { ok: true, sig: mine[0]! };
  if (mine.length > 1) return { ok: false, reason: 'several', sigs: mine };
  return { ok: false, reason: 'none' };
}
