/**
 * Which KEPs in a release are not ready for a milestone, and why, by the rules in sig-release's
 * release_phases.md:
 * - PRR Freeze: a PRR approval file names an approver for the stage the KEP targets.
 * - Enhancements Freeze: the PRR requirement, plus kep.yaml `status: implementable`,
 *   `latest-milestone` this release, and `milestone.<stage>` this release.
 * - Code Freeze (and Docs Freeze, release day): the latest reported state is not at-risk or blocked.
 * Other milestones have no readiness check. KEPs whose latest state is `dropped` have left the
 * release and are not listed.
 */
import type { KepState } from './kep-state.ts';
import type { Kep, MilestoneKind } from './types.ts';

export type ReadinessCheck = 'prr' | 'status' | 'latest-milestone' | 'stage-milestone' | 'state';

/** The checks each milestone kind makes, in the order their reasons are listed. */
export const readinessChecks: Partial<Record<MilestoneKind, ReadinessCheck[]>> = {
  'prr-freeze': ['prr'],
  'enhancements-freeze': ['status', 'latest-milestone', 'stage-milestone', 'prr'],
  'code-freeze': ['state'],
  'docs-freeze': ['state'],
  release: ['state'],
};

/** The KEP fields readiness reads. */
export type ReadinessKep = Pick<
  Kep,
  | 'path'
  | 'number'
  | 'title'
  | 'owningSig'
  | 'status'
  | 'stage'
  | 'latestMilestone'
  | 'milestones'
  | 'prrApprovals'
>;

export interface NotReadyKep {
  kep: ReadinessKep;
  /** Plain sentences (kep.yaml field names in backticks), one per unmet requirement. */
  reasons: string[];
}

function reasonFor(
  check: ReadinessCheck,
  kep: ReadinessKep,
  release: string,
  state: KepState | null,
): string | null {
  switch (check) {
    case 'status':
      if (kep.status === 'implementable') return null;
      return kep.status
        ? `\`status\` is \`${kep.status}\`, not \`implementable\``
        : 'no `status`; it must be `implementable`';
    case 'latest-milestone':
      if (kep.latestMilestone === release) return null;
      return kep.latestMilestone
        ? `\`latest-milestone\` is ${kep.latestMilestone}, not ${release}`
        : `no \`latest-milestone\`; it must be ${release}`;
    case 'stage-milestone': {
      if (!kep.stage) return 'no `stage` set, so the target stage is unknown';
      const at = kep.milestones[kep.stage];
      if (at === release) return null;
      return at
        ? `\`milestone.${kep.stage}\` is ${at}, not ${release}`
        : `\`milestone.${kep.stage}\` is not set to ${release}`;
    }
    case 'prr':
      if (!kep.stage) return 'no `stage` set, so no PRR approval can match it';
      return kep.prrApprovals[kep.stage] ? null : `no PRR approval for ${kep.stage}`;
    case 'state':
      return state === 'at-risk' || state === 'blocked' ? `latest state is ${state}` : null;
  }
}

/**
 * The KEPs not ready for a milestone of `kind` in `release`, with every reason, ordered by KEP
 * number. `latestStates` maps KEP paths to their latest reported state. Empty for kinds without
 * checks (see {@link readinessChecks}).
 */
export function notReadyFor(
  kind: MilestoneKind | null,
  keps: readonly ReadinessKep[],
  release: string,
  latestStates: ReadonlyMap<string, KepState>,
): NotReadyKep[] {
  const checks = kind === null ? undefined : readinessChecks[kind];
  if (!checks) return [];
  const out: NotReadyKep[] = [];
  for (const kep of keps) {
    const state = latestStates.get(kep.path) ?? null;
    if (state === 'dropped') continue;
    const reasons = checks
      .map((c) => reasonFor(c, kep, release, state))
      .filter((r): r is string => r !== null);
    if (reasons.length > 0) out.push({ kep, reasons });
  }
  return out.sort((a, b) => a.kep.number - b.kep.number || a.kep.path.localeCompare(b.kep.path));
}

/** True when the milestone kind has readiness checks. */
export function hasReadinessChecks(kind: MilestoneKind | null): boolean {
  return kind !== null && readinessChecks[kind] !== undefined;
}
