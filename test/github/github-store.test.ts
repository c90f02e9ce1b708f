import { afterEach, describe, expect, it } from 'vitest';
import type { NewGithubEvent } from '../../src/domain/github-snapshots.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';

let temp: TempStore;
afterEach(() => temp?.cleanup());

const now = new Date('2026-06-01T12:00:00Z');

describe('github_objects', () => {
  it('replaces what is under a tree: adds, updates oids (keeping fetched text until refetched), removes', () => {
    temp = tempStore();
    const objects = temp.store.githubObjects;
    const blob = (path: string, oid: string) => ({ path, kind: 'blob' as const, oid, nodeId: `N_${oid}` });
    expect(
      objects.replaceUnder('r/e', 'keps', [blob('keps/a/kep.yaml', '1'), blob('keps/b/kep.yaml', '2')]),
    ).toEqual({ added: 2, changed: 0, removed: 0 });
    objects.putText('r/e', 'keps/a/kep.yaml', '1', 'title: A', now);
    expect(objects.replaceUnder('r/e', 'keps', [blob('keps/a/kep.yaml', '3')])).toEqual({
      added: 0,
      changed: 1,
      removed: 1,
    });
    expect(objects.get('r/e', 'keps/a/kep.yaml')).toMatchObject({
      oid: '3',
      fetchedOid: '1',
      text: 'title: A',
      nodeId: 'N_3',
    });
    expect(objects.list('r/e', 'keps/')).toHaveLength(1);
  });

  it('matches path prefixes literally (no LIKE wildcards)', () => {
    temp = tempStore();
    const objects = temp.store.githubObjects;
    objects.replaceUnder('r/e', 'keps', [
      { path: 'keps/sig_x/kep.yaml', kind: 'blob', oid: '1', nodeId: null },
      { path: 'keps/sigAx/kep.yaml', kind: 'blob', oid: '2', nodeId: null },
    ]);
    expect(objects.list('r/e', 'keps/sig_').map((o) => o.path)).toEqual(['keps/sig_x/kep.yaml']);
  });
});

describe('github_events', () => {
  it('records each key once and lists by KEP and since', () => {
    temp = tempStore();
    const event: NewGithubEvent = {
      key: 'k1',
      kind: 'board-field',
      kepNumber: 4222,
      field: 'Status',
      before: 'a',
      after: 'b',
      message: 'moved to b on the board',
      occurredAt: '2026-06-01T11:00:00Z',
    };
    expect(temp.store.githubEvents.record([event], now)).toHaveLength(1);
    expect(temp.store.githubEvents.record([event, { ...event, key: 'k2' }], now).map((e) => e.key)).toEqual([
      'k2',
    ]);
    expect(temp.store.githubEvents.listByKep(4222, 10).map((e) => e.key)).toEqual(['k2', 'k1']);
    expect(temp.store.githubEvents.listSince('2026-06-01T12:00:00Z', 10)).toHaveLength(2);
    expect(temp.store.githubEvents.listAfter(1, 10).map((e) => e.key)).toEqual(['k2']);
  });
});

describe('github_write_actions', () => {
  it('marks an action applied once', () => {
    temp = tempStore();
    const action = {
      key: 'add-label:r/e#1:x',
      kind: 'add-label' as const,
      repo: 'r/e',
      issueNumber: 1,
      label: 'x',
      reason: 'vote',
      description: 'add label x to r/e#1',
    };
    expect(temp.store.githubWriteBack.plan([action], now)[0]).toMatchObject({
      created: true,
      action: { state: 'planned' },
    });
    expect(temp.store.githubWriteBack.markApplied(action.key, now)).toBe(true);
    expect(temp.store.githubWriteBack.markApplied(action.key, now)).toBe(false);
    expect(temp.store.githubWriteBack.plan([action], now)[0]).toMatchObject({
      created: false,
      action: { state: 'applied' },
    });
  });
});

describe('github_sync_runs and cursors', () => {
  it('remembers cursors and the last good run', () => {
    temp = tempStore();
    const sync = temp.store.githubSync;
    sync.setCursor('issues:x', '2026-06-01T10:00:00Z', now);
    sync.setCursor('issues:x', '2026-06-01T11:00:00Z', now);
    expect(sync.getCursor('issues:x')).toBe('2026-06-01T11:00:00Z');
    const ok = sync.startRun(now);
    sync.finishRun(ok, { outcome: 'ok', requests: 3, points: 3, summary: { a: 1 }, error: null }, now);
    const bad = sync.startRun(now);
    sync.finishRun(bad, { outcome: 'failed', requests: 1, points: 1, summary: null, error: 'boom' }, now);
    expect(sync.lastRun()).toMatchObject({ id: bad, outcome: 'failed', error: 'boom' });
    expect(sync.lastRun('ok')).toMatchObject({ id: ok, requests: 3, summary: { a: 1 } });
  });
});
