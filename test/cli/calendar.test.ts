import { describe, expect, it } from 'vitest';
import { runDrumbeat } from './cli-io.ts';

const run = (args: string[]) => runDrumbeat(args);

const readme = (release: string) => `test/fixtures/k8s/schedules/release-${release}/README.md`;

describe('drumbeat calendar', () => {
  it('prints one JSON line per Timeline row, with the release', async () => {
    const result = await run(['calendar', '--from', readme('1.35'), '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const rows = result.lines.map((line) => JSON.parse(line));
    expect(rows).toHaveLength(38);
    expect(Object.keys(rows[0])).toEqual([
      'release',
      'name',
      'kind',
      'who',
      'week',
      'at',
      'date',
      'endDate',
      'aoe',
    ]);
    expect(rows.every((r) => r.release === 'v1.35')).toBe(true);
    expect(rows.find((r) => r.kind === 'enhancements-freeze')).toMatchObject({
      at: '2025-10-17T12:00:00Z',
      date: null,
      aoe: true,
    });
    expect(rows.find((r) => r.kind === 'code-freeze')).toMatchObject({
      at: '2025-11-07T12:00:00Z',
      aoe: true,
    });
  });

  it('prints v1.34 with its warnings on stderr, prefixed with the source and line', async () => {
    const result = await run(['calendar', '--from', readme('1.34'), '--json']);
    expect(result.code).toBe(0);
    const rows = result.lines.map((line) => JSON.parse(line));
    expect(rows.find((r) => r.kind === 'prr-freeze')).toMatchObject({ date: '2025-06-12', at: null });
    expect(rows.find((r) => r.kind === 'enhancements-freeze')).toMatchObject({ at: '2025-06-20T21:00:00Z' });
    expect(rows.find((r) => r.kind === 'code-freeze')).toMatchObject({ at: '2025-07-25T02:00:00Z' });
    const errors = result.stderr.split('\n').filter(Boolean);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(
      /^test\/fixtures\/k8s\/schedules\/release-1\.34\/README\.md:75: "Begin Enhancements Freeze": 14:00 PST/,
    );
  });

  it('prints a table with a count line', async () => {
    const result = await run(['calendar', '--from', readme('1.35')]);
    expect(result.code).toBe(0);
    expect(result.lines[0]).toBe('Release v1.35');
    expect(result.lines[1]).toMatch(/^WHEN \(UTC\)\s+WEEK\s+KIND\s+WHAT$/);
    expect(result.lines.find((l) => l.includes('Begin Code Freeze'))).toMatch(
      /^2025-11-07T12:00:00Z \(AoE\)\s+8\s+code-freeze\s+Begin Code Freeze and Test Freeze$/,
    );
    expect(result.lines.find((l) => l.includes('KubeCon'))).toMatch(
      /^2025-11-10 … 2025-11-13\s+9\s+-\s+KubeCon NA$/,
    );
    expect(result.lines.at(-1)).toBe('38 milestones, 0 warnings');
  });

  it.each([
    [['calendar'], 2, /--from is required/],
    [['calendar', '--json', '--from'], 2, /--from/],
    [
      ['calendar', '--from', 'missing.md'],
      1,
      /cannot read missing.md .*; pass a kubernetes\/sig-release releases\/release-1.NN\/README.md/,
    ],
    [
      ['calendar', '--from', 'test/fixtures/k8s/README.md'],
      1,
      /has no Timeline table \(a Markdown table with What and When columns\)/,
    ],
    [['calendar', '--from', 'test/fixtures/k8s/keps'], 1, /cannot read/],
  ])('%j exits %i', async (args, code, message) => {
    const result = await run(args);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});
