import type { KepState } from './kep-state.ts';
import type { BlockerRef } from './status-command.ts';

/** Where a status update came from. */
export const statusSources = ['command', 'modal', 'round', 'dm'] as const;
export type StatusSource = (typeof statusSources)[number];

/** One report of a KEP's state in a release, by a facilitator or chair. */
export interface StatusUpdate {
  id: number;
  kepPath: string;
  kepNumber: number;
  sig: string;
  release: string;
  state: KepState;
  /** Commit confidence, percent. */
  confidence: number | null;
  /** The coding-period increment (1-based) the remaining work lands in, when asked. */
  increment: number | null;
  note: string;
  authorSlack: string;
  authorGithub: string | null;
  source: StatusSource;
  createdAt: string;
}

/** Something a KEP waits on, from the update that declared it until one that no longer does. */
export interface Blocker {
  id: number;
  kepPath: string;
  kepNumber: number;
  sig: string;
  release: string;
  target: BlockerRef;
  openedBy: string;
  openedAt: string;
  openedByUpdate: number | null;
  closedAt: string | null;
  closedBy: string | null;
  closeReason: string | null;
}

/** Same blocker target? (KEP by number, SIG by dir, party by name ignoring case.) */
export function sameBlockerTarget(a: BlockerRef, b: BlockerRef): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'kep' && b.type === 'kep') return a.kep === b.kep;
  if (a.type === 'sig' && b.type === 'sig') return a.sig === b.sig;
  return a.type === 'party' && b.type === 'party' && a.name.toLowerCase() === b.name.toLowerCase();
}

/** How a blocker target reads in a message: `KEP-1234`, `sig-auth`, `API review`. */
export function describeBlockerTarget(target: BlockerRef): string {
  if (target.type === 'kep') return `KEP-${target.kep}`;
  return target.type === 'sig' ? target.sig : target.name;
}
