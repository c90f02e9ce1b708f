/** One scenario's outcome, a row of the reliability table: the fault, how many inputs met it, what failed or was lost. */
export interface ReliabilityRow {
  fault: string;
  inputs: number;
  failures: number;
  lost: number;
  /** Losses are the configured trade-off (at most once), not a failure. */
  lossAccepted?: boolean;
  note: string;
}
