import type { Logger } from '../ports/logger.ts';
import type { SlackApp } from '../slack/app.ts';
import { slackErrorCode } from '../slack/slack-error-code.ts';
import { sleep as realSleep, type Sleep } from '../system/sleep.ts';

/** How start-up connects in Socket Mode: a few attempts, then it gives up (exit 1). */
export interface ConnectPolicy {
  /** Attempts in all before start-up gives up. */
  attempts: number;
  /** Wait after the first failed attempt; doubled after each further one. */
  firstDelayMs: number;
  /**
   * How long one attempt may stay unanswered (Slack unreachable: the Socket Mode client keeps
   * retrying by itself). Start-up gives up when it runs out.
   */
  attemptBudgetMs: number;
}

/** 5 attempts, 1 + 2 + 4 + 8 s apart. */
export const defaultConnectPolicy: ConnectPolicy = {
  attempts: 5,
  firstDelayMs: 1000,
  attemptBudgetMs: 60_000,
};

export type ConnectResult =
  | { ok: true; port: number | null }
  | { ok: false; error: string; attempts: number };

export interface SlackConnector {
  /** HTTP mode: listens (a failure throws). Socket Mode: connects within the policy. */
  connect(): Promise<ConnectResult>;
  /** What `/healthz` says while start-up is still connecting or has given up; null otherwise. */
  problem(): string | null;
}

type Attempt = { ok: true; port: number | null } | { ok: false; error: string; unanswered: boolean };

export function createSlackConnector(
  slack: SlackApp,
  options: { socket: boolean; policy?: Partial<ConnectPolicy>; logger: Logger; sleep?: Sleep },
): SlackConnector {
  const policy = { ...defaultConnectPolicy, ...options.policy };
  const wait = options.sleep ?? realSleep;
  const log = options.logger.child({ component: 'slack-connect' });
  let problem: string | null = null;

  async function connectSocket(): Promise<ConnectResult> {
    for (let n = 1; ; n++) {
      problem = `connecting to Slack in Socket Mode with SLACK_APP_TOKEN (attempt ${n} of ${policy.attempts})`;
      const result = await attempt(slack, policy.attemptBudgetMs);
      if (result.ok) {
        problem = null;
        return result;
      }
      if (result.unanswered || n >= policy.attempts) {
        problem = `Socket Mode did not connect with SLACK_APP_TOKEN (${result.error}); gave up after ${n} attempt(s)`;
        return { ok: false, error: result.error, attempts: n };
      }
      const retryInMs = policy.firstDelayMs * 2 ** (n - 1);
      problem = `Socket Mode did not connect with SLACK_APP_TOKEN (${result.error}); attempt ${n + 1} of ${policy.attempts} in ${retryInMs} ms`;
      log.warn('Socket Mode did not connect; trying again', {
        variable: 'SLACK_APP_TOKEN',
        error: result.error,
        attempt: n,
        retryInMs,
      });
      await wait(retryInMs);
    }
  }

  return {
    connect: async () => (options.socket ? connectSocket() : { ok: true, ...(await slack.start()) }),
    problem: () => problem,
  };
}

/** One `start()`, its failure as Slack's error code; unanswered after `budgetMs` counts as failed. */
async function attempt(slack: SlackApp, budgetMs: number): Promise<Attempt> {
  const result = await withinBudget(slack.start(), budgetMs);
  return result.ok ? { ok: true, port: result.value.port } : result;
}

/**
 * One Slack connection step (a start, a fresh connection): its value, or its failure as Slack's
 * error code; no answer within `budgetMs` counts as failed (`unanswered`).
 */
export async function withinBudget<T>(
  work: Promise<T>,
  budgetMs: number,
): Promise<{ ok: true; value: T } | { ok: false; error: string; unanswered: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  const unanswered = new Promise<{ ok: false; error: string; unanswered: true }>((resolve) => {
    const error = `no answer from Slack within ${Math.round(budgetMs / 1000)} s`;
    timer = setTimeout(() => resolve({ ok: false, error, unanswered: true }), budgetMs);
  });
  const settled = work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error: slackErrorCode(error), unanswered: false }),
  );
  try {
    return await Promise.race([settled, unanswered]);
  } finally {
    clearTimeout(timer);
  }
}
