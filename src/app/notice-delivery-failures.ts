import { defaultDeliveryHealthRules, planFailureNotices } from '../domain/delivery-health.ts';
import type { DeliveryNoticeDeps } from '../ports/delivery.ts';

/** Every notice's key starts with this, then the cause. */
export const deliveryNoticePrefix = 'delivery-notice:';

/**
 * Tells the PM channel, once per cause (again only after a quiet day), that messages keep failing
 * permanently: how many, why and where. A refused token, or a cause the PM channel itself fails
 * with, gets no notice (it could not arrive): those are logged here and shown by `/healthz`.
 * Returns the causes noticed.
 */
export async function noticeDeliveryFailures(deps: DeliveryNoticeDeps): Promise<string[]> {
  const now = deps.clock.now();
  if (!deps.pmChannel) return [];
  const notices = planFailureNotices({
    failures: deps.deliveries.failedSince(
      new Date(now.getTime() - defaultDeliveryHealthRules.noticeWindowMs),
    ),
    lastNoticeAt: (cause) => deps.deliveries.lastEnqueuedWithPrefix(`${deliveryNoticePrefix}${cause}:`),
    pmChannel: deps.pmChannel,
    ownKeyPrefix: deliveryNoticePrefix,
    now,
  });
  for (const notice of notices) {
    deps.logger.warn('delivery: messages keep failing; telling the PM channel', {
      cause: notice.cause,
      count: notice.count,
    });
    await deps.chat.post({
      key: `${deliveryNoticePrefix}${notice.cause}:${now.toISOString()}`,
      lane: 'scheduled',
      channel: deps.pmChannel,
      ...deps.render(notice),
    });
  }
  return notices.map((n) => n.cause);
}
