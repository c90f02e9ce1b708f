import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDrumbeat } from './cli-io.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

async function run(args: string[], cwd = repoRoot) {
  const result = await runDrumbeat(args, cwd);
  return { ...result, errors: result.stderr.split('\n').filter(Boolean) };
}

const jsonFields = [
  'path',
  'number',
  'title',
  'owningSig',
  'participatingSigs',
  'status',
  'stage',
  'latestMilestone',
  'milestones',
  'prrApprovals',
  'warnings',
  'seeAlso',
  'replaces',
  'supersededBy',
];

describe('drumbeat keps', () => {
  it('prints one JSON line per KEP directory of the fixtures, templates excluded', async () => {
    const result = await run(['keps', '--from', 'test/fixtures/k8s', '--json']);
    expect(result.code).toBe(0);
    expect(result.lines).toHaveLength(394);
    const keps = result.lines.map((line) => JSON.parse(line));
    for (const kep of keps) expect(Object.keys(kep)).toEqual(jsonFields);
    const paths = keps.map((k) => k.path);
    expect(new Set(paths).size).toBe(394);
    expect(paths).toEqual([...paths].sort());
    expect(paths).not.toContain('keps/NNNN-kep-template');
    expect(keps.find((k) => k.path === 'keps/sig-node/2043-pod-resource-concrete-assigments')).toMatchObject({
      number: 1884,
      latestMilestone: null,
      milestones: { alpha: 'v1.13', beta: 'v1.15', stable: 'v1.21' },
    });
    const warningCount = keps.reduce((sum, k) => sum + k.warnings.length, 0);
    expect(result.errors).toHaveLength(warningCount);
    expect(result.errors.every((line) => /^keps\/\S+\/kep\.yaml(:\d+)?: \S/.test(line))).toBe(true);
    expect(result.errors).toContain(
      'keps/sig-node/2043-pod-resource-concrete-assigments/kep.yaml:2: kep-number is 1884 but the directory name says 2043; using 1884 (kep-number)',
    );
  });

  it('prints an aligned table with a count line without --json', async () => {
    const result = await run(['keps', '--from', 'test/fixtures/k8s']);
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(/^NUMBER\s+SIG\s+STATUS\s+STAGE\s+LATEST\s+TITLE$/);
    expect(result.lines).toHaveLength(1 + 394 + 1);
    expect(result.lines.at(-1)).toBe(`394 KEPs, ${result.errors.length} warnings`);
    const titleColumn = result.lines[0]?.indexOf('TITLE');
    expect(result.lines.slice(1, -1).every((line) => line.length > (titleColumn ?? 0))).toBe(true);
  });

  it('checks SIG names against --sigs', async () => {
    const result = await run([
      'keps',
      '--from',
      'test/fixtures/k8s',
      '--sigs',
      'test/fixtures/k8s/sigs.yaml',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(result.errors).toContain(
      'keps/sig-instrumentation/2845-deprecate-klog-specific-flags-in-k8s-components/kep.yaml:6: participating-sigs entry "sig-arch" is not a group dir in sigs.yaml (did you mean sig-architecture?)',
    );
  });

  it.each([
    [['keps'], 2, /--from is required/],
    [['keps', '--from'], 2, /--from/],
    [['keps', '--from', '.', '--bogus'], 2, /Unknown option '--bogus'/],
    [
      ['keps', '--from', 'no/such/dir'],
      1,
      /no\/such\/dir does not exist; pass the root of a kubernetes\/enhancements checkout/,
    ],
    [['keps', '--from', 'src'], 1, /has no keps\/ folder/],
    [['keps', '--from', 'test/fixtures/k8s/keps'], 1, /looks like keps\/ itself: pass its parent/],
    [['keps', '--from', 'test/fixtures/k8s', '--sigs', 'nope.yaml'], 1, /cannot read --sigs .*nope.yaml/],
    [
      ['keps', '--from', 'test/fixtures/k8s', '--sigs', 'package.json'],
      1,
      /does not look like kubernetes\/community's sigs.yaml/,
    ],
  ])('%j exits %i', async (args, code, message) => {
    const result = await run(args);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  describe('on a hostile checkout', () => {
    let root = '';
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'drumbeat-cli-keps-'));
      const files: Record<string, string | Buffer> = {
        'keps/sig-x/1-not-yaml/kep.yaml': 'title: "unclosed\n  - : :',
        'keps/sig-x/2-empty/kep.yaml': '',
        'keps/sig-x/3-binary/kep.yaml': Buffer.from([0xff, 0xfe, 0, 0x41, 0x0a, 0x80]),
        'keps/sig-x/4-list/kep.yaml': '- a\n- b\n',
        'keps/sig-x/5-readme-only/README.md': '# readme\n',
        'keps/sig-x/6-fine/kep.yaml':
          'title: Fine\nkep-number: 6\nowning-sig: sig-x\nstatus: implementable\n',
      };
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), content);
      }
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('survives with warnings and prints every kep.yaml directory', async () => {
      const result = await run(['keps', '--from', root, '--json']);
      expect(result.code).toBe(0);
      const keps = result.lines.map((line) => JSON.parse(line));
      expect(keps.map((k) => [k.path, k.number])).toEqual([
        ['keps/sig-x/1-not-yaml', 1],
        ['keps/sig-x/2-empty', 2],
        ['keps/sig-x/3-binary', 3],
        ['keps/sig-x/4-list', 4],
        ['keps/sig-x/6-fine', 6],
      ]);
      expect(keps.slice(0, 4).every((k) => k.warnings.length > 0)).toBe(true);
      expect(keps[4].warnings).toEqual([]);
      expect(result.errors).toContain(
        'keps/sig-x/5-readme-only: has a README.md but no kep.yaml (metadata file missing); not read as a KEP',
      );
    });
  });

  it('runs as a real process through bin/drumbeat.js', () => {
    const child = spawnSync(
      process.execPath,
      ['bin/drumbeat.js', 'keps', '--from', 'test/fixtures/k8s', '--json'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    );
    expect(child.status).toBe(0);
    const lines = child.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(394);
    expect(() => lines.map((line) => JSON.parse(line))).not.toThrow();
  });
});
