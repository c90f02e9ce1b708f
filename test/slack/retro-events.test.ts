import { describe, expect, it } from 'vitest';
import { readRetroMessage } from '../../src/slack/listeners/events/retro-events.ts';

const reply = {
  channel: 'C1',
  ts: '1766016100.000200',
  thread_ts: '1766016000.000100',
  user: 'U1',
  text: 'Fewer DMs',
};

describe('retrospective message events', () => {
  it('reads thread replies, edits and deletions', () => {
    expect(readRetroMessage(reply)).toEqual({
      kind: 'reply',
      channel: 'C1',
      ts: reply.ts,
      threadTs: reply.thread_ts,
      user: 'U1',
      text: 'Fewer DMs',
      at: '2025-12-18T00:01:40.000Z',
    });
    expect(
      readRetroMessage({
        subtype: 'message_changed',
        channel: 'C1',
        message: { ...reply, text: 'Fewer, shorter DMs' },
      }),
    ).toMatchObject({ kind: 'reply', ts: reply.ts, text: 'Fewer, shorter DMs' });
    expect(readRetroMessage({ subtype: 'message_deleted', channel: 'C1', deleted_ts: reply.ts })).toEqual({
      kind: 'deleted',
      channel: 'C1',
      ts: reply.ts,
    });
  });

  it('ignores top-level messages, the bot’s own posts and other subtypes', () => {
    expect(readRetroMessage({ ...reply, thread_ts: undefined })).toBeNull();
    expect(readRetroMessage({ ...reply, thread_ts: reply.ts })).toBeNull();
    expect(readRetroMessage({ ...reply, bot_id: 'B1' })).toBeNull();
    expect(readRetroMessage({ ...reply, subtype: 'channel_join' })).toBeNull();
    expect(readRetroMessage({ ...reply, channel: undefined })).toBeNull();
  });
});
