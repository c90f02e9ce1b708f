import { performance } from 'node:perf_hooks';
import type { App } from '@slack/bolt';
import type { Sleep } from '../ports/sleep.ts';

/**
 * Acks first: Slack gives a request 3 seconds to be acknowledged, while the bot's own posts (the
 * outbox) can wait a few milliseconds. The gate counts the requests Bolt is handling that have not
 * been acknowledged yet; the outbox starts its next Slack calls once none has been waiting for
 * `graceMs` (so a burst of requests arriving one after another is answered first), and after
 * `maxWaitMs` whatever happens, so a steady stream of requests never starves it. It waits on real
 * timers: what it waits out is CPU contention, which a fake clock does not have.
 */
export interface AckGate {
  /** A request came in; the returned function (idempotent) says it has been acknowledged. */
  begin(): () => void;
  /** Resolves once no request has waited for its ack for `graceMs`, at most `maxWaitMs` later, or on abort. */
  quiet(signal?: AbortSignal): Promise<void>;
  /** Requests not acknowledged yet. */
  pending(): number;
}

export interface AckGateOptions {
  graceMs?: number;
  maxWaitMs?: number;
  /** Milliseconds, monotonic; default `performance.now`. */
  now?: () => number;
  /** Real timers (the wiring passes Node's), never a fake clock's. */
  sleep: Sleep;
}

export function createAckGate(options: AckGateOptions): AckGate {
  const graceMs = options.graceMs ?? 3;
  const maxWaitMs = options.maxWaitMs ?? 200;
  const now = options.now ?? (() => performance.now());
  const { sleep } = options;
  let pending = 0;
  let lastAck = Number.NEGATIVE_INFINITY;
  const waiters = new Set<() => void>();
  const untilZero = (signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        waiters.delete(wake);
        resolve();
      };
      waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  return {
    begin() {
      pending += 1;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        pending -= 1;
        lastAck = now();
        if (pending === 0) for (const wake of [...waiters]) wake();
      };
    },
    async quiet(signal) {
      const deadline = now() + maxWaitMs;
      while (!signal?.aborted) {
        const t = now();
        if (t >= deadline) return;
        const idleFor = t - lastAck;
        if (pending === 0 && idleFor >= graceMs) return;
        const ctrl = new AbortController();
        const stop = () => ctrl.abort();
        signal?.addEventListener('abort', stop, { once: true });
        const wait = pending === 0 ? graceMs - idleFor : deadline - t;
        await Promise.race([
          ...(pending > 0 ? [untilZero(ctrl.signal)] : []),
          sleep(Math.min(wait, deadline - t), ctrl.signal),
        ]);
        ctrl.abort();
        signal?.removeEventListener('abort', stop);
      }
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
