import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { trackingBoardCursor } from '../../src/app/board-tracking.ts';
import { createStore } from '../../src/db/create-store.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDatabase } from '../../src/db/open.ts';
import { exampleConfigFile } from '../../src/sandbox/start-sandbox-bot.ts';
import { makeBoardItem, makeKep, makePerson, makeSig } from '../db/factories.ts';
import { tempDir } from '../db/temp-db.ts';
import { repoRoot, runDrumbeat } from './cli-io.ts';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function noDb() {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  return join(tmp.dir, 'none.db');
}

const base = ['track', '--config', exampleConfigFile, '--at', '2025-10-10T00:00:00Z'];

interface Row {
  kep: number;
  path: string;
  sig: string;
  stage: string | null;
  status: string;
  unmet: Array<{ requirement: string }>;
  unverified: Array<{ requirement: string }>;
}

const jsonRows = (stdout: string): Row[] =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Row);

/** An independent reading of the file rules of release_phases.md, straight from kep.yaml and the PRR file. */
function fileRulesUnmet(path: string, release: string): string[] {
  const kep = parse(readFileSync(join(repoRoot, 'test/fixtures/k8s', path, 'kep.yaml'), 'utf8'), {
    version: '1.1',
  }) as Record<string, unknown>;
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v).replace(/^v?/, 'v'));
  const stage = kep.stage as string | undefined;
  const minor = (v: string | null) => (v ? Number(v.split('.')[1]) : Number.NaN);
  const unmet: string[] = [];
  if (!stage) unmet.push('stage');
  if (text(kep['latest-milestone']) !== release) unmet.push('latest-milestone');
  const at = stage ? text((kep.milestone as Record<string, unknown> | null)?.[stage]) : null;
  if (!stage || !at || !(minor(at) <= minor(release))) unmet.push('stage-milestone');
  let prr: Record<string, unknown> = {};
  try {
    const file = join(
      repoRoot,
      'test/fixtures/k8s/keps/prod-readiness',
      String(kep['owning-sig']),
      `${Number(kep['kep-number'])}.yaml`,
    );
    prr = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {}
  if (!stage || !(prr[stage] as { approver?: string } | undefined)?.approver) unmet.push('prr-approval');
  const status = kep.status;
  if (!(status === 'implementable' || (status === 'implemented' && stage === 'stable')))
    unmet.push('status-implementable');
  return unmet.sort();
}

