import { noticeDeliveryFailures } from '../app/notice-delivery-failures.ts';
import type { Db } from '../db/open.ts';
import { createOutboxRepo } from '../db/repos/outbox-repo.ts';
import {
  defaultDeliveryHealthRules,
  failureCause,
  isTokenError,
  judgeDeliveryHealth,
} from '../domain/delivery-health.ts';
import type { Chat } from '../ports/chat.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import { buildFailureNotice } from '../slack/blocks/delivery-notice-blocks.ts';
import type { SlackAuthMonitor } from '../slack/slack-auth-monitor.ts';
import type { SlackAuthResult } from '../system/metrics.ts';

export interface DeliveryHealthParts {
  db: Db;
  auth: SlackAuthMonitor;
  clock: Clock;
  logger: Logger;
  /** The Chat port, once built (it needs the outbox, which reports to this). */
  chat: () => Chat;
  pmChannel: string | null;
}

/** What the health endpoints, `/metrics` and the outbox's failure hook use. */
export interface DeliveryHealthWatch {
  /** The outbox's `onFailed`: a refused token is noted at once; repeated causes reach the PM channel. */
  onFailed(failure: { key: string; reason: string }): void;
  /** The `slackToken` and `delivery` checks of `/healthz` and `/readyz`. */
  checks(): Record<'slackToken' | 'delivery', { ok: boolean; detail: string }>;
  oldestPendingSeconds(): number | null;
  recentPermanentFailures(): number;
  slackAuth(): SlackAuthResult | null;
  /** Resolves when the notice work started by failures so far is done (tests, shutdown). */
  idle(): Promise<void>;
}

/**
 * Whether the bot can still speak: the token (auth.test, and any call refused for it), messages
 * given up on lately, and the oldest one still waiting. Repeated failures of one cause are told to
 * the PM channel, once per cause a day, one pass at a time.
 */
export function watchDeliveryHealth(parts: DeliveryHealthParts): DeliveryHealthWatch {
  const repo = createOutboxRepo(parts.db);
  const { clock, auth } = parts;
  const log = parts.logger.child({ component: 'delivery-health' });
  let noticing: Promise<unknown> = Promise.resolve();
  const recentFailures = () =>
    repo.failedSince(new Date(clock.now().getTime() - defaultDeliveryHealthRules.windowMs)).length;
  const notice = () =>
    noticeDeliveryFailures({
      deliveries: repo,
      chat: parts.chat(),
      clock,
      logger: log,
      pmChannel: parts.pmChannel,
      render: buildFailureNotice,
    });

  return {
    onFailed(failure) {
      const code = failureCause(failure.reason).split(': ')[1];
      if (isTokenError(code)) auth.noteRefusal(code!);
      noticing = noticing
        .then(notice)
        .catch((error: unknown) => log.error('delivery: could not tell the PM channel', { error }));
    },
    checks() {
      const judged = judgeDeliveryHealth(auth.last(), recentFailures());
      return { slackToken: judged.token, delivery: judged.failures };
    },
    oldestPendingSeconds() {
      const now = clock.now();
      const due = repo.oldestDueAt(now);
      return due === null ? null : Math.max(0, (now.getTime() - due.getTime()) / 1000);
    },
    recentPermanentFailures: recentFailures,
    slackAuth: () => auth.last(),
    idle: () => noticing.then(() => undefined),
  };
}
