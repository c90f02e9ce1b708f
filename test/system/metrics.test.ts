import { describe, expect, it } from 'vitest';
import { timePasses } from '../../src/scheduler/time-passes.ts';
import { surfaceOf } from '../../src/slack/ack-timing.ts';
import { failureLabel } from '../../src/slack/outbox/create-outbox.ts';
import { createMetrics, type MetricsSources } from '../../src/system/metrics.ts';

const lanes = {
  interactive: { pending: 2, sending: 1, sent: 10, failed: 0, expired: 0 },
  scheduled: { pending: 40, sending: 0, sent: 3, failed: 1, expired: 2 },
};

function sources(overrides: Partial<MetricsSources> = {}): MetricsSources {
  return {
    outbox: () => lanes,
    slackConnected: () => true,
    githubPointsRemaining: () => 4_870,
    ...overrides,
  };
}

/** `name{labels} value` lines of the text exposition, by series. */
function samples(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    found.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return found;
}

describe('createMetrics', () => {
  it('counts reference reloads by result and keeps the time of the last applied one', async () => {
    const metrics = createMetrics(sources());
    const before = samples(await metrics.render());
    expect(before.get('drumbeat_reference_reload_total{result="applied"}')).toBe(0);
    expect(before.get('drumbeat_reference_reload_last_success_timestamp_seconds')).toBe(0);
    metrics.referenceReload('rejected', new Date('2026-06-01T10:00:00Z'));
    metrics.referenceReload('applied', new Date('2026-06-01T10:05:00Z'));
    metrics.referenceReload('rejected', new Date('2026-06-01T10:06:00Z'));
    const after = samples(await metrics.render());
    expect(after.get('drumbeat_reference_reload_total{result="applied"}')).toBe(1);
    expect(after.get('drumbeat_reference_reload_total{result="rejected"}')).toBe(2);
    expect(after.get('drumbeat_reference_reload_last_success_timestamp_seconds')).toBe(
      Date.parse('2026-06-01T10:05:00Z') / 1000,
    );
  });

  it("exposes Node's and the process's default metrics", async () => {
    const text = await createMetrics(sources()).render();
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ])
      expect(text).toContain(`# TYPE ${name} `);
  });

  it('reads outbox counts by lane and status, the Slack connection and GitHub points at each scrape', async () => {
    let connected = true;
    const metrics = createMetrics(sources({ slackConnected: () => connected }));
    const first = samples(await metrics.render());
    expect(first.get('drumbeat_outbox_messages{lane="scheduled",status="pending"}')).toBe(40);
    expect(first.get('drumbeat_outbox_messages{lane="interactive",status="sending"}')).toBe(1);
    expect(first.get('drumbeat_slack_connected')).toBe(1);
    expect(first.get('drumbeat_github_points_remaining{api="graphql"}')).toBe(4870);
    connected = false;
    expect(samples(await metrics.render()).get('drumbeat_slack_connected')).toBe(0);
  });

  it('leaves GitHub points out until a sync reported them', async () => {
    const text = await createMetrics(sources({ githubPointsRemaining: () => null })).render();
    expect(text).toContain('# TYPE drumbeat_github_points_remaining gauge');
    expect([...samples(text).keys()].filter((k) => k.startsWith('drumbeat_github'))).toEqual([]);
  });

  it('records ack latency per surface, delivery delay per lane, failures by error, scheduler passes', async () => {
    const metrics = createMetrics(sources());
    metrics.ackLatency('command', 0.004);
    metrics.ackLatency('command', 0.3);
    metrics.ackLatency('view', 0.02);
    metrics.outboxDelivered('scheduled', 12);
    metrics.outboxFailed('interactive', 'chat.postMessage: channel_not_found');
    metrics.outboxFailed('interactive', 'chat.postMessage: channel_not_found');
    metrics.schedulerPass(0.08, 2);
    const found = samples(await metrics.render());
    expect(found.get('drumbeat_slack_ack_seconds_count{surface="command"}')).toBe(2);
    expect(found.get('drumbeat_slack_ack_seconds_bucket{le="0.005",surface="command"}')).toBe(1);
    expect(found.get('drumbeat_slack_ack_seconds_sum{surface="view"}')).toBeCloseTo(0.02);
    expect(found.get('drumbeat_outbox_delivery_delay_seconds_bucket{le="10",lane="scheduled"}')).toBe(0);
    expect(found.get('drumbeat_outbox_delivery_delay_seconds_bucket{le="30",lane="scheduled"}')).toBe(1);
    expect(
      found.get(
        'drumbeat_outbox_permanent_failures_total{lane="interactive",error="chat.postMessage: channel_not_found"}',
      ),
    ).toBe(2);
    expect(found.get('drumbeat_scheduler_pass_seconds_count')).toBe(1);
    expect(found.get('drumbeat_scheduler_lag_seconds_bucket{le="1"}')).toBe(0);
    expect(found.get('drumbeat_scheduler_lag_seconds_bucket{le="2.5"}')).toBe(1);
  });

  it('keeps each bot its own registry', async () => {
    const one = createMetrics(sources());
    const two = createMetrics(sources());
    one.ackLatency('action', 0.1);
    expect(samples(await two.render()).has('drumbeat_slack_ack_seconds_count{surface="action"}')).toBe(false);
  });
});

describe('metric labels', () => {
  it('names the surface of each kind of Slack request', () => {
    expect(surfaceOf({ command: '/kep-status' })).toBe('command');
    expect(surfaceOf({ type: 'block_actions' })).toBe('action');
    expect(surfaceOf({ type: 'view_submission' })).toBe('view');
    expect(surfaceOf({ type: 'message_action' })).toBe('shortcut');
    expect(surfaceOf({ type: 'event_callback' })).toBe('event');
    expect(surfaceOf({ type: 'something_new' })).toBe('other');
  });

  it('bounds a failure reason to its method and Slack error, or its first clause', () => {
    expect(failureLabel('chat.postMessage: channel_not_found')).toBe('chat.postMessage: channel_not_found');
    expect(failureLabel('chat.update: ratelimited (gave up after 8 attempts)')).toBe(
      'chat.update: ratelimited',
    );
    expect(failureLabel('interrupted while sending; ephemeral messages are sent at most once')).toBe(
      'interrupted while sending',
    );
  });
});

describe('timePasses', () => {
  it('measures lag from the instant the previous pass said was next due, else from the minute', async () => {
    const observed: Array<[number, number]> = [];
    const next = new Date('2026-10-07T10:05:00Z');
    const pass = timePasses(async () => ({ nextDueAt: next }), {
      schedulerPass: (seconds, lag) => observed.push([seconds, lag]),
    });
    await pass(new Date('2026-10-07T10:00:01.500Z')); // cron at second 0, started 1.5 s late
    await pass(new Date('2026-10-07T10:05:03Z')); // due at 10:05 by the previous pass
    expect(observed.map(([, lag]) => lag)).toEqual([1.5, 3]);
    expect(observed.every(([seconds]) => seconds >= 0)).toBe(true);
  });

  it('records a pass that throws, and lets the error through', async () => {
    const observed: number[] = [];
    const pass = timePasses(
      async () => {
        throw new Error('database is locked');
      },
      { schedulerPass: (seconds) => observed.push(seconds) },
    );
    await expect(pass(new Date('2026-10-07T10:00:00Z'))).rejects.toThrow('database is locked');
    expect(observed).toHaveLength(1);
  });
});
