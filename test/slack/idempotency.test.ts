import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInboundRepo, type InboundRepo } from '../../src/db/repos/inbound-repo.ts';
import { createIdempotencyMiddleware, inboundKeysOf } from '../../src/slack/idempotency.ts';
import { createLogger } from '../../src/system/logger.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { type OutboxDb, tempOutboxDb } from './outbox/outbox-db.ts';

/** Payload shapes as Slack sends them (keys from java-slack-sdk's json-logs samples, app-backend/). */
const samples: Record<string, Record<string, unknown>> = {
  SlashCommandPayload: {
    token: 'x',
    api_app_id: 'A1',
    team_id: 'T1',
    team_domain: 'k8s',
    channel_id: 'C1',
    channel_name: 'sig-node',
    user_id: 'U1',
    user_name: 'jdoe',
    command: '/kep-status',
    text: '',
    response_url: 'https://hooks.slack.com/commands/T1/1/x',
    trigger_id: '1.2.3',
    is_enterprise_install: false,
  },
  BlockActionPayload: {
    type: 'block_actions',
    team: { id: 'T1', domain: 'k8s' },
    user: { id: 'U1', username: 'jdoe', name: 'jdoe', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'x',
    container: { type: 'message', message_ts: '1.0', channel_id: 'C1', is_ephemeral: false },
    trigger_id: '1.2.3',
    channel: { id: 'C1', name: 'sig-node' },
    message: { type: 'message', ts: '1.0', text: 'vote' },
    response_url: 'https://hooks.slack.com/actions/T1/1/x',
    actions: [
      {
        action_id: 'a',
        block_id: 'b',
        text: { type: 'plain_text', text: '3' },
        value: '3',
        type: 'button',
        action_ts: '2.0',
      },
    ],
    is_enterprise_install: false,
  },
  ViewSubmissionPayload: {
    type: 'view_submission',
    team: { id: 'T1', domain: 'k8s' },
    user: { id: 'U1', username: 'jdoe', name: 'jdoe', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'x',
    trigger_id: '1.2.3',
    view: {
      id: 'V1',
      type: 'modal',
      callback_id: 'kep_status',
      private_metadata: '',
      state: { values: {} },
      hash: 'h',
    },
    is_enterprise_install: false,
  },
  ViewClosedPayload: {
    type: 'view_closed',
    team: { id: 'T1', domain: 'k8s' },
    user: { id: 'U1', username: 'jdoe', name: 'jdoe', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'x',
    view: { id: 'V1', type: 'modal', callback_id: 'kep_status' },
    is_cleared: false,
    is_enterprise_install: false,
  },
};
const sample = (name: string) => structuredClone(samples[name]!);

type Args = Parameters<Middleware<AnyMiddlewareArgs>>[0];

interface Built {
  args: Args;
  calls: { ack: number; next: number };
}

/** Bolt-shaped middleware args with a counting ack (when the surface has one) and next. */
function built(
  body: Record<string, unknown>,
  options: { ack?: boolean; retryNum?: number; fail?: boolean } = {},
) {
  const calls = { ack: 0, next: 0 };
  const args = {
    body,
    payload: body,
    context: { isEnterpriseInstall: false, ...(options.retryNum ? { retryNum: options.retryNum } : {}) },
    next: async () => {
      calls.next++;
      if (options.fail) throw new Error('handler failed');
    },
    ...(options.ack === false
      ? {}
      : {
          ack: async () => {
            calls.ack++;
          },
        }),
  };
  return { args: args as unknown as Args, calls } satisfies Built;
}

const command = (trigger: string) =>
  built({
    ...sample('SlashCommandPayload'),
    command: '/kep-status',
    text: '4222 at-risk',
    user_id: 'U1',
    trigger_id: trigger,
  });

const click = (trigger: string, value = '3', action = 'vote_cast') => {
  const base = sample('BlockActionPayload');
  const sampleAction = (base.actions as Record<string, unknown>[])[0]!;
  return built({
    ...base,
    trigger_id: trigger,
    user: { id: 'U1', username: 'jdoe', name: 'jdoe', team_id: 'T1' },
    container: { type: 'message', message_ts: '1780000000.000100', channel_id: 'C1', is_ephemeral: false },
    actions: [{ ...sampleAction, type: 'button', action_id: action, value, selected_option: undefined }],
  });
};

const event = (id: string, retryNum?: number) =>
  built(
    { type: 'event_callback', event_id: id, event: { type: 'app_home_opened', user: 'U1' } },
    { ack: false, ...(retryNum ? { retryNum } : {}) },
  );

let store: OutboxDb;
let inbound: InboundRepo;
let clock: FakeClock;
let middleware: Middleware<AnyMiddlewareArgs>;
const logs: Record<string, unknown>[] = [];

beforeEach(() => {
  store = tempOutboxDb();
  inbound = createInboundRepo(store.db);
  clock = new FakeClock('2026-06-02T16:00:00Z');
  logs.length = 0;
  const logger = createLogger({ level: 'debug', write: (l) => logs.push(JSON.parse(l)) });
  middleware = createIdempotencyMiddleware({ inbound, clock, logger });
});
afterEach(() => store.cleanup());

async function run(...requests: Built[]) {
  for (const r of requests) await middleware(r.args);
  return requests.map((r) => r.calls);
}

describe('idempotency middleware', () => {
  it('handles a retried slash command once and acknowledges the retry', async () => {
    expect(await run(command('T-1'), command('T-1'))).toEqual([
      { ack: 0, next: 1 },
      { ack: 1, next: 0 },
    ]);
    expect(logs.find((l) => l.msg === 'duplicate delivery ignored')).toMatchObject({ key: 'trigger:T-1' });
  });

  it('handles a double click (two deliveries, new trigger ids) once within the window', async () => {
    const first = await run(click('T-1'));
    clock.advance(1200);
    const second = await run(click('T-2'));
    expect([...first, ...second]).toEqual([
      { ack: 0, next: 1 },
      { ack: 1, next: 0 },
    ]);
  });

  it.each([
    ['the same click after the window', () => click('T-2'), 3000],
    ['another value within the window', () => click('T-2', '4'), 500],
    ['another button within the window', () => click('T-2', '3', 'vote_close'), 500],
  ])('handles %s again', async (_name, second, afterMs) => {
    await run(click('T-1'));
    clock.advance(afterMs);
    expect(await run(second())).toEqual([{ ack: 0, next: 1 }]);
  });

  it('handles events by event_id: a Slack retry once, another event again', async () => {
    expect(await run(event('Ev1'), event('Ev1', 1), event('Ev1', 2), event('Ev2'))).toEqual([
      { ack: 0, next: 1 },
      { ack: 0, next: 0 },
      { ack: 0, next: 0 },
      { ack: 0, next: 1 },
    ]);
    expect(logs.filter((l) => l.msg === 'duplicate delivery ignored').map((l) => l.retryNum)).toEqual([1, 2]);
  });

  it('lets a retry run again when the handler failed the first time', async () => {
    await expect(
      middleware(built({ type: 'event_callback', event_id: 'Ev9' }, { fail: true }).args),
    ).rejects.toThrow('handler failed');
    expect(await run(event('Ev9', 1))).toEqual([{ ack: 0, next: 1 }]);
  });

  it('never deduplicates options requests (each keystroke asks again)', async () => {
    const suggestion = () =>
      built({ type: 'block_suggestion', action_id: 'kep_pick', value: '42', user: { id: 'U1' } });
    expect(await run(suggestion(), suggestion())).toEqual([
      { ack: 0, next: 1 },
      { ack: 0, next: 1 },
    ]);
  });

  it('prunes keys older than the retention now and then', async () => {
    await run(event('Ev-old'));
    clock.advance(4 * 24 * 60 * 60_000);
    await run(event('Ev-new'));
    // Ev-old was pruned by that request, so a (very late) copy of it counts as new
    expect(await run(event('Ev-old'))).toEqual([{ ack: 0, next: 1 }]);
  });

  it('handles the request anyway when the store fails (better twice than never)', async () => {
    const broken = createIdempotencyMiddleware({
      inbound: {
        claim: () => {
          throw new Error('SQLITE_BUSY');
        },
        release: () => {},
        prune: () => 0,
      },
      clock,
      logger: createLogger({ level: 'silent' }),
    });
    const request = command('T-1');
    await broken(request.args);
    expect(request.calls).toEqual({ ack: 0, next: 1 });
  });
});

describe('inboundKeysOf', () => {
  it.each<[string, Record<string, unknown>, ReturnType<typeof inboundKeysOf>]>([
    [
      'an event',
      { type: 'event_callback', event_id: 'Ev1' },
      { delivery: { key: 'event:Ev1', kind: 'event' }, click: null },
    ],
    [
      'a slash command',
      { ...sample('SlashCommandPayload'), trigger_id: 'T1' },
      { delivery: { key: 'trigger:T1', kind: 'trigger' }, click: null },
    ],
    [
      'a view submission',
      { ...sample('ViewSubmissionPayload'), trigger_id: 'T2' },
      { delivery: { key: 'trigger:T2', kind: 'trigger' }, click: null },
    ],
    [
      'a view closed',
      { ...sample('ViewClosedPayload'), view: { id: 'V1' } },
      { delivery: { key: 'view_closed:V1', kind: 'other' }, click: null },
    ],
    [
      'a select in a modal',
      {
        type: 'block_actions',
        trigger_id: 'T3',
        user: { id: 'U1' },
        container: { type: 'view', view_id: 'V2' },
        actions: [{ action_id: 'kep_state', selected_option: { value: 'at-risk' } }],
      },
      { delivery: { key: 'trigger:T3', kind: 'trigger' }, click: 'click:U1:V2:kep_state:at-risk' },
    ],
    [
      'a shortcut',
      { type: 'message_action', trigger_id: 'T4' },
      { delivery: { key: 'trigger:T4', kind: 'trigger' }, click: null },
    ],
    ['no body', undefined as unknown as Record<string, unknown>, { delivery: null, click: null }],
  ])('keys %s', (_name, body, keys) => {
    expect(inboundKeysOf(body)).toEqual(keys);
  });
});
