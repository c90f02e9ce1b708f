import { afterEach, describe, expect, it } from 'vitest';
import { authorize } from '../../src/app/authorize.ts';
import type { PermissionRoster } from '../../src/domain/permissions.ts';
import { makePerson } from '../db/factories.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';

let t: TempStore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

const roster: PermissionRoster = {
  reporters: { 'sig-node': ['alice', 'ghost'] },
  releaseLead: null,
  releaseTeam: ['lena'],
  exceptionDeciders: [],
};

describe('authorize', () => {
  it('finds the person by Slack id and refuses with mentions of who may act', () => {
    t = tempStore();
    t.store.people.upsertMany([
      makePerson({ github: 'alice', slack: 'U0ALICE' }),
      makePerson({ github: 'lena', slack: 'U0LENA' }),
      makePerson({ github: 'dora', slack: 'U0DORA' }),
    ]);
    const act = { kind: 'plan', sig: 'sig-node' } as const;
    expect(authorize(t.store.people, roster, 'U0ALICE', act)).toEqual({
      ok: true,
      actor: { slack: 'U0ALICE', github: 'alice' },
    });
    expect(authorize(t.store.people, roster, 'U0DORA', act)).toEqual({
      ok: false,
      message:
        "Only sig-node's reporters or the release team may commit sig-node's plan: <@U0ALICE>, @ghost (GitHub), <@U0LENA>.",
    });
    expect(authorize(t.store.people, roster, 'U0NOBODY', { kind: 'exception-decision' })).toEqual({
      ok: false,
      message:
        'Only the exception deciders may approve or reject exception requests: nobody is configured for that yet; ask the release team.',
    });
  });
});
