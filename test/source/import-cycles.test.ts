/**
 * No module of src/ imports itself through others (type-only imports count: a reader following
 * them goes round in a circle just the same).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = path.join(import.meta.dirname, '..', '..', 'src');
const importPattern = /(?:^|\n)\s*(?:import|export)\b[^;'"]*?\bfrom\s+'(\.[^']+)'/g;

/** Every .ts file under `dir` → the relative modules it imports or re-exports, as src-relative paths. */
function importGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const entry of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts')) continue;
    const text = fs.readFileSync(path.join(dir, entry), 'utf8');
    const targets = [...text.matchAll(importPattern)].map((m) => path.join(path.dirname(entry), m[1]!));
    graph.set(entry, targets);
  }
  return graph;
}

/** The cycles found by a depth-first walk, each as the list of files from its start back to it. */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const visit = (file: string, trail: string[]) => {
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...trail.slice(trail.indexOf(next)), file, next]);
      else if (!state.has(next)) visit(next, [...trail, file]);
    }
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file, []);
  return cycles;
}

describe('import cycles', () => {
  it('finds a cycle when there is one (the walk itself works)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cyclesOf(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('src/ has none', () => {
    const graph = importGraph(srcDir);
    expect(graph.get(path.join('config', 'schema.ts'))).toContain(path.join('config', 'planning-config.ts'));
    expect(cyclesOf(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });
});
