/**
 * Which KEPs are in a release: the one rule every surface uses (rounds, `/kep-status` lists, the
 * KEP picker and lookup, deadline alerts, digests, App Home, planning, `drumbeat track`, the fake
 * GitHub's seeding). A KEP is in release R when its kep.yaml `latest-milestone` is R and its
 * `status` is not one that has left the release process (withdrawn, rejected, replaced, deferred).
 * When GitHub is synced, a KEP whose issue is in R's milestone is in R too; where the issue and the
 * kep.yaml disagree the difference is reported as drift, never silently resolved.
 */
import type { Kep, KepStatus } from './types.ts';

/** kep.yaml statuses that take a KEP out of every release (enhancements handbook, "Enhancement KEP Status"). */
export const statusesOutOfRelease: readonly KepStatus[] = ['withdrawn', 'rejected', 'replaced', 'deferred'];

/** The KEP fields the rule reads. */
export type MembershipKep = Pick<Kep, 'path' | 'number' | 'latestMilestone' | 'status'>;

/**
 * The GitHub issue milestone of each KEP number, as last synced (null: the issue has none). A
 * number missing from the map has no synced issue; without GitHub pass nothing.
 */
export type IssueMilestones = ReadonlyMap<number, string | null>;

/** True when the KEP's status has not taken it out of the release process. */
export function isActiveStatus(status: KepStatus | null): boolean {
  return status === null || !statusesOutOfRelease.includes(status);
}

/** The rule: is this KEP in `release`? */
export function isInRelease(kep: MembershipKep, release: string, issues?: IssueMilestones): boolean {
  if (!isActiveStatus(kep.status)) return false;
  return kep.latestMilestone === release || issues?.get(kep.number) === release;
}

/** The KEPs of `release` among `keps`, in their given order. */
export function releaseMembers<K extends MembershipKep>(
  keps: readonly K[],
  release: string,
  issues?: IssueMilestones,
): K[] {
  return keps.filter((kep) => isInRelease(kep, release, issues));
}

/** Where the kep.yaml and the synced issue disagree about a KEP being in `release`. */
export interface MembershipDrift {
  kep: MembershipKep;
  /** One sentence saying which side says what. */
  message: string;
}

function driftOf(kep: MembershipKep, release: string, issues: IssueMilestones): string | null {
  if (!issues.has(kep.number) || !isActiveStatus(kep.status)) return null;
  const milestone = issues.get(kep.number) ?? null;
  const byFile = kep.latestMilestone === release;
  if (byFile === (milestone === release)) return null;
  return byFile
    ? `kep.yaml has \`latest-milestone\` ${release}, but issue #${kep.number} is in ${milestone ? `milestone ${milestone}` : 'no milestone'}`
    : `issue #${kep.number} is in milestone ${release}, but kep.yaml has \`latest-milestone\` ${kep.latestMilestone ?? 'unset'}`;
}

/** Every KEP whose file and synced issue disagree about `release`, by number. */
export function membershipDrift(
  keps: readonly MembershipKep[],
  release: string,
  issues: IssueMilestones,
): MembershipDrift[] {
  const out: MembershipDrift[] = [];
  for (const kep of keps) {
    const message = driftOf(kep, release, issues);
    if (message) out.push({ kep, message });
  }
  return out.sort((a, b) => a.kep.number - b.kep.number || a.kep.path.localeCompare(b.kep.path));
}
