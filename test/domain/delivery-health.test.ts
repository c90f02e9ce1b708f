import { describe, expect, it } from 'vitest';
import {
  type FailureRecord,
  failureCause,
  isTokenError,
  judgeDeliveryHealth,
  planFailureNotices,
} from '../../src/domain/delivery-health.ts';

const now = new Date('2026-06-02T12:00:00Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe('the token and the failures', () => {
  it.each([
    ['token_revoked', true],
    ['invalid_auth', true],
    ['account_inactive', true],
    ['not_in_channel', false],
    ['ratelimited', false],
    [null, false],
  ])('%s refuses the token: %s', (code, refused) => {
    expect(isTokenError(code)).toBe(refused);
  });

  it('is ok before the first check, and when Slack could not be asked', () => {
    expect(judgeDeliveryHealth(null, 0).token.ok).toBe(true);
    const unreachable = { ok: false, error: 'unreachable: ECONNREFUSED', at: ago(1) };
    expect(judgeDeliveryHealth(unreachable, 0).token).toMatchObject({ ok: true });
  });

  it('is degraded while Slack refuses the token, or from five failures in fifteen minutes', () => {
    const revoked = { ok: false, error: 'token_revoked', at: ago(3) };
    expect(judgeDeliveryHealth(revoked, 0).token).toEqual({
      ok: false,
      detail: 'Slack refuses the bot token (token_revoked) since 2026-06-02T11:57:00.000Z',
    });
    expect(judgeDeliveryHealth(null, 4).failures.ok).toBe(true);
    expect(judgeDeliveryHealth(null, 5).failures).toEqual({
      ok: false,
      detail: '5 message(s) failed permanently in the last 15 min (degraded from 5)',
    });
  });

  it.each([
    ['chat.postMessage: channel_not_found', 'chat.postMessage: channel_not_found'],
    ['chat.update: ratelimited (gave up after 8 attempts)', 'chat.update: ratelimited'],
    ['interrupted while sending; ephemeral messages are sent at most once', 'interrupted while sending'],
  ])('names the cause of %j', (reason, cause) => {
    expect(failureCause(reason)).toBe(cause);
  });
});

describe('notices to the PM channel', () => {
  const failure = (channel: string | null, error: string, minutes: number, key = `status:${minutes}`) =>
    ({ key, channel, error, at: ago(minutes) }) satisfies FailureRecord;
  const plan = (failures: FailureRecord[], lastNoticeAt: (cause: string) => Date | null = () => null) =>
    planFailureNotices({ failures, lastNoticeAt, pmChannel: 'CPM', ownKeyPrefix: 'delivery-notice:', now });

  it('notices a cause from three failures in a day, with where it failed', () => {
    const notices = plan([
      failure('CNODE', 'chat.postMessage: not_in_channel', 600),
      failure('CNODE', 'chat.postMessage: not_in_channel', 30),
      failure('CAUTH', 'chat.postMessage: not_in_channel', 20),
      failure('D123', 'chat.postMessage: not_in_channel', 10),
      failure('CNODE', 'chat.postMessage: is_archived', 5),
    ]);
    expect(notices).toEqual([
      {
        cause: 'chat.postMessage: not_in_channel',
        count: 4,
        channels: [
          { channel: 'CNODE', count: 2 },
          { channel: 'CAUTH', count: 1 },
        ],
        elsewhere: 1,
        since: ago(600),
      },
    ]);
  });

  it('stays quiet for a day after a notice of the same cause', () => {
    const failures = [1, 2, 3].map((m) => failure('CNODE', 'chat.postMessage: not_in_channel', m));
    expect(plan(failures, () => ago(60))).toEqual([]);
    expect(plan(failures, () => ago(25 * 60))).toHaveLength(1);
  });

  it('never notices what could not arrive: a refused token, or a cause the PM channel fails with', () => {
    const revoked = [1, 2, 3].map((m) => failure('CNODE', 'chat.postMessage: token_revoked', m));
    expect(plan(revoked)).toEqual([]);
    const pmToo = [1, 2].map((m) => failure('CNODE', 'chat.postMessage: not_in_channel', m));
    expect(plan([...pmToo, failure('CPM', 'chat.postMessage: not_in_channel', 3)])).toEqual([]);
  });

  it('leaves out its own notices and failures older than a day', () => {
    const own = [1, 2, 3].map((m) =>
      failure('CX', 'chat.postMessage: not_in_channel', m, `delivery-notice:${m}`),
    );
    const old = [1, 2, 3].map((m) => failure('CX', 'chat.postMessage: not_in_channel', 25 * 60 + m));
    expect(plan([...own, ...old])).toEqual([]);
  });
});
