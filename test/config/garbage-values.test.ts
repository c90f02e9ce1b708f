import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml';
import { parseConfigText } from '../../src/config/load-config.ts';
import { readFixture } from './helpers.ts';

/** Every key path of a YAML document that leads to a scalar. */
function leafPaths(node: Node | null, prefix: (string | number)[] = []): (string | number)[][] {
  if (isMap(node))
    return node.items.flatMap((pair) =>
      leafPaths(pair.value as Node, [...prefix, String((pair.key as { value: unknown }).value)]),
    );
  if (isSeq(node)) return node.items.flatMap((item, i) => leafPaths(item as Node, [...prefix, i]));
  return isScalar(node) ? [prefix] : [];
}

const valid = readFixture('valid.yaml');
const garbage: unknown[] = [null, -1, '#', [1, 'a'], { a: 1 }];

describe('garbage in every position of valid.yaml', () => {
  const base = parseDocument(valid);
  const paths = leafPaths(base.contents as Node);

  it('finds the leaves to vary', () => {
    expect(paths.length).toBeGreaterThan(50);
  });

  it('never throws, and every problem is located on a line', () => {
    let rejected = 0;
    for (const path of paths) {
      for (const value of garbage) {
        const doc = base.clone();
        doc.setIn(path, value);
        const result = parseConfigText(doc.toString(), 'drumbeat.yaml');
        if (result.ok) continue;
        rejected++;
        for (const problem of result.problems) {
          expect(
            problem.line,
            `${path.join('.')} = ${JSON.stringify(value)}: ${problem.message}`,
          ).toBeGreaterThan(0);
          expect(problem.message).not.toMatch(/internal error/);
        }
      }
    }
    expect(rejected).toBeGreaterThan(paths.length * 3);
  });
});
