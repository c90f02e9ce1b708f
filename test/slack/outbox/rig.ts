import type { Db } from '../../../src/db/open.ts';
import { createOutbox, type OutboxOptions } from '../../../src/slack/outbox/create-outbox.ts';
import type { Outbox } from '../../../src/slack/outbox/types.ts';
import { createLogger } from '../../../src/system/logger.ts';
import { FakeClock } from '../../fakes/fake-clock.ts';
import { FakeSlack } from './fake-slack.ts';
import { type OutboxDb, tempOutboxDb } from './outbox-db.ts';

export const t0 = new Date('2026-06-02T16:00:00.000Z');
export const interactiveToken = 'xoxb-interactive-lane';
export const scheduledToken = 'xoxb-scheduled-lane';

export interface Rig {
  clock: FakeClock;
  slack: FakeSlack;
  store: OutboxDb;
  outbox: Outbox;
  /** JSON log lines written by the outbox. */
  logs: Record<string, unknown>[];
  /** Another outbox (a "restarted" process) on `db` (default: a new connection to the same file). */
  newOutbox(db?: Db, options?: Partial<OutboxOptions>): Outbox;
  /** Runs `work` to completion, advancing the fake clock whenever every call in flight has finished. */
  drive<T>(work: Promise<T>, outbox?: Outbox): Promise<T>;
  cleanup(): Promise<void>;
}

type RigOptions = Partial<Omit<OutboxOptions, 'db' | 'clients' | 'clock' | 'logger' | 'sleep'>>;

export async function createRig(options: RigOptions = {}): Promise<Rig> {
  const clock = new FakeClock(t0);
  const slack = await new FakeSlack(clock).start();
  const store = tempOutboxDb();
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'debug',
    write: (line) => logs.push(JSON.parse(line)),
    now: () => clock.now(),
  });
  const outboxes: Outbox[] = [];
  const newOutbox = (db: Db = store.open(), extra: Partial<OutboxOptions> = {}) => {
    const outbox = createOutbox({
      db,
      clients: { interactive: slack.client(interactiveToken), scheduled: slack.client(scheduledToken) },
      clock,
      logger,
      sleep: clock.sleep,
      random: () => 0.5,
      ...options,
      ...extra,
    });
    outboxes.push(outbox);
    return outbox;
  };
  const outbox = newOutbox(store.db);
  return {
    clock,
    slack,
    store,
    outbox,
    logs,
    newOutbox,
    drive: (work, which = outbox) => drive(clock, which, work),
    cleanup: async () => {
      await slack.close();
      store.cleanup();
    },
  };
}

/** Waits (in real time) until no call is in flight for a few turns of the event loop. */
async function settle(outbox: Outbox): Promise<void> {
  let quiet = 0;
  while (quiet < 3) {
    await new Promise((resolve) => setImmediate(resolve));
    quiet = outbox.stats().inFlight === 0 ? quiet + 1 : 0;
  }
}

async function drive<T>(clock: FakeClock, outbox: Outbox, work: Promise<T>): Promise<T> {
  let done = false;
  work.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  let idle = 0;
  for (let step = 0; step < 20_000; step++) {
    await settle(outbox);
    if (done) return work;
    if (clock.advanceToNextTimer()) idle = 0;
    else if (++idle > 50) throw new Error('drive: stuck with nothing in flight and nobody sleeping');
  }
  throw new Error('drive: still not done after 20000 steps');
}
