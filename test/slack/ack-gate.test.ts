/**
 * Acks first: the gate counts the requests waiting for their ack, and the outbox makes no Slack
 * call while one waits (at most `maxWaitMs`), on the real timers and a fake Slack.
 */

import type { App, ReceiverEvent } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createAckGate, gateAcks } from '../../src/slack/ack-gate.ts';
import { createOutbox } from '../../src/slack/outbox/create-outbox.ts';
import { createLogger } from '../../src/system/logger.ts';
import { sleep } from '../../src/system/sleep.ts';
import { systemClock } from '../../src/system/system-clock.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { FakeSlack } from './outbox/fake-slack.ts';
import { type OutboxDb, tempOutboxDb } from './outbox/outbox-db.ts';

/** A sleep that records what it was asked for and resolves only when told (or aborted). */
function heldSleep() {
  const asked: number[] = [];
  const pending: Array<() => void> = [];
  return {
    asked,
    release: () => {
      for (const resolve of pending.splice(0)) resolve();
    },
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve) => {
        asked.push(ms);
        pending.push(resolve);
        signal?.addEventListener('abort', () => resolve(), { once: true });
      }),
  };
}

const settled = async (p: Promise<void>) => {
  let done = false;
  void p.then(() => {
    done = true;
  });
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
};

describe('the ack gate', () => {
  it('is quiet at once with nothing pending, and a grace period after the last ack', async () => {
    const held = heldSleep();
    let t = 1000;
    const gate = createAckGate({ sleep: held.sleep, now: () => t, graceMs: 3, maxWaitMs: 150 });
    expect(await settled(gate.quiet())).toBe(true);
    expect(held.asked).toEqual([]);
    const first = gate.begin();
    const second = gate.begin();
    expect(gate.pending()).toBe(2);
    const quiet = gate.quiet();
    expect(await settled(quiet)).toBe(false);
    expect(held.asked).toEqual([150]);
    first();
    first(); // idempotent
    expect(gate.pending()).toBe(1);
    expect(await settled(quiet)).toBe(false);
    t += 1;
    second();
    expect(gate.pending()).toBe(0);
    // the last ack was just now: another request of the same burst may be on its way
    expect(await settled(quiet)).toBe(false);
    expect(held.asked.at(-1)).toBe(3);
    t += 3;
    held.release();
    expect(await settled(quiet)).toBe(true);
  });

  it('stops waiting after maxWaitMs with requests still pending, or when its signal aborts', async () => {
    const held = heldSleep();
    let t = 0;
    const gate = createAckGate({ sleep: held.sleep, now: () => t, maxWaitMs: 200 });
    gate.begin();
    const capped = gate.quiet();
    expect(await settled(capped)).toBe(false);
    t += 200;
    held.release();
    expect(await settled(capped)).toBe(true);
    const ctrl = new AbortController();
    const aborted = gate.quiet(ctrl.signal);
    expect(await settled(aborted)).toBe(false);
    ctrl.abort();
    expect(await settled(aborted)).toBe(true);
    expect(gate.pending()).toBe(1);
  });
});

describe("Bolt's requests through the gate", () => {
  it('count from the receiver handing them over until their first ack, or until handled without one', async () => {
    const gate = createAckGate({ sleep });
    const seen: number[] = [];
    let handle: (event: ReceiverEvent) => Promise<void> = async () => {};
    const app = { processEvent: (event: ReceiverEvent) => handle(event) } as unknown as App;
    gateAcks(app, gate);
    const event = (): ReceiverEvent => ({ body: {}, ack: async () => {} });
    handle = async (e) => {
      seen.push(gate.pending());
      await e.ack();
      seen.push(gate.pending());
      await e.ack();
    };
    await app.processEvent(event());
    handle = async () => {
      seen.push(gate.pending());
      throw new Error('listener failed');
    };
    await expect(app.processEvent(event())).rejects.toThrow('listener failed');
    expect(seen).toEqual([1, 0, 1]);
    expect(gate.pending()).toBe(0);
  });
});

describe('the outbox behind the gate', () => {
  let slack: FakeSlack;
  let store: OutboxDb;
  afterEach(async () => {
    await slack?.close();
    store?.cleanup();
  });

  it('makes no Slack call while a request waits for its ack, and sends once it is acknowledged', async () => {
    slack = await new FakeSlack(new FakeClock()).start();
    store = tempOutboxDb();
    const gate = createAckGate({ sleep, maxWaitMs: 10_000 });
    const outbox = createOutbox({
      db: store.db,
      clients: { interactive: slack.client('xoxb-i'), scheduled: slack.client('xoxb-s') },
      clock: systemClock,
      logger: createLogger({ level: 'silent' }),
      ackGate: gate,
    });
    await outbox.start();
    const acked = gate.begin();
    outbox.enqueue({ kind: 'post', key: 'after-ack', lane: 'interactive', channel: 'C1', text: 'later' });
    await sleep(300);
    expect(slack.messages).toEqual([]);
    acked();
    expect(await outbox.waitFor('after-ack', 5000)).toMatchObject({ status: 'sent' });
    expect(slack.messages.map((m) => m.text)).toEqual(['later']);
    await outbox.stop();
  });
});
