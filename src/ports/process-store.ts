import type { ReleaseFacts } from '../domain/program-facts.ts';

/** What the program metrics read: everything recorded about one release, without people. */
export interface ProcessFactsRepo {
  factsFor(release: string): ReleaseFacts;
  /**
   * The same facts with the status updates of one SIG's KEPs only (a SIG as `kepSigs` assigns it):
   * what a SIG's digest reads, without loading every update of the release.
   */
  sigFactsFor(release: string, sig: string): ReleaseFacts;
}
