/**
 * `DRUMBEAT_CLOCK_START`: the running bot's clock starts at a chosen instant and runs at real
 * speed, so a release team can rehearse a cycle in a test workspace. Refused where it looks like
 * production (it would post rounds, nudges and alerts for that time to real people) unless
 * `DRUMBEAT_ALLOW_REHEARSAL_CLOCK=1`.
 */

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export const instantExpectation = 'expected an ISO-8601 instant with a zone, such as 2025-10-07T15:55:00Z';

/** Whether `text` is an instant such as `2025-10-07T15:55:00Z` (a zone is required). */
export function isInstant(text: string): boolean {
  return instantPattern.test(text) && !Number.isNaN(Date.parse(text));
}

/** Slack's own Web API hosts: slack.com and GovSlack. */
const slackHosts = /(^|\.)(slack\.com|slack-gov\.com)$/i;

/** Why the setup looks like production: NODE_ENV=production, or Slack's own Web API. */
export function productionSigns(env: { NODE_ENV?: string | undefined; SLACK_API_URL: string }): string[] {
  const signs: string[] = [];
  if (env.NODE_ENV === 'production') signs.push('NODE_ENV=production');
  if (slackHosts.test(new URL(env.SLACK_API_URL).hostname))
    signs.push(`SLACK_API_URL is Slack's own (${env.SLACK_API_URL})`);
  return signs;
}

/** The message refusing a rehearsal clock in a production-looking setup; null when it may run. */
export function rehearsalClockRefusal(env: {
  DRUMBEAT_CLOCK_START?: Date | undefined;
  DRUMBEAT_ALLOW_REHEARSAL_CLOCK: boolean;
  NODE_ENV?: string | undefined;
  SLACK_API_URL: string;
}): string | null {
  if (!env.DRUMBEAT_CLOCK_START || env.DRUMBEAT_ALLOW_REHEARSAL_CLOCK) return null;
  const signs = productionSigns(env);
  if (signs.length === 0) return null;
  return (
    `Drumbeat cannot start: DRUMBEAT_CLOCK_START=${env.DRUMBEAT_CLOCK_START.toISOString()} is a rehearsal clock, ` +
    `and this setup looks like production (${signs.join('; ')}): rounds, nudges and alerts for that time ` +
    'would reach real people.\n' +
    'Unset DRUMBEAT_CLOCK_START, or, in a test workspace, set DRUMBEAT_ALLOW_REHEARSAL_CLOCK=1.\n'
  );
}
