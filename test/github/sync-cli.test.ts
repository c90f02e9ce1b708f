import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { planWriteBack } from '../../src/app/plan-write-back.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/main.ts';
import { createStore } from '../../src/db/create-store.ts';
import { openDatabase } from '../../src/db/open.ts';
import { type FakeGithub, startFakeGithub } from '../../src/sandbox/github/fake-github-server.ts';
import { FakeGithubState } from '../../src/sandbox/github/fake-github-state.ts';
import { tempDir } from '../db/temp-db.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { cachedFixtureSeed } from './github-harness.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const clock = new FakeClock('2025-10-01T12:00:00.000Z');
  const fake: FakeGithub = await startFakeGithub({
    state: new FakeGithubState(cachedFixtureSeed(), clock),
    clock,
  });
  const temp = tempDir();
  cleanups.push(temp.cleanup, () => fake.close());
  const db = join(temp.dir, 'drumbeat.db');
  const run = async (
    args: string[],
    env: Record<string, string> = { GITHUB_TOKEN: fake.token, GITHUB_API_URL: fake.url },
    isTty = false,
  ) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      stdout: (t) => void out.push(t),
      stderr: (t) => void err.push(t),
      env,
      cwd: repoRoot,
      isTty,
    };
    const code = await runCli(['sync', '--config', 'drumbeat.example.yaml', '--db', db, ...args], io);
    return { code, stdout: out.join(''), stderr: err.join('') };
  };
  return { fake, db, run };
}

describe('drumbeat sync', () => {
  it('syncs and prints a summary; a second run reports nothing changed', async () => {
    const { run } = await setup();
    const first = await run([]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^GitHub sync of kubernetes\/enhancements for v1\.35: done \(7 requests, 7 points; 4993 left until 13:00 UTC\)/,
    );
    expect(first.stdout).toMatch(/board kubernetes\/264: \d+ items read/);
    expect(first.stdout).toMatch(/write-back: nothing planned/);
    const second = await run([]);
    expect(second.stdout).toMatch(/3 requests, 3 points/);
    expect(second.stdout).toMatch(/board kubernetes\/264: unchanged since the last sync/);
    expect(second.stdout).toMatch(/changes: none/);
  });

  it('shows a progress line on a terminal', async () => {
    const { run } = await setup();
    const result = await run([], undefined, true);
    const clearLine = '\r\u001b[2K';
    expect(result.stdout).toContain(`${clearLine}syncing board: `);
    expect(result.stdout).toMatch(/syncing board: \d+ read, 5 requests, 5 points/);
  });

  it('--dry-run prints the write-back plan and applies nothing', async () => {
    const { run, db, fake } = await setup();
    await run([]);
    const sqlite = openDatabase(db);
    const store = createStore(sqlite);
    const [issue] = store.githubSnapshots.listIssues('kubernetes/enhancements');
    planWriteBack(
      { store, clock: new FakeClock() },
      {
        repo: 'kubernetes/enhancements',
        label: 'milestone-approved',
        reason: 'vote 3 approved',
        issueNumbers: [issue!.number],
      },
    );
    sqlite.close();
    const result = await run(['--dry-run']);
    expect(result.stdout).toContain('write-back plan (1 action, not applied: --dry-run):');
    expect(result.stdout).toContain(
      `1. add label milestone-approved to kubernetes/enhancements#${issue!.number} (vote 3 approved)`,
    );
    expect(fake.requests.some((r) => r.operationName === 'AddLabels')).toBe(false);
  });

  it('--json prints the summary as JSON', async () => {
    const { run } = await setup();
    const result = await run(['--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: true,
      requests: 7,
      issues: { read: expect.any(Number) },
    });
  });

  it('without GITHUB_TOKEN says what to set and how old the data is', async () => {
    const { run } = await setup();
    await run([]);
    const result = await run([], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/GITHUB_TOKEN is not set/);
    expect(result.stderr).toMatch(
      /KEP data from the local checkout .*test\/fixtures\/k8s .*the last GitHub sync was/,
    );
  });

  it('reports a refused token and exits 1', async () => {
    const { run, fake } = await setup();
    const result = await run([], { GITHUB_TOKEN: 'wrong', GITHUB_API_URL: fake.url });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/STOPPED/);
    expect(result.stdout).toMatch(/error: GitHub refused GITHUB_TOKEN/);
  });

  it('rejects unknown options with the usage', async () => {
    const { run } = await setup();
    const result = await run(['--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Usage: drumbeat sync/);
  });
});

describe('drumbeat drift', () => {
  async function drift(db: string, args: string[] = []) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      stdout: (t) => void out.push(t),
      stderr: (t) => void err.push(t),
      env: {},
      cwd: repoRoot,
      isTty: false,
    };
    const code = await runCli(['drift', '--config', 'drumbeat.example.yaml', '--db', db, ...args], io);
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  it('lists the fixture’s planted drift after a sync (opted in, latest-milestone set, no milestone yet), read-only', async () => {
    const { run, db } = await setup();
    const synced = await run([]);
    expect(synced.stdout).toMatch(/drift: \d+ findings open, \d+ new or changed:/);
    const before = readFileSync(db);
    const listed = await drift(db);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^Drift in v1\.35 \(\d+\):\n/);
    expect(listed.stdout).toMatch(
      /#\d+ kep\.yaml latest-milestone is v1\.35 but the issue is not in the v1\.35 milestone/,
    );
    const json = await drift(db, ['--json']);
    const findings = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(findings.length).toBe(listed.stdout.trim().split('\n').length - 1);
    expect(findings[0]).toMatchObject({
      key: expect.any(String),
      kind: expect.any(String),
      kepNumber: expect.any(Number),
    });
    expect(readFileSync(db).equals(before)).toBe(true);
    const resynced = await run([]);
    expect(resynced.stdout).toMatch(/drift: \d+ findings open \(none new; drumbeat drift lists them\)/);
  });

  it('says to sync first when there is no database', async () => {
    const result = await drift('/nonexistent/drumbeat.db');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no database at .*run `drumbeat sync` first/);
  });
});
