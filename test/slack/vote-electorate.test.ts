import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { resolveElectorate } from '../../src/slack/resolve-electorate.ts';

const slackError = (code: string) =>
  Object.assign(new Error(`An API error occurred: ${code}`), { data: { error: code } });

/** A WebClient with only what the electorate needs: paged channel members and user groups. */
function fakeClient(members: string[], groups: Record<string, string[]>): WebClient {
  return {
    conversations: {
      members: async ({ channel, cursor, limit }: { channel: string; cursor?: string; limit: number }) => {
        if (channel !== 'C0NODE') throw slackError('not_in_channel');
        const start = Number(cursor ?? 0);
        const next = start + limit < members.length ? String(start + limit) : '';
        return {
          ok: true,
          members: members.slice(start, start + limit),
          response_metadata: { next_cursor: next },
        };
      },
    },
    usergroups: {
      users: {
        list: async ({ usergroup }: { usergroup: string }) => {
          if (!groups[usergroup]) throw slackError('no_such_subteam');
          return { ok: true, users: groups[usergroup] };
        },
      },
    },
  } as unknown as WebClient;
}

const many = Array.from({ length: 450 }, (_, i) => `U${String(i).padStart(8, '0')}`);

describe('resolveElectorate', () => {
  const client = fakeClient([...many, 'UBOT00001'], { S0LEADS: ['U00000001', 'U00000002', 'UBOT00001'] });

  it('reads every page of a channel’s members, leaving the bot out', async () => {
    const got = await resolveElectorate(client, { kind: 'channel', id: 'C0NODE' }, 'UBOT00001');
    expect(got).toEqual({ ok: true, kind: 'channel', source: 'C0NODE', members: many });
  });

  it('reads a user group', async () => {
    const got = await resolveElectorate(client, { kind: 'usergroup', id: 'S0LEADS' }, 'UBOT00001');
    expect(got).toEqual({
      ok: true,
      kind: 'usergroup',
      source: 'S0LEADS',
      members: ['U00000001', 'U00000002'],
    });
  });

  it('keeps listed people once each, in order', async () => {
    const got = await resolveElectorate(
      client,
      { kind: 'people', ids: ['U2AAAA', 'U1AAAA', 'U2AAAA', 'nope'] },
      'UBOT00001',
    );
    expect(got).toEqual({ ok: true, kind: 'people', source: null, members: ['U2AAAA', 'U1AAAA'] });
  });

  it.each([
    [{ kind: 'channel' as const, id: 'C0SECRET' }, '/invite @drumbeat'],
    [{ kind: 'usergroup' as const, id: 'S0NOPE' }, 'There is no user group'],
  ])('says how to fix %j', async (choice, hint) => {
    const got = await resolveElectorate(client, choice, 'UBOT00001');
    expect(got.ok).toBe(false);
    expect(!got.ok && got.message).toContain(hint);
  });
});
