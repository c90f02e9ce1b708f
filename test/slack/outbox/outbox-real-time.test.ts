import { afterEach, describe, expect, it } from 'vitest';
import { createOutbox } from '../../../src/slack/outbox/create-outbox.ts';
import { createLogger } from '../../../src/system/logger.ts';
import { systemClock } from '../../../src/system/system-clock.ts';
import { FakeClock } from '../../fakes/fake-clock.ts';
import { FakeSlack } from './fake-slack.ts';
import { type OutboxDb, tempOutboxDb } from './outbox-db.ts';

let slack: FakeSlack;
let store: OutboxDb;
afterEach(async () => {
  await slack?.close();
  store?.cleanup();
});

describe('outbox on the real clock and timers', () => {
  it('paces one channel in real time and delivers everything once', async () => {
    slack = await new FakeSlack(new FakeClock()).start();
    store = tempOutboxDb();
    const outbox = createOutbox({
      db: store.db,
      clients: { interactive: slack.client('xoxb-i'), scheduled: slack.client('xoxb-s') },
      clock: systemClock,
      logger: createLogger({ level: 'silent' }),
      perChannelIntervalMs: 100,
    });
    const sentAt: number[] = [];
    slack.intercept(() => {
      sentAt.push(performance.now());
      return undefined;
    });
    await outbox.start();
    // warm the HTTP connection first, so arrival times measure the pacing, not connection setup
    outbox.enqueue({ kind: 'post', key: 'warm', lane: 'interactive', channel: 'C0', text: 'warm' });
    await outbox.waitFor('warm', 5000);
    sentAt.length = 0;
    for (const n of [1, 2, 3])
      outbox.enqueue({ kind: 'post', key: `k${n}`, lane: 'interactive', channel: 'C1', text: `${n}` });
    const last = await outbox.waitFor('k3', 5000);
    await outbox.stop();

    expect(last).toMatchObject({ status: 'sent' });
    expect(slack.messages.map((m) => m.text)).toEqual(['warm', '1', '2', '3']);
    // 100 ms apart at the client; allow for jitter in when each request reaches the server
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThanOrEqual(80);
    expect(sentAt[2]! - sentAt[1]!).toBeGreaterThanOrEqual(80);
  });
});
