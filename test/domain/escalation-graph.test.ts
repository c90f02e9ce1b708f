import { describe, expect, it } from 'vitest';
import {
  type DependencyEdge,
  dependencyGraph,
  dependentPaths,
  describeCycle,
  findCycles,
  knownRelationship,
} from '../../src/domain/escalation-graph.ts';

const edge = (from: number, to: number, blockerId = from * 100 + to): DependencyEdge => ({
  from,
  to,
  blockerId,
});

describe('dependentPaths', () => {
  it.each([
    ['nobody waits', [edge(1, 2)], 1, []],
    ['one direct dependent', [edge(1, 2)], 2, [[1]]],
    ['a chain', [edge(3, 1), edge(1, 2)], 2, [[3, 1]]],
    ['two branches', [edge(3, 2), edge(4, 2), edge(5, 4)], 2, [[3], [5, 4]]],
    ['a cycle does not loop', [edge(1, 2), edge(2, 1), edge(3, 1)], 2, [[3, 1]]],
  ])('%s', (_name, edges, kep, expected) => {
    expect(dependentPaths(edges, kep)).toEqual(expected);
  });
});

describe('findCycles', () => {
  it.each([
    ['no cycle', [edge(1, 2), edge(2, 3)], []],
    ['A waits on B waits on A', [edge(2, 1, 7), edge(1, 2, 8)], [{ keps: [1, 2], blockerIds: [8, 7] }]],
    [
      'a three-cycle, rotated to its smallest KEP',
      [edge(3, 1, 1), edge(1, 2, 2), edge(2, 3, 3)],
      [{ keps: [1, 2, 3], blockerIds: [2, 3, 1] }],
    ],
    [
      'two separate cycles',
      [edge(1, 2, 1), edge(2, 1, 2), edge(5, 6, 3), edge(6, 5, 4)],
      [
        { keps: [1, 2], blockerIds: [1, 2] },
        { keps: [5, 6], blockerIds: [3, 4] },
      ],
    ],
  ])('%s', (_name, edges, expected) => {
    expect(findCycles(edges)).toEqual(expected);
  });

  it('describes a cycle closing on its first KEP', () => {
    expect(describeCycle({ keps: [1, 2], blockerIds: [] })).toBe('KEP-1 → KEP-2 → KEP-1');
  });
});

describe('knownRelationship', () => {
  const blocked = {
    path: 'keps/sig-node/1',
    participatingSigs: ['sig-auth'],
    seeAlso: ['keps/sig-storage/2'],
    replaces: [],
  };
  it.each([
    [
      'participating SIG',
      { type: 'sig' as const, sig: 'sig-auth' },
      null,
      'sig-auth is listed in participating-sigs',
    ],
    ['unrelated SIG', { type: 'sig' as const, sig: 'sig-apps' }, null, null],
    [
      'see-also',
      { type: 'kep' as const, kep: 2 },
      { path: 'keps/sig-storage/2', owningSig: 'sig-storage', seeAlso: [], replaces: [] },
      'the KEPs are linked in see-also',
    ],
    [
      'replaces',
      { type: 'kep' as const, kep: 3 },
      { path: 'keps/sig-x/3', owningSig: 'sig-x', seeAlso: [], replaces: ['keps/sig-node/1'] },
      'one KEP replaces the other',
    ],
    ['free text', { type: 'party' as const, name: 'API review' }, null, null],
  ])('%s', (_name, target, targetKep, expected) => {
    expect(knownRelationship(blocked, target, targetKep)).toBe(expected);
  });
});

describe('the graph at scale', () => {
  const chain = (n: number) => Array.from({ length: n }, (_, i) => edge(i + 2, i + 1, i + 1));

  it('follows a chain of 1,000 dependents up to 20 KEPs, nearest last', () => {
    const graph = dependencyGraph(chain(1000));
    const paths = dependentPaths(graph, 1);
    expect(paths).toEqual([Array.from({ length: 20 }, (_, i) => 21 - i)]);
    expect(dependentPaths(graph, 990)).toEqual([[1001, 1000, 999, 998, 997, 996, 995, 994, 993, 992, 991]]);
  });

  it('finds no cycle in a long chain, and the one cycle closing it', () => {
    expect(findCycles(chain(2000))).toEqual([]);
    const closed = [...chain(30), edge(1, 31, 99)];
    expect(findCycles(closed)).toEqual([
      {
        keps: [1, ...Array.from({ length: 30 }, (_, i) => 31 - i)],
        blockerIds: [99, ...Array.from({ length: 30 }, (_, i) => 30 - i)],
      },
    ]);
  });

  /** Every elementary cycle by brute force over small random graphs, to hold the fast search to. */
  function bruteCycles(edges: DependencyEdge[]): string[] {
    const found = new Set<string>();
    const walk = (start: number, node: number, path: DependencyEdge[]) => {
      for (const e of edges.filter((x) => x.from === node)) {
        if (e.to === start)
          found.add(
            [...path, e]
              .map((x) => x.blockerId)
              .sort((a, b) => a - b)
              .join(','),
          );
        else if (e.to !== e.from && !path.some((p) => p.from === e.to)) walk(start, e.to, [...path, e]);
      }
    };
    for (const n of new Set(edges.map((e) => e.from))) walk(n, n, []);
    return [...found].sort();
  }

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'finds exactly the cycles a brute-force search finds (seed %i)',
    (seed) => {
      let x = seed * 7919;
      const next = () => {
        x = (x * 1103515245 + 12345) % 2 ** 31;
        return x / 2 ** 31;
      };
      const edges: DependencyEdge[] = [];
      for (let id = 1; id <= 14; id++)
        edges.push(edge(1 + Math.floor(next() * 7), 1 + Math.floor(next() * 7), id));
      const fast = findCycles(edges).map((c) => [...c.blockerIds].sort((a, b) => a - b).join(','));
      expect([...fast].sort()).toEqual(bruteCycles(edges));
    },
  );
});
