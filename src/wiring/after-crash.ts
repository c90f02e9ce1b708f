/** The outbox's after-crash rule from `delivery:` in the config. */
import type { DeliverySettings } from '../config/delivery-config.ts';
import { type AfterCrash, messageKind } from '../slack/outbox/reconcile-row.ts';

export function afterCrashFrom(delivery: DeliverySettings): AfterCrash {
  const { kinds, default: fallback } = delivery.afterCrash;
  return {
    history: delivery.historyScopes,
    modeOf: (key) => kinds[messageKind(key)] ?? fallback,
  };
}
