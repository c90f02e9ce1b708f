/**
 * Outbox throughput against the emulator's per-channel rate limit (1 message/s per channel, burst
 * 3, as Slack allows): N messages to each of 40 channels, the wall time to deliver them all, as a
 * ratio to the floor the limit allows. Real WebClients, real HTTP, a real SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebClient } from '@slack/web-api';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/open.ts';
import { startWebApiServer } from '../src/sandbox/web-api-server.ts';
import { SlackWorkspace } from '../src/sandbox/workspace.ts';
import { createOutbox } from '../src/slack/outbox/create-outbox.ts';
import { createLogger } from '../src/system/logger.ts';
import { systemClock } from '../src/system/system-clock.ts';
import { compared, type Figure, figure, type Suite } from './figure.ts';

const channels = 40;
const perChannel = 5;
const rate = { perChannelPerSecond: 1, burst: 3 };

async function run(): Promise<Figure[]> {
  const names = Array.from({ length: channels }, (_, i) => `bench-${String(i + 1).padStart(2, '0')}`);
  const ws = new SlackWorkspace(
    {
      users: [{ id: 'U0BENCH001', name: 'bench' }],
      channels: names.map((name) => ({ name, members: ['bench'], botIsMember: true })),
    },
    { now: () => systemClock.now(), rate },
  );
  const api = await startWebApiServer(ws);
  const dir = mkdtempSync(join(tmpdir(), 'drumbeat-bench-outbox-'));
  const db = openDatabase(join(dir, 'outbox.db'));
  try {
    migrate(db, undefined, () => systemClock.now());
    const client = () =>
      new WebClient(ws.seed.tokens.bot, {
        slackApiUrl: api.url,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        timeout: 30_000,
      });
    const outbox = createOutbox({
      db,
      clients: { interactive: client(), scheduled: client() },
      clock: systemClock,
      logger: createLogger({ level: 'silent' }),
    });
    for (let n = 0; n < perChannel; n++) {
      for (const name of names) {
        outbox.enqueue({
          kind: 'post',
          key: `bench:${name}:${n}`,
          lane: 'scheduled',
          channel: ws.channelId(name),
          text: `message ${n + 1} of ${perChannel} to #${name}`,
        });
      }
    }
    const started = performance.now();
    const drained = await outbox.drain({ timeoutMs: 120_000 });
    const wallMs = performance.now() - started;
    await outbox.stop();
    if (drained.timedOut) throw new Error('the outbox did not deliver everything within 120 s');
    checkDelivered(ws, names);

    const calls = ws.calls('chat.postMessage');
    const limited = calls.filter((c) => c.error === 'ratelimited').length;
    const total = channels * perChannel;
    // The floor: each channel's messages at the sustained rate after the first, and with the burst.
    const steadyFloorMs = ((perChannel - 1) / rate.perChannelPerSecond) * 1000;
    const burstFloorMs = (Math.max(0, perChannel - rate.burst) / rate.perChannelPerSecond) * 1000;
    const label = `outbox ${channels} channels × ${perChannel} messages`;
    return [
      compared(`${label}: wall time vs the 1 msg/s/channel floor`, wallMs, steadyFloorMs, 'ms'),
      compared(
        `${label}: wall time vs the floor with Slack's burst of ${rate.burst}`,
        wallMs,
        burstFloorMs,
        'ms',
      ),
      figure(`${label}: messages per second`, total / (wallMs / 1000), 'msg/s'),
      figure(`${label}: calls answered 429`, limited, 'calls'),
    ];
  } finally {
    db.close();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every channel got exactly its messages, each once, in order. */
function checkDelivered(ws: SlackWorkspace, names: string[]): void {
  for (const name of names) {
    const texts = ws.messages(`#${name}`).map((m) => m.text);
    const expected = Array.from(
      { length: perChannel },
      (_, n) => `message ${n + 1} of ${perChannel} to #${name}`,
    );
    if (JSON.stringify(texts) !== JSON.stringify(expected)) {
      throw new Error(`#${name} shows ${JSON.stringify(texts)}, expected ${JSON.stringify(expected)}`);
    }
  }
}

export const outboxThroughputSuite: Suite = { name: 'outbox-throughput', run };
