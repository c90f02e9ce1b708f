import type { MilestoneRemoval } from '../domain/milestone-removal.ts';

export type NewMilestoneRemoval = Omit<MilestoneRemoval, 'id' | 'undoneAt' | 'undoneBy'>;

/** KEPs the release team removed from the milestone from Slack (table `milestone_removals`). */
export interface MilestoneRemovalRepo {
  /**
   * Records the removal unless one of the same KEP and release is in force; `created` is false when
   * one was (and that one is returned).
   */
  remove(removal: NewMilestoneRemoval): { removal: MilestoneRemoval; created: boolean };
  /** Undoes the removal in force of the KEP in the release; null when none is. */
  restore(release: string, kepPath: string, by: string, at: Date): MilestoneRemoval | null;
  /** The removal in force of the KEP in the release, or null. */
  inForce(release: string, kepPath: string): MilestoneRemoval | null;
  /** The latest removal (in force or undone) of each KEP of the release, by KEP number. */
  latestByKep(release: string): MilestoneRemoval[];
}
