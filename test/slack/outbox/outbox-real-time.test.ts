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
  it('runs on the real clock and timers and delivers everything once, in order', async () => {
    slack = await new FakeSlack(new FakeClock()).start();
    store = tempOutboxDb();
    const outbox = createOutbox({
      db: store.db,
      clients: { interactive: slack.client('xoxb-i'), scheduled: slack.client('xoxb-s') },
      clock: systemClock,
      logger: createLogger({ level: 'silent' }),
      perChannelIntervalMs: 100,
    });
    await outbox.start();
    outbox.enqueue({ kind: 'post', key: 'warm', lane: 'interactive', channel: 'C0', text: 'warm' });
    await outbox.waitFor('warm', 5000);
    for (const n of [1, 2, 3])
      outbox.enqueue({ kind: 'post', key: `k${n}`, lane: 'interactive', channel: 'C1', text: `${n}` });
    const last = await outbox.waitFor('k3', 5000);
    await outbox.stop();

    expect(last).toMatchObject({ status: 'sent' });
    expect(slack.messages.map((m) => m.text)).toEqual(['warm', '1', '2', '3']);
    // Pacing itself is asserted on the fake clock (outbox-delivery.test.ts); times are measured in `npm run bench`.
  });
});
