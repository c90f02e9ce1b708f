import type { LinkSource, PullRequestFacts } from '../domain/custody.ts';

/** What is stored about one KEP issue's chain of custody. */
export interface StoredCustodyIssue {
  number: number;
  /** False when the repository had no such issue at the last read. */
  found: boolean;
  /** The last whole read of its timeline and description (ISO-8601). */
  readAt: string;
  /** Changes on GitHub from this instant on are still to be looked for (ISO-8601). */
  checkedAt: string;
}

/** One KEP issue as just read whole: the pull requests linked to it, and where. */
export interface CustodyIssueReading {
  number: number;
  found: boolean;
  links: readonly { pull: PullRequestFacts; via: LinkSource }[];
}

/** A stored link of a KEP issue, with the pull request's last known facts. */
export interface StoredCustodyLink {
  pull: PullRequestFacts;
  via: LinkSource;
}

/**
 * The stored chain of custody (tables `custody_issues`, `custody_links`, `custody_pulls`), so a
 * report reads from GitHub only what changed since the last one.
 */
export interface CustodyRepo {
  /** The stored KEP issues of `repo` among `numbers`, by number. */
  issues(repo: string, numbers: readonly number[]): Map<number, StoredCustodyIssue>;
  /** Replaces what one KEP issue links, stores the linked pull requests' facts, marks it read. */
  saveIssue(repo: string, reading: CustodyIssueReading, now: Date): void;
  /** Marks KEP issues as checked for changes up to `checkedAt` (ISO-8601). */
  markChecked(repo: string, numbers: readonly number[], checkedAt: string): void;
  /** Stores (or refreshes) pull requests' facts. */
  savePulls(pulls: readonly PullRequestFacts[], now: Date): void;
  /** True when the pull request is stored (so a change to it must be kept). */
  hasPull(repo: string, number: number): boolean;
  /** A stored pull request's facts, or null. */
  pull(repo: string, number: number): PullRequestFacts | null;
  /** The stored links of one KEP issue, by pull request number. */
  links(repo: string, number: number): StoredCustodyLink[];
  /**
   * The stored links of every KEP issue of `repo` found and checked at or after `checkedSince`
   * (ISO-8601), by issue number (an issue with none maps to an empty list); descriptions left out.
   */
  linksCheckedSince(repo: string, checkedSince: string): Map<number, StoredCustodyLink[]>;
  /** Stored merged pull requests of `repo` in milestone `milestone`, by number. */
  mergedInMilestone(repo: string, milestone: string): PullRequestFacts[];
}
