import { describe, expect, it } from 'vitest';
import { liveDerived, liveView } from '../../src/wiring/live-view.ts';
import { formatChanges, listChanges } from '../../src/wiring/reference-changes.ts';

describe('liveView', () => {
  it('reads every property from the current object, also through a reference kept before a swap', () => {
    let current = {
      sigs: ['sig-node'],
      name: 'v1.35',
      tell() {
        return this.name;
      },
    };
    const view = liveView(() => current);
    const kept = view;
    current = {
      sigs: ['sig-node', 'sig-auth'],
      name: 'v1.36',
      tell() {
        return this.name;
      },
    };
    expect(kept.sigs).toEqual(['sig-node', 'sig-auth']);
    expect(kept.tell()).toBe('v1.36');
    expect('name' in kept).toBe(true);
    expect({ ...kept, tell: undefined }).toEqual({
      sigs: ['sig-node', 'sig-auth'],
      name: 'v1.36',
      tell: undefined,
    });
    expect(JSON.parse(JSON.stringify(kept))).toEqual({ sigs: ['sig-node', 'sig-auth'], name: 'v1.36' });
  });

  it('refuses writes: a snapshot changes only by a swap', () => {
    const view = liveView(() => ({ name: 'v1.35' }));
    expect(() => {
      (view as { name: string }).name = 'v1.36';
    }).toThrow(TypeError);
    expect(view.name).toBe('v1.35');
  });
});

describe('liveDerived', () => {
  it('derives again only when the source object changes', () => {
    let source = { sigs: ['a'] };
    let derivations = 0;
    const view = liveDerived(
      () => source,
      (s) => {
        derivations++;
        return { count: s.sigs.length };
      },
    );
    expect([view.count, view.count]).toEqual([1, 1]);
    expect(derivations).toBe(1);
    source = { sigs: ['a', 'b'] };
    expect(view.count).toBe(2);
    expect(derivations).toBe(2);
  });
});

describe('listChanges', () => {
  it('counts entries added, removed and changed by key', () => {
    const before = [
      { dir: 'sig-a', name: 'A' },
      { dir: 'sig-b', name: 'B' },
      { dir: 'sig-c', name: 'C' },
    ];
    const after = [
      { dir: 'sig-a', name: 'A' },
      { dir: 'sig-b', name: 'B2' },
      { dir: 'sig-d', name: 'D' },
      { dir: 'sig-e', name: 'E' },
    ];
    const changes = listChanges(before, after, (s) => s.dir);
    expect(changes).toEqual({ added: 2, removed: 1, changed: 1 });
    expect(formatChanges(changes)).toBe('+2/−1/~1');
  });
});
