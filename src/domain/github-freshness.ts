import { formatAgo } from './age.ts';

/** Where the bot's KEP data comes from and how old it is, in one line people can read. */
export interface FreshnessInput {
  hasToken: boolean;
  /** When the last successful GitHub sync finished (ISO-8601), or null. */
  lastSyncAt: string | null;
  localCheckout: string | null;
}

/** E.g. "KEP data from the last GitHub sync, 3h ago (GITHUB_TOKEN is not set, so GitHub is not read; …)". */
export function describeFreshness(input: FreshnessInput, now: Date): string {
  const age = input.lastSyncAt ? formatAgo(input.lastSyncAt, now) : null;
  if (input.hasToken) {
    return age ? `KEP data from GitHub, last synced ${age}` : 'KEP data from GitHub: not synced yet';
  }
  const why = 'GITHUB_TOKEN is not set, so GitHub is not read';
  if (input.localCheckout) {
    const sync = age ? `; the last GitHub sync was ${age}` : '';
    return `KEP data from the local checkout ${input.localCheckout} (${why}${sync})`;
  }
  if (age) return `KEP data from the last GitHub sync, ${age} (${why}; set it to refresh)`;
  return `No KEP data: ${why} and no github.localCheckout is configured; set one of them`;
}
