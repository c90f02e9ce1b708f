import type { App } from '@slack/bolt';
import type { Sleep } from '../ports/sleep.ts';

/**
 * Acks first: Slack gives a request 3 seconds to be acknowledged, while the bot's own posts (the
 * outbox) can wait a few milliseconds. The gate counts the requests Bolt is handling that have not
 * been acknowledged yet; the outbox waits until none is left (or `maxWaitMs` has passed, so a
 * steady stream of requests never starves it) before it starts its next Slack calls.
 */
export interface AckGate {
  /** A request came in; the returned function (idempotent) says it has been acknowledged. */
  begin(): () => void;
  /** Resolves when no request waits for its ack, at most `maxWaitMs` later, or when `signal` aborts. */
  quiet(signal?: AbortSignal): Promise<void>;
  /** Requests not acknowledged yet. */
  pending(): number;
}

export function createAckGate(options: { sleep: Sleep; maxWaitMs?: number }): AckGate {
  const maxWaitMs = options.maxWaitMs ?? 200;
  let pending = 0;
  const waiters = new Set<() => void>();
  return {
    begin() {
      pending += 1;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        pending -= 1;
        if (pending === 0) for (const wake of [...waiters]) wake();
      };
    },
    async quiet(signal) {
      if (pending === 0 || signal?.aborted) return;
      const ctrl = new AbortController();
      const stop = () => ctrl.abort();
      signal?.addEventListener('abort', stop, { once: true });
      const zero = new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
        ctrl.signal.addEventListener('abort', wake, { once: true });
      });
      await Promise.race([zero, options.sleep(maxWaitMs, ctrl.signal)]);
      ctrl.abort();
      signal?.removeEventListener('abort', stop);
    },
    pending: () => pending,
  };
}

/**
 * Feeds the gate from every request the receiver hands to Bolt (HTTP or Socket Mode): counted
 * from then until its first ack, or until its handling ends without one.
 */
export function gateAcks(app: App, gate: Pick<AckGate, 'begin'>): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    const end = gate.begin();
    const ack: typeof event.ack = async (response) => {
      try {
        return await event.ack(response);
      } finally {
        end();
      }
    };
    try {
      return await processEvent({ ...event, ack });
    } finally {
      end();
    }
  };
}
