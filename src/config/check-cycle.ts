/**
 * Retargeting guard: dates written in the config must fall in the imported calendar's cycle, so a
 * config copied from an earlier release cannot keep its old coding period or readout unnoticed.
 */
import { dayInCycle, instantInCycle } from '../domain/release-cycle.ts';
import type { ImportedCycle } from './resolve-calendar.ts';
import type { Reporter } from './resolve-context.ts';
import type { CodingPeriod } from './resolved-config.ts';
import type { ConfigInput } from './schema.ts';

function checkCodingPeriod(period: CodingPeriod, cycle: ImportedCycle, reporter: Reporter): void {
  if (!dayInCycle(cycle, period.start)) {
    reporter.error(
      ['release', 'codingPeriod', 'start'],
      `${period.start} is outside ${cycle.text}; start the coding period in this cycle (e.g. ${cycle.start})`,
    );
  } else if (period.end > cycle.end) {
    reporter.error(
      ['release', 'codingPeriod', 'increments'],
      `the coding period runs to ${period.end}, past the end of ${cycle.text}; use fewer or shorter increments`,
    );
  }
}

/** Errors for the coding period and the planning readout when they are outside the cycle. */
export function checkAgainstCycle(
  input: ConfigInput,
  period: CodingPeriod | null,
  cycle: ImportedCycle | null,
  reporter: Reporter,
): void {
  if (!cycle) return;
  if (period) checkCodingPeriod(period, cycle, reporter);
  const readoutAt = input.planning?.readoutAt;
  if (readoutAt !== undefined && !instantInCycle(cycle, readoutAt)) {
    reporter.error(
      ['planning', 'readoutAt'],
      `${readoutAt} is outside ${cycle.text}; set the readout in this cycle, before its Enhancements Freeze`,
    );
  }
}
