import type { CalendarMilestone, Warning } from '../domain/types.ts';
import { ImportError } from './import-sigs.ts';

export interface CalendarImport {
  /** `v1.35`, from the README's title when it names one. */
  release: string | null;
  milestones: CalendarMilestone[];
  warnings: Warning[];
}

/** Reads the Timeline table of a kubernetes/sig-release `releases/release-1.NN/README.md`. Pure. */
export function parseReleaseCalendar(_markdown: string, _source: string): CalendarImport {
  throw new ImportError('parseReleaseCalendar is not built yet');
}
