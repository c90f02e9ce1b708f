/**
 * Whether the bot can still speak in Slack, and what to tell the PM channel when it cannot: pure
 * rules over the last `auth.test` of the bot token and the messages given up on lately.
 */

/** Slack errors that mean the bot token itself is refused: nothing the bot sends can work. */
const tokenErrors = new Set([
  'token_revoked',
  'token_expired',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'team_disabled',
  'no_permission',
]);

/** Whether Slack's error code says the token is refused (revoked, invalid, the app uninstalled…). */
export function isTokenError(code: string | null | undefined): boolean {
  return code !== null && code !== undefined && tokenErrors.has(code);
}

/** The last `auth.test` of the bot token. */
export interface AuthCheck {
  ok: boolean;
  /** Slack's error code (or why Slack could not be asked) when not ok. */
  error: string | null;
  at: Date;
}

export interface DeliveryHealthRules {
  /** How far back permanent failures are counted. */
  windowMs: number;
  /** This many permanent failures in the window mean they pile up. */
  failureThreshold: number;
  /** How far back failures are counted for the PM channel's notice. */
  noticeWindowMs: number;
  /** Failures of one cause in that window before the PM channel hears of it. */
  noticeThreshold: number;
  /** After a notice, the same cause is not noticed again for this long. */
  noticeQuietMs: number;
}

export const defaultDeliveryHealthRules: DeliveryHealthRules = {
  windowMs: 15 * 60_000,
  failureThreshold: 5,
  noticeWindowMs: 24 * 3_600_000,
  noticeThreshold: 3,
  noticeQuietMs: 24 * 3_600_000,
};

export interface DeliveryHealth {
  /** The token: refused only when Slack said so (an unreachable Slack is not a refused token). */
  token: { ok: boolean; detail: string };
  /** Permanent failures within the window. */
  failures: { ok: boolean; detail: string };
}

/** Judges the token and the recent permanent failures. */
export function judgeDeliveryHealth(
  auth: AuthCheck | null,
  recentFailures: number,
  rules: DeliveryHealthRules = defaultDeliveryHealthRules,
): DeliveryHealth {
  const minutes = Math.round(rules.windowMs / 60_000);
  const refused = auth !== null && !auth.ok && isTokenError(auth.error);
  const token = !auth
    ? { ok: true, detail: 'not checked yet' }
    : refused
      ? { ok: false, detail: `Slack refuses the bot token (${auth.error}) since ${auth.at.toISOString()}` }
      : auth.ok
        ? { ok: true, detail: `auth.test ok at ${auth.at.toISOString()}` }
        : { ok: true, detail: `auth.test could not be asked (${auth.error}); the token was not refused` };
  const piling = recentFailures >= rules.failureThreshold;
  const failures = {
    ok: !piling,
    detail: `${recentFailures} message(s) failed permanently in the last ${minutes} min (degraded from ${rules.failureThreshold})`,
  };
  return { token, failures };
}

/**
 * The cause of a failure, as a short bounded label: `method: slack_error` when the reason starts
 * with one, else its first clause (`interrupted while sending`) without the free text after it.
 */
export function failureCause(reason: string): string {
  const slack = /^[\w.]+: \w+/.exec(reason);
  return slack ? slack[0] : (reason.split(/[;:(]/)[0] ?? reason).trim().slice(0, 60);
}

/** A message given up on, as the rules need it. */
export interface FailureRecord {
  key: string;
  channel: string | null;
  error: string;
  at: Date;
}

/** One notice for the PM channel: a cause that keeps failing, with where. */
export interface FailureNotice {
  cause: string;
  count: number;
  /** Conversations it failed in (channel ids), most failures first. */
  channels: Array<{ channel: string; count: number }>;
  /** Failures without a known conversation (a DM never opened, App Home). */
  elsewhere: number;
  since: Date;
}

/**
 * The causes the PM channel should hear of now: at least `noticeThreshold` failures of one cause
 * within `noticeWindowMs`, no notice of that cause within `noticeQuietMs`, and never a cause the PM
 * channel could not hear of: a refused token (nothing reaches Slack), or a cause the PM channel
 * itself fails with. The notices' own failures are left out (`ownKeyPrefix`).
 */
export function planFailureNotices(input: {
  failures: FailureRecord[];
  lastNoticeAt: (cause: string) => Date | null;
  pmChannel: string;
  ownKeyPrefix: string;
  now: Date;
  rules?: DeliveryHealthRules;
}): FailureNotice[] {
  const rules = input.rules ?? defaultDeliveryHealthRules;
  const recent = input.failures.filter(
    (f) =>
      !f.key.startsWith(input.ownKeyPrefix) && input.now.getTime() - f.at.getTime() < rules.noticeWindowMs,
  );
  const byCause = groupBy(recent, (f) => failureCause(f.error));
  const notices: FailureNotice[] = [];
  for (const [cause, list] of byCause) {
    if (list.length < rules.noticeThreshold || isTokenError(cause.split(': ')[1])) continue;
    if (list.some((f) => f.channel === input.pmChannel)) continue;
    const last = input.lastNoticeAt(cause);
    if (last && input.now.getTime() - last.getTime() < rules.noticeQuietMs) continue;
    notices.push(describeNotice(cause, list));
  }
  return notices;
}

function describeNotice(cause: string, list: FailureRecord[]): FailureNotice {
  const located = groupBy(
    list.filter((f) => f.channel !== null && !f.channel.startsWith('D')),
    (f) => f.channel!,
  );
  const channels = [...located]
    .map(([channel, fs]) => ({ channel, count: fs.length }))
    .sort((a, b) => b.count - a.count || a.channel.localeCompare(b.channel));
  const placed = channels.reduce((n, c) => n + c.count, 0);
  const since = new Date(Math.min(...list.map((f) => f.at.getTime())));
  return { cause, count: list.length, channels, elsewhere: list.length - placed, since };
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(keyOf(item), [...(out.get(keyOf(item)) ?? []), item]);
  return out;
}
