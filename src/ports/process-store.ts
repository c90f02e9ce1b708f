import type { HealthBase, ReleaseFacts, RoundFacts } from '../domain/program-facts.ts';

/** What the program metrics read: everything recorded about one release, without people. */
export interface ProcessFactsRepo {
  factsFor(release: string): ReleaseFacts;
  /** What every SIG's process-health line reads of the whole release: O(KEPs + blockers), not O(history). */
  healthBase(release: string): HealthBase;
  /** One SIG's rounds and the first update of each KEP asked in each: O(rounds × KEPs asked). */
  roundFacts(release: string, sig: string): RoundFacts;
}
