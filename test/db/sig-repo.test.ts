import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SigRole } from '../../src/ports/store.ts';
import { makeSig } from './factories.ts';
import { type TempStore, tempStore } from './temp-db.ts';

let s: TempStore;
beforeEach(() => {
  s = tempStore();
});
afterEach(() => s.cleanup());

describe('SIG repository', () => {
  it('stores SIGs with their roles, channel and meetings, and reads them back', () => {
    const node = makeSig();
    const auth = makeSig({
      dir: 'sig-auth',
      chairs: ['enj'],
      facilitators: [],
      channelId: null,
      channelName: null,
    });
    expect(s.store.sigs.upsertMany([node, auth])).toEqual({ inserted: 2, changed: 0, unchanged: 0 });
    expect(s.store.sigs.get('sig-node')).toEqual(node);
    expect(s.store.sigs.list()).toEqual([auth, node]);
    expect(s.store.sigs.get('sig-missing')).toBeNull();
  });

  it('is idempotent, and replaces roles on change', () => {
    s.store.sigs.upsertMany([makeSig()]);
    expect(s.store.sigs.upsertMany([makeSig()])).toEqual({ inserted: 0, changed: 0, unchanged: 1 });
    const changed = makeSig({ facilitators: ['alice', 'bob'], chairs: ['mrunalp'], channelId: 'C999' });
    expect(s.store.sigs.upsertMany([changed])).toEqual({ inserted: 0, changed: 1, unchanged: 0 });
    expect(s.store.sigs.get('sig-node')).toEqual(changed);
    expect(s.store.sigs.list()).toHaveLength(1);
  });

  it('normalises logins: strips @ and drops case-insensitive duplicates, keeping order', () => {
    s.store.sigs.upsertMany([makeSig({ facilitators: ['@Zed', 'amy', 'zed', 'AMY'] })]);
    expect(s.store.sigs.get('sig-node')?.facilitators).toEqual(['Zed', 'amy']);
  });

  it.each<[string, SigRole[] | undefined, string[]]>([
    ['any role', undefined, ['sig-auth', 'sig-node']],
    ['facilitator', ['facilitator'], ['sig-node']],
    ['chair', ['chair'], ['sig-auth']],
    ['facilitator or chair', ['facilitator', 'chair'], ['sig-auth', 'sig-node']],
    ['tech lead', ['tech-lead'], []],
  ])('lists the SIGs where a person is %s', (_what, roles, dirs) => {
    s.store.sigs.upsertMany([
      makeSig({ facilitators: ['jdoe'], chairs: ['x'] }),
      makeSig({ dir: 'sig-auth', facilitators: [], chairs: ['JDoe'] }),
      makeSig({ dir: 'sig-apps', facilitators: ['other'], chairs: [] }),
    ]);
    expect(s.store.sigs.listByPerson('@jdoe', roles).map((sig) => sig.dir)).toEqual(dirs);
  });

  it('refuses an unknown kind with the SIG named, storing none of the batch', () => {
    const bad = makeSig({ dir: 'wg-bad', kind: 'team' as never });
    expect(() => s.store.sigs.upsertMany([makeSig(), bad])).toThrow(/SIG "wg-bad" was not stored.*kind/);
    expect(s.store.sigs.list()).toEqual([]);
  });
});
