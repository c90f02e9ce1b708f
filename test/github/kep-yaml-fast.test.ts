/**
 * kep.yaml files go through js-yaml's plain loader when it accepts them, and through the careful
 * parser (positions, duplicate keys, tabs) otherwise: on every real kep.yaml and PRR file of the
 * fixtures, and on the YAML forms a kep.yaml can hold, both give the same data and warnings, and
 * key lines are still found when a warning asks for them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizeKep } from '../../src/domain/kep.ts';
import { parseKepYaml } from '../../src/github/local-checkout.ts';

const fixtureRoot = fileURLToPath(new URL('../fixtures/k8s', import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

describe('the fast kep.yaml read', () => {
  const files = yamlFiles(join(fixtureRoot, 'keps'));

  it('gives the careful parse on every kep.yaml and PRR file of the fixtures', () => {
    expect(files.length).toBeGreaterThan(600);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const fast = parseKepYaml(text);
      const careful = parseKepYaml(text, { careful: true });
      const name = relative(fixtureRoot, file);
      expect(fast.raw, name).toEqual(careful.raw);
      expect(fast.warnings, name).toEqual(careful.warnings);
      expect(fast.lines?.(), name).toEqual(careful.lines?.());
    }
  });

  it.each([
    ['numbers as written', 'kep-number: 0042\nlatest-milestone: 1.30\nx: [1e3, .5, -0, 0x1F, 1_000]\n'],
    ['nulls and booleans', 'a: ~\nb: null\nc:\nd: true\ne: False\nf: yes\ng: off\n'],
    ['dates stay text', 'creation-date: 2019-01-01\nlast-updated: 2024-02-29T10:00:00Z\n'],
    [
      'quoted and block text',
      'title: "KEP: \\"quoted\\""\nsummary: |\n  two\n  lines\nnote: >\n  folded\n  text\n',
    ],
    ['anchors and aliases', 'a: &x [alpha, beta]\nb: *x\nmilestone:\n  alpha: "v1.30"\n  beta: v1.31\n'],
    ['front matter', '---\ntitle: Legacy\nkep-number: 7\n---\n# Prose\n'],
    ['a repeated key', 'status: implementable\nstatus: implemented\n'],
    ['tab indentation', 'milestone:\n\talpha: v1.30\n'],
    ['not YAML', 'title: [unclosed\n'],
    ['empty', ''],
  ])('gives the careful parse on %s', (_name, text) => {
    const fast = parseKepYaml(text);
    const careful = parseKepYaml(text, { careful: true });
    expect(fast.raw).toEqual(careful.raw);
    expect(fast.warnings).toEqual(careful.warnings);
    expect(fast.lines?.() ?? {}).toEqual(careful.lines?.() ?? {});
  });

  it('finds the line of a key only when a warning places it', () => {
    const read = parseKepYaml(
      'title: A KEP\nkep-number: 12\n\nlatest-milestone: soon\nowning-sig: sig-node\n',
    );
    let asked = 0;
    const lines = () => {
      asked += 1;
      return read.lines!();
    };
    const kep = normalizeKep({ path: 'keps/sig-node/12-a-kep', raw: read.raw, lines });
    expect(kep.warnings.some((w) => w.startsWith('line 4: latest-milestone "soon"'))).toBe(true);
    expect(asked).toBeGreaterThan(0);
    asked = 0;
    const clean = parseKepYaml(
      'title: A KEP\nkep-number: 12\nstatus: implementable\nstage: alpha\nlatest-milestone: v1.35\nowning-sig: sig-node\nmilestone:\n  alpha: v1.35\ncreation-date: 2025-01-01\n',
    );
    expect(normalizeKep({ path: 'keps/sig-node/12-a-kep', raw: clean.raw }).warnings).toEqual([]);
    const cleanLines = () => {
      asked += 1;
      return clean.lines!();
    };
    normalizeKep({ path: 'keps/sig-node/12-a-kep', raw: clean.raw, lines: cleanLines });
    expect(asked).toBe(0);
  });
});