describe('drumbeat track', () => {
  it('agrees with an independent reading of the Enhancements Freeze rules for every KEP of v1.35', async () => {
    const files = await runDrumbeat([...base, '--milestone', 'enhancements-freeze', '--json']);
    expect(files.code).toBe(0);
    const rows = jsonRows(files.stdout);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const unmet = row.unmet.map((u) => u.requirement).sort();
      expect(unmet, `KEP-${row.kep}`).toEqual(fileRulesUnmet(row.path, 'v1.35'));
      expect(row.status, `KEP-${row.kep}`).toBe(
        unmet.length > 0 ? 'At Risk For Enhancement Freeze' : 'Tracked For Enhancement Freeze',
      );
      // without GitHub and READMEs, these can only be unverified
      expect(row.unverified.map((u) => u.requirement)).toEqual(
        expect.arrayContaining(['issue-milestone', 'lead-opted-in', 'test-plan']),
      );
    }
    // KEP-1602 stays in beta since v1.23: not at risk for that
    const structured = rows.find((r) => r.kep === 1602);
    expect(structured?.unmet.map((u) => u.requirement) ?? []).not.toContain('stage-milestone');
  }, 60_000);

  it('refuses a named --db that does not exist, and works from the files without one', async () => {
    const { code, stderr } = await runDrumbeat([...base, '--db', noDb()]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no database at .*none\.db; leave out --db to work from the files alone/);
  });

  it('defaults to the next freeze, filters by SIG and prints each requirement with its reason', async () => {
    const after = ['track', '--config', exampleConfigFile, '--at', '2025-10-12T00:00:00Z'];
    const { code, stdout } = await runDrumbeat([...after, '--sig', 'sig-node']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^v1\.35, Begin Enhancements Freeze \(2025-10-17T12:00:00\.000Z\), as of 2025-10-12T00:00:00\.000Z: \d+ KEPs/,
    );
    expect(stdout).toContain(
      'KEP-1287 In-place Update of Pod Resources (sig-node, stable): Tracked For Enhancement Freeze',
    );
    expect(stdout).toMatch(/unverified +Opted in by the SIG lead: GitHub is not synced/);
    expect(stdout).toContain('sig-release releases/release_phases.md, "Enhancements Freeze"');
    expect(stdout).not.toContain('sig-storage');
  }, 30_000);

  it('reads self-reports and exception requests from the bot database', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const file = join(tmp.dir, 'drumbeat.db');
    const db = openDatabase(file);
    migrate(db, undefined, () => new Date('2025-10-01T00:00:00Z'));
    const store = createStore(db);
    store.people.upsertMany([makePerson({ github: 'dana', slack: 'U0DANA' })]);
    const first = await runDrumbeat([
      ...base,
      '--milestone',
      'code-freeze',
      '--json',
      '--sig',
      'sig-node',
      '--db',
      file,
    ]);
    const kep = jsonRows(first.stdout)[0]!;
    store.sigs.upsertMany([makeSig({ dir: 'sig-node' })]);
    store.keps.upsertMany([makeKep({ number: kep.kep, path: kep.path })], new Date('2025-10-01T00:00:00Z'));
    store.statusUpdates.record({
      kepPath: kep.path,
      kepNumber: kep.kep,
      sig: 'sig-node',
      release: 'v1.35',
      state: 'dropped',
      confidence: null,
      increment: null,
      note: 'bumped to v1.36',
      authorSlack: 'U0DANA',
      authorGithub: 'dana',
      source: 'command',
      createdAt: '2025-10-05T00:00:00Z',
      idempotencyKey: 'k1',
    });
    db.close();
    const second = await runDrumbeat([
      ...base,
      '--milestone',
      'code-freeze',
      '--json',
      '--sig',
      'sig-node',
      '--db',
      file,
    ]);
    expect(second.code).toBe(0);
    expect(jsonRows(second.stdout).find((r) => r.kep === kep.kep)?.status).toBe('Deferred');
    expect(jsonRows(first.stdout)[0]?.unverified.map((u) => u.requirement)).toContain('self-report');
  }, 60_000);

  it("takes a KEP's Status from the synced tracking board, and says so", async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const file = join(tmp.dir, 'drumbeat.db');
    const db = openDatabase(file);
    const at = new Date('2025-10-01T00:00:00Z');
    migrate(db, undefined, () => at);
    const args = [...base, '--milestone', 'code-freeze', '--sig', 'sig-node', '--db', file];
    const kep = jsonRows((await runDrumbeat([...args, '--json'])).stdout)[0]!;
    expect(kep.status).not.toBe('Exception Approved');
    const store = createStore(db);
    store.githubSnapshots.putBoardItem(makeBoardItem(kep.kep, 'Exception approved'), at);
    store.githubSync.setCursor(trackingBoardCursor, 'kubernetes/264', at);
    db.close();
    const json = await runDrumbeat([...args, '--json']);
    expect(JSON.parse(json.stdout.trim().split('\n')[0]!)).toMatchObject({
      kep: kep.kep,
      status: 'Exception Approved',
      statusFrom: 'board',
      computedStatus: kep.status,
    });
    const text = await runDrumbeat(args);
    expect(text.stdout).toContain(`KEP-${kep.kep} `);
    expect(text.stdout).toContain(
      `: Exception Approved (tracking board; the requirements say ${kep.status})`,
    );
  }, 60_000);

  it('says what is wrong with bad arguments', async () => {
    const bad = await runDrumbeat(['track', '--milestone', 'thaw']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--milestone thaw is not a freeze; use one of prr-freeze, enhancements-freeze, code-freeze, docs-freeze',
    );
    const at = await runDrumbeat(['track', '--at', 'soon']);
    expect(at.stderr).toContain('--at soon is not an instant');
  });
});
