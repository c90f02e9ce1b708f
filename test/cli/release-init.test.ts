import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load-config.ts';
import { repoRoot, runDrumbeat } from './cli-io.ts';

const readme = (release: string) => `test/fixtures/k8s/schedules/release-${release}/README.md`;
const example = readFileSync(path.join(repoRoot, 'drumbeat.example.yaml'), 'utf8');

interface Block {
  release: {
    name: string;
    calendar: { import: string };
    codingPeriod: { start: string; increments: number; weeksPerIncrement: number };
  };
  planning: { readoutAt: string };
}

async function init(release: string) {
  const result = await runDrumbeat(['release', 'init', '--calendar', readme(release)]);
  return { ...result, block: load(result.stdout) as Block };
}

/** The example with the block's values pasted over its release-specific keys. */
function pasted(block: Block): string {
  const { release, planning } = block;
  const swaps: [RegExp, string][] = [
    [/name: v1\.35/, `name: ${release.name}`],
    [
      /import: \.\/test\/fixtures\/k8s\/schedules\/release-1\.35\/README\.md/,
      `import: ${release.calendar.import}`,
    ],
    [/start: 2025-09-15/, `start: ${release.codingPeriod.start}`],
    [/increments: 4/, `increments: ${release.codingPeriod.increments}`],
    [/readoutAt: "2025-10-08T16:00:00Z"/, `readoutAt: "${planning.readoutAt}"`],
  ];
  return swaps.reduce((text, [from, to]) => {
    expect(text).toMatch(from);
    return text.replace(from, to);
  }, example);
}

describe('drumbeat release init', () => {
  it('on the v1.35 README prints what the hand-written v1.35 example says', async () => {
    const { code, stderr, block, stdout } = await init('1.35');
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(
      /^# drumbeat\.yaml for v1\.35, from .*: cycle 2025-09-15 to 2025-12-18 \(release 2025-12-17\)\./,
    );
    expect(block).toEqual({
      release: {
        name: 'v1.35',
        calendar: { import: `./${readme('1.35')}` },
        codingPeriod: { start: '2025-09-15', increments: 4, weeksPerIncrement: 2 },
      },
      planning: { readoutAt: '2025-10-08T16:00:00Z' },
    });
    expect(parseConfigText(pasted(block), 'drumbeat.example.yaml', { cwd: repoRoot }).ok).toBe(true);
  });

  it('on the v1.34 README prints a block that retargets the example: it loads once pasted', async () => {
    const { code, stderr, block } = await init('1.34');
    expect(code).toBe(0);
    // The README's own time mismatches, as `drumbeat calendar` reports them.
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^test\/fixtures\/k8s\/schedules\/release-1\.34\/README\.md:75: "Begin Enhancements Freeze"/,
      ),
      expect.stringMatching(
        /^test\/fixtures\/k8s\/schedules\/release-1\.34\/README\.md:81: "Begin Feature blog freeze/,
      ),
    ]);
    // Start of Release Cycle: Monday 19th May 2025; Code Freeze 2025-07-25 (67 days: 5 increments).
    expect(block.release).toMatchObject({
      name: 'v1.34',
      codingPeriod: { start: '2025-05-19', increments: 5, weeksPerIncrement: 2 },
    });
    // Begin Production Readiness Freeze: Thursday 12th June 2025.
    expect(block.planning.readoutAt).toBe('2025-06-10T16:00:00Z');
    const text = pasted(block);
    const loaded = parseConfigText(text, 'drumbeat.example.yaml', { cwd: repoRoot });
    if (!loaded.ok) expect.fail(loaded.problems.map((p) => p.message).join('\n'));
    expect(loaded.config.release.codingPeriod?.end).toBe('2025-07-28');
    // Only the name changed: the copied dates are refused.
    const nameOnly = text.replace('start: 2025-05-19', 'start: 2025-09-15');
    expect(parseConfigText(nameOnly, 'drumbeat.example.yaml', { cwd: repoRoot }).ok).toBe(false);
  });

  it('refuses a file with no Timeline table (exit 1) and bad arguments (exit 2)', async () => {
    const phases = await runDrumbeat([
      'release',
      'init',
      '--calendar',
      'test/fixtures/k8s/schedules/release_phases.md',
    ]);
    expect(phases.code).toBe(1);
    expect(phases.stderr).toContain('has no Timeline table');
    expect(phases.stdout).toBe('');
    const missing = await runDrumbeat(['release', 'init', '--calendar', 'nowhere/README.md']);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      expect.stringContaining('cannot read nowhere/README.md'),
    ]);
    for (const args of [
      ['release', 'init'],
      ['release', '--calendar', readme('1.35')],
      ['release', 'begin', '--calendar', 'x'],
    ]) {
      const bad = await runDrumbeat(args);
      expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('Usage: drumbeat release init')]);
    }
  });

  it('is listed in `drumbeat help`', async () => {
    const help = await runDrumbeat(['help']);
    expect(help.stdout).toMatch(/\n {2}release +release init --calendar README\.md/);
  });
});
