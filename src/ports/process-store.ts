import type { ReleaseFacts } from '../domain/program-facts.ts';

/** What the program metrics read: everything recorded about one release, without people. */
export interface ProcessFactsRepo {
  factsFor(release: string): ReleaseFacts;
}
