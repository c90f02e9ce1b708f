import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { describeUnhandled, unhandledAck } from '../../src/slack/answer-unhandled.ts';
import { buildFailureNotice } from '../../src/slack/blocks/delivery-notice-blocks.ts';
import { postLine } from '../../src/slack/blocks/kep-status-blocks.ts';
import { checkMessage } from '../../src/slack/blocks/limits.ts';
import { describeSlackFailure } from '../../src/slack/listener-client.ts';
import { deliveryState } from '../../src/slack/status-delivery.ts';

const ref = (status: 'pending' | 'sent' | 'failed' | 'expired', error: string | null = null) => ({
  key: 'status:1',
  status,
  channel: 'C1',
  ts: null,
  error,
  attempts: 1,
});

describe('the status reply’s post line', () => {
  it.each([
    [{ state: 'posting' as const }, 'Posting to <#C1>…'],
    [{ state: 'posted' as const }, 'Posted in <#C1>.'],
    [
      { state: 'failed' as const, error: 'not_in_channel' },
      ':warning: Not posted in <#C1>: Slack refused it (not_in_channel). Your update is recorded; tell the bot’s admins so they can fix it.',
    ],
  ])('%j', (delivery, line) => {
    expect(postLine('C1', delivery)).toBe(line);
  });

  it('says "posting" until told otherwise, and names no channel when there is none', () => {
    expect(postLine('C1', undefined)).toBe('Posting to <#C1>…');
    expect(postLine(null, { state: 'posted' })).toContain('the SIG has no channel');
  });

  it('reads a delivery: sent is posted, failed or expired is refused with Slack’s reason', () => {
    expect(deliveryState(null)).toEqual({ state: 'posting' });
    expect(deliveryState(ref('pending'))).toEqual({ state: 'posting' });
    expect(deliveryState(ref('sent'))).toEqual({ state: 'posted' });
    expect(deliveryState(ref('failed', 'chat.postMessage: token_revoked'))).toEqual({
      state: 'failed',
      error: 'token_revoked',
    });
  });
});

describe('the PM channel’s notice', () => {
  it('says how many, why, where and what to do, within Slack’s limits', () => {
    const notice = buildFailureNotice({
      cause: 'chat.postMessage: not_in_channel',
      count: 4,
      channels: [{ channel: 'CNODE', count: 3 }],
      elsewhere: 1,
      since: new Date('2026-06-02T10:00:00Z'),
    });
    expect(notice.text).toBe('Drumbeat could not deliver 4 messages (chat.postMessage: not_in_channel)');
    const shown = JSON.stringify(notice.blocks);
    expect(shown).toContain('<#CNODE> (3), 1 direct message(s) or App Home view(s)');
    expect(shown).toContain('invite the bot there (`/invite @Drumbeat`)');
    expect(checkMessage({ text: notice.text, blocks: notice.blocks })).toEqual([]);
  });
});

describe('a listener’s failed Web API call, in words', () => {
  it.each([
    [{ code: ErrorCode.RateLimitedError, retryAfter: 30 }, 'Slack is rate-limiting Drumbeat right now'],
    [{ code: ErrorCode.HTTPError, statusCode: 503 }, 'Slack had an error (HTTP 503)'],
    [
      { code: ErrorCode.RequestError, message: 'The operation was aborted due to timeout' },
      'Slack did not answer in time',
    ],
    [
      { code: ErrorCode.PlatformError, data: { error: 'expired_trigger_id' } },
      'Slack said: expired_trigger_id',
    ],
  ])('%j', (error, words) => {
    expect(describeSlackFailure(error)).toBe(words);
  });
});

describe('requests no listener answered', () => {
  it('a command gets an ephemeral, a form a view saying so, a button a plain ack', () => {
    expect(unhandledAck({ command: '/old' })).toEqual({
      response_type: 'ephemeral',
      text: 'Drumbeat could not take /old just now (its log says why); nothing was changed. Please try again in a minute.',
    });
    expect(unhandledAck({ type: 'view_submission', view: { callback_id: 'old_modal' } })).toMatchObject({
      response_action: 'update',
      view: { type: 'modal' },
    });
    expect(unhandledAck({ type: 'block_actions', actions: [{ action_id: 'old' }] })).toBeUndefined();
    expect(unhandledAck({ type: 'block_suggestion' })).toEqual({ options: [] });
    expect(describeUnhandled({ type: 'block_actions', actions: [{ action_id: 'old' }] })).toEqual({
      what: 'button',
      id: 'old',
    });
  });
});
