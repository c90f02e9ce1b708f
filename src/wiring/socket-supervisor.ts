import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { SlackApp } from '../slack/app.ts';
import { withinBudget } from './connect-slack.ts';

/**
 * When the Socket Mode connection is down and the client has gone quiet, the supervisor connects
 * afresh. The Slack client reconnects by itself after a routine disconnect, but an answer it
 * counts as unrecoverable while reconnecting (a 5xx, a network error, a refused token) ends its
 * reconnecting for good: the bot would stay up, deaf to Slack, until someone restarted it.
 */
export interface SocketSupervisorPolicy {
  /** Down, and no word from the client for this long: it has stopped reconnecting. */
  quietMs: number;
  /** How often the connection is looked at. */
  checkEveryMs: number;
  /** Wait after the first failed fresh connection; doubled after each further one, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** How long one fresh connection may take before it counts as failed. */
  attemptBudgetMs: number;
}

/** Quiet for a minute; then 5 s, 10 s, … up to 5 minutes apart, for as long as it takes. */
export const defaultSocketSupervisorPolicy: SocketSupervisorPolicy = {
  quietMs: 60_000,
  checkEveryMs: 5_000,
  firstDelayMs: 5_000,
  maxDelayMs: 300_000,
  attemptBudgetMs: 60_000,
};

export interface SocketSupervisor {
  /** Looks at the connection once (the interval calls it; tests call it on a fake clock). */
  check(): Promise<void>;
  /** Why the connection is down and what is being done, for `/healthz`; null while connected. */
  problem(): string | null;
  /** Fresh connections made since start. */
  reconnects(): number;
  stop(): void;
}

interface SupervisorState {
  downSince: number | null;
  lastWord: number;
  failures: number;
  nextAttemptAt: number;
  lastError: string | null;
  attempting: boolean;
  reconnects: number;
}

export function createSocketSupervisor(options: {
  slack: Pick<SlackApp, 'isConnected' | 'onSocketState' | 'reconnectSocket'>;
  clock: Clock;
  logger: Logger;
  policy?: Partial<SocketSupervisorPolicy>;
}): SocketSupervisor {
  const policy = { ...defaultSocketSupervisorPolicy, ...options.policy };
  const { slack, clock } = options;
  const log = options.logger.child({ component: 'socket-supervisor' });
  const now = () => clock.now().getTime();
  const state: SupervisorState = {
    downSince: null,
    lastWord: now(),
    failures: 0,
    nextAttemptAt: 0,
    lastError: null,
    attempting: false,
    reconnects: 0,
  };
  slack.onSocketState(() => {
    state.lastWord = now();
  });

  async function check(): Promise<void> {
    if (state.attempting) return;
    if (slack.isConnected()) return backUp();
    state.downSince ??= now();
    // Once a fresh connection of ours has failed, the reconnecting is ours: only the delay counts.
    const quiet = state.failures > 0 || now() - state.lastWord >= policy.quietMs;
    if (!quiet || now() < state.nextAttemptAt) return;
    await attempt();
  }

  function backUp(): void {
    if (state.downSince === null) return;
    if (state.failures > 0 || state.reconnects > 0)
      log.info('Socket Mode connected again', { downForMs: now() - state.downSince });
    Object.assign(state, { downSince: null, failures: 0, nextAttemptAt: 0, lastError: null });
  }

  async function attempt(): Promise<void> {
    state.attempting = true;
    log.warn('Socket Mode is down and the client stopped reconnecting; connecting afresh', {
      downForMs: now() - (state.downSince ?? now()),
      attempt: state.failures + 1,
    });
    const result = await withinBudget(slack.reconnectSocket(), policy.attemptBudgetMs);
    state.attempting = false;
    state.lastWord = now();
    if (result.ok) {
      state.reconnects += 1;
      return backUp();
    }
    failed(result.error);
  }

  function failed(error: string): void {
    const delay = Math.min(policy.firstDelayMs * 2 ** state.failures, policy.maxDelayMs);
    state.failures += 1;
    state.nextAttemptAt = now() + delay;
    if (error !== state.lastError)
      log.error('Socket Mode did not connect afresh; trying again', {
        variable: 'SLACK_APP_TOKEN',
        error,
        retryInMs: delay,
      });
    state.lastError = error;
  }

  const timer = setInterval(() => void check().catch(() => undefined), policy.checkEveryMs);
  timer.unref();
  return {
    check,
    problem: () => describe(state, policy, now()),
    reconnects: () => state.reconnects,
    stop: () => clearInterval(timer),
  };
}

function describe(state: SupervisorState, policy: SocketSupervisorPolicy, now: number): string | null {
  if (state.downSince === null) return null;
  const since = new Date(state.downSince).toISOString();
  if (state.lastError === null)
    return `Socket Mode down since ${since}; the client is reconnecting (a fresh connection after ${policy.quietMs / 1000} s without progress)`;
  const inS = Math.max(0, Math.ceil((state.nextAttemptAt - now) / 1000));
  return `Socket Mode down since ${since}; the last fresh connection failed (${state.lastError}); next attempt in ${inS} s`;
}
