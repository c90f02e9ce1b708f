import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Clock } from '../ports/clock.ts';
import type { InboundKind, InboundRepo } from '../ports/inbound-store.ts';
import type { Logger } from '../ports/logger.ts';

export interface IdempotencyOptions {
  inbound: InboundRepo;
  clock: Clock;
  logger: Logger;
  /** Two clicks on the same button by the same person this close together count once. */
  doubleClickWindowMs?: number;
  /** Keys are forgotten after this long (Slack retries within minutes). */
  retentionMs?: number;
  /** How often the middleware prunes old keys while handling requests. */
  pruneEveryMs?: number;
}

/** The keys that identify one inbound request: the delivery itself, and for clicks the gesture. */
export interface InboundKeys {
  /** `event:<event_id>` or `trigger:<trigger_id>` (a retried delivery carries the same one). */
  delivery: { key: string; kind: InboundKind } | null;
  /** `click:<user>:<message ts or view id>:<action_id>:<value>`, a duplicate within the window. */
  click: string | null;
}

const day = 24 * 60 * 60_000;

/**
 * Bolt global middleware that handles each delivery once. Slack retries deliveries (the Events
 * API until acknowledged, `X-Slack-Retry-Num` / Socket Mode `retry_attempt`), and people
 * double-click: a request whose key was already handled is acknowledged (so Slack stops retrying)
 * and not passed on. If the handler throws, its keys are released so a retry can run it again.
 * Requests without a key (options/suggestions, unknown shapes) pass through.
 */
export function createIdempotencyMiddleware(options: IdempotencyOptions): Middleware<AnyMiddlewareArgs> {
  const { inbound, clock } = options;
  const windowMs = options.doubleClickWindowMs ?? 3000;
  const retentionMs = options.retentionMs ?? 3 * day;
  const pruneEveryMs = options.pruneEveryMs ?? 60 * 60_000;
  const log = options.logger.child({ component: 'idempotency' });
  let lastPrune = Number.NEGATIVE_INFINITY;

  const prune = (now: Date) => {
    if (now.getTime() - lastPrune < pruneEveryMs) return;
    lastPrune = now.getTime();
    try {
      const removed = inbound.prune(new Date(now.getTime() - retentionMs));
      if (removed > 0) log.debug('pruned inbound keys', { removed });
    } catch (error) {
      log.error('could not prune inbound keys', { error });
    }
  };

  /** True when the key is new; a store failure lets the request through (better twice than never). */
  const claim = (key: string, kind: InboundKind, now: Date, window?: number) => {
    try {
      return inbound.claim(key, kind, now, window);
    } catch (error) {
      log.error('could not record an inbound key; handling the request anyway', { key, error });
      return true;
    }
  };

  return async (args) => {
    const now = clock.now();
    prune(now);
    const keys = inboundKeysOf(args.body);
    const claimed: string[] = [];
    if (keys.delivery) {
      if (!claim(keys.delivery.key, keys.delivery.kind, now)) return duplicate(args, keys.delivery.key, log);
      claimed.push(keys.delivery.key);
    }
    if (keys.click) {
      if (!claim(keys.click, 'click', now, windowMs)) return duplicate(args, keys.click, log);
      claimed.push(keys.click);
    }
    try {
      await args.next();
    } catch (error) {
      for (const key of claimed) release(inbound, key, log);
      throw error;
    }
  };
}

async function duplicate(args: object, key: string, log: Logger): Promise<void> {
  const a = args as Record<string, unknown>;
  const context = a.context as { retryNum?: number; retryReason?: string } | undefined;
  log.info('duplicate delivery ignored', {
    key,
    retryNum: context?.retryNum,
    retryReason: context?.retryReason,
  });
  if (typeof a.ack === 'function') await (a.ack as () => Promise<void>)();
}

function release(inbound: InboundRepo, key: string, log: Logger) {
  try {
    inbound.release(key);
  } catch (error) {
    log.error('could not release an inbound key after a failed handler', { key, error });
  }
}

type Json = Record<string, unknown>;

const obj = (value: unknown): Json | undefined =>
  value && typeof value === 'object' ? (value as Json) : undefined;
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Derives the idempotency keys of a Bolt request body (events, commands, actions, views, shortcuts). */
export function inboundKeysOf(body: unknown): InboundKeys {
  const b = obj(body);
  if (!b) return { delivery: null, click: null };
  if (b.type === 'event_callback') {
    const id = str(b.event_id);
    return { delivery: id ? { key: `event:${id}`, kind: 'event' } : null, click: null };
  }
  if (b.type === 'block_suggestion') return { delivery: null, click: null };
  const trigger = str(b.trigger_id);
  const delivery = trigger ? { key: `trigger:${trigger}`, kind: 'trigger' as const } : viewClosedKey(b);
  return { delivery, click: b.type === 'block_actions' ? clickKey(b) : null };
}

function viewClosedKey(b: Json): InboundKeys['delivery'] {
  const view = str(obj(b.view)?.id);
  return b.type === 'view_closed' && view ? { key: `view_closed:${view}`, kind: 'other' } : null;
}

function clickKey(b: Json): string | null {
  const user = str(obj(b.user)?.id);
  const container = obj(b.container);
  const action = obj(Array.isArray(b.actions) ? b.actions[0] : undefined);
  const actionId = str(action?.action_id);
  if (!user || !actionId || !action) return null;
  const where = str(container?.message_ts) ?? str(container?.view_id) ?? str(obj(b.view)?.id) ?? '-';
  return `click:${user}:${where}:${actionId}:${actionValue(action)}`;
}

/** The value a click chose: a button's value, or the selection of a menu / picker. */
function actionValue(action: Json): string {
  const chosen =
    str(action.value) ??
    str(obj(action.selected_option)?.value) ??
    str(action.selected_user) ??
    str(action.selected_channel) ??
    str(action.selected_conversation) ??
    str(action.selected_date) ??
    str(action.selected_time);
  if (chosen) return chosen;
  const many = action.selected_options ?? action.selected_users ?? action.selected_channels;
  return many === undefined ? '' : JSON.stringify(many);
}
