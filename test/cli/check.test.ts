import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/main.ts';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'config');
const repoRoot = path.join(import.meta.dirname, '..', '..');

function captureIo(cwd: string, env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd, isTty: false };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

async function check(args: string[], cwd = fixtures, env: Record<string, string | undefined> = {}) {
  const capture = captureIo(cwd, env);
  const code = await runCli(['check', ...args], capture.io);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

describe('drumbeat check', () => {
  it('exits 0 with a summary for a valid config', async () => {
    const { code, stdout, stderr } = await check(['--config', 'valid.yaml', '--now', '2099-02-01T00:00:00Z']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'valid.yaml: OK',
      'Release v1.37: 5 milestones; next:',
      '    2099-02-06 12:00 UTC (AoE)  Enhancements Freeze [enhancements-freeze]',
      '    2099-03-06 12:00 UTC  Code Freeze [code-freeze]',
      '    2099-03-16 to 2099-03-19  KubeCon',
      'SIGs: 2 configured, 2 with a channel, 1 with facilitators',
      '    sig-node → #sig-node, facilitators: alice-facilitator',
      'People: 4; release lead: lena-lead',
      'Warnings: none',
      '',
    ]);
  });

  it('lists every SIG with --verbose', async () => {
    const { stdout } = await check(['--config', 'valid.yaml', '--verbose']);
    expect(stdout).toContain('    sig-storage → C0123456789\n');
  });

  it('says when every milestone is past', async () => {
    const { stdout } = await check(['--config', 'valid.yaml', '--now', '2100-01-01T00:00:00Z']);
    expect(stdout).toContain('Release v1.37: 5 milestones; all are past.');
  });

  it('exits 1 with every problem numbered, one per line, then the count', async () => {
    const { code, stdout, stderr } = await check(['--config', 'wrong-types.yaml']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(29);
    lines.slice(0, 28).forEach((line, i) => {
      expect(line).toMatch(new RegExp(`^${i + 1}\\. wrong-types\\.yaml:\\d+:\\d+ \\S+: expected`));
    });
    expect(lines[0]).toBe(
      '1. wrong-types.yaml:4:3 workspace.timezone: expected an IANA time zone such as "UTC" or "Europe/Berlin", got 5',
    );
    expect(lines[28]).toBe('wrong-types.yaml: 28 problems; fix them and run `drumbeat check` again.');
  });

  it.each([
    ['empty.yaml', '1. empty.yaml: the file is empty'],
    ['alias-bomb.yaml', '1. alias-bomb.yaml:3:8: aliases (*name) expand to too much data'],
    ['malformed.yaml', '1. malformed.yaml:4:1: YAML syntax error'],
    ['binary.yaml', '1. binary.yaml: the file is not UTF-8 text'],
  ])('exits 1 for %s with a clear message', async (name, start) => {
    const { code, stderr } = await check(['--config', name]);
    expect(code).toBe(1);
    expect(stderr.startsWith(start)).toBe(true);
    expect(stderr).toContain(`${name}: 1 problem; fix it and run`);
  });

  it('passes on drumbeat.example.yaml, with warnings capped unless --verbose', async () => {
    const { code, stdout } = await check(['--config', 'drumbeat.example.yaml'], repoRoot);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^drumbeat\.example\.yaml: OK\nRelease v1\.35: \d+ milestones/);
    expect(stdout).toMatch(/SIGs: \d+ configured, \d+ with a channel, 4 with facilitators/);
    // 6 listed and the users.yaml pairs (people.import)
    expect(stdout).toMatch(/People: [1-9]\d{2}; release lead: lena-release-lead/);
    expect(stdout).toMatch(/… \d+ more \(run with --verbose to see all\)/);
  });

  it('rejects unknown options and a bad --now with exit 2', async () => {
    const unknown = await check(['--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--bogus'");
    expect(unknown.stderr).toContain('Usage: drumbeat check');
    const badNow = await check(['--config', 'valid.yaml', '--now', 'tomorrow']);
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toContain('--now expects an ISO-8601 instant');
  });

  it('prints usage for --help', async () => {
    const { code, stdout } = await check(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--config FILE');
  });
});

describe('which file drumbeat check reads', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drumbeat-check-'));
    fs.copyFileSync(path.join(fixtures, 'valid.yaml'), path.join(dir, 'drumbeat.yaml'));
    fs.copyFileSync(path.join(fixtures, 'valid.yaml'), path.join(dir, 'from-env.yaml'));
    fs.copyFileSync(path.join(fixtures, 'empty.yaml'), path.join(dir, 'empty.yaml'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('defaults to ./drumbeat.yaml', async () => {
    const { code, stdout } = await check([], dir);
    expect(code).toBe(0);
    expect(stdout.startsWith('./drumbeat.yaml: OK')).toBe(true);
  });

  it('reads DRUMBEAT_CONFIG when there is no --config', async () => {
    const { code, stdout } = await check([], dir, { DRUMBEAT_CONFIG: 'from-env.yaml' });
    expect(code).toBe(0);
    expect(stdout.startsWith('from-env.yaml: OK')).toBe(true);
  });

  it('lets --config win over DRUMBEAT_CONFIG', async () => {
    const { code, stderr } = await check(['--config', 'empty.yaml'], dir, {
      DRUMBEAT_CONFIG: 'from-env.yaml',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('empty.yaml: the file is empty');
  });

  it('exits 1 and says how to fix it when there is no config file', async () => {
    fs.rmSync(path.join(dir, 'drumbeat.yaml'));
    const { code, stderr } = await check([], dir);
    expect(code).toBe(1);
    expect(stderr).toContain('1. ./drumbeat.yaml: no config file here');
    expect(stderr).toContain('pass --config FILE or set DRUMBEAT_CONFIG');
  });
});
