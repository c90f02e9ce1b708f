import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exceptionsCommand } from '../../src/cli/commands/exceptions.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { captureIo } from './cli-io.ts';

const io = (cwd: string) => captureIo({ cwd });

let t: TempStore;
beforeEach(() => {
  t = tempStore();
  const add = (key: string, kep: number, freeze: 'enhancements-freeze' | 'code-freeze', at: string) =>
    t.store.planning.addException({
      release: 'v1.35',
      kep,
      kepTitle: `KEP ${kep}: "quoted" & more`,
      sig: 'sig-node',
      freeze,
      missing: 'm',
      additionalTime: '1d',
      risk: 'r',
      pullRequests: ['https://github.com/kubernetes/kubernetes/pull/134345'],
      requester: 'U1',
      requestedAt: at,
      idempotencyKey: key,
    }).request.id;
  const a = add('a', 5532, 'enhancements-freeze', '2025-10-17T13:00:00.000Z');
  const b = add('b', 5526, 'code-freeze', '2025-11-06T09:00:00.000Z');
  add('c', 3751, 'code-freeze', '2025-11-07T09:00:00.000Z');
  t.store.planning.decideException(a, {
    status: 'approved',
    by: 'U2',
    at: '2025-10-18T09:00:00.000Z',
    threadUrl: 'https://slack.com/archives/C1/p1',
  });
  t.store.planning.decideException(b, {
    status: 'rejected',
    by: 'U2',
    at: '2025-11-10T09:00:00.000Z',
    threadUrl: null,
  });
});
afterEach(() => t.cleanup());

describe('drumbeat exceptions --export', () => {
  it("prints sig-release's exceptions.yaml: the fixture's fields, value types and unquoted dates", async () => {
    const out = io(process.cwd());
    expect(await exceptionsCommand.run(['--export', '--release', 'v1.35', '--db', t.file], out)).toBe(0);
    expect(out.out).toContain('1 request(s) still open are not listed');
    expect(out.out).toMatch(/^ {4}date_requested: 2025-10-17$/m);
    const exported = parse(out.out);
    for (const release of ['release-1.34', 'release-1.35']) {
      const fixture = parse(readFileSync(`test/fixtures/k8s/schedules/${release}/exceptions.yaml`, 'utf8'));
      for (const section of ['enhancementFreeze', 'codeFreeze']) {
        const mine = exported[section][0];
        const theirs = fixture[section][0];
        expect(Object.keys(mine)).toEqual(Object.keys(theirs));
        for (const key of Object.keys(theirs))
          expect([key, typeof mine[key]]).toEqual([key, typeof theirs[key]]);
        expect(mine.pull_requests.every((p: unknown) => typeof p === 'string')).toBe(true);
      }
    }
    expect(exported.enhancementFreeze).toEqual([
      {
        name: 'KEP 5532: "quoted" & more',
        issue: 5532,
        date_requested: '2025-10-17',
        date_reviewed: '2025-10-18',
        thread: 'https://slack.com/archives/C1/p1',
        pull_requests: ['https://github.com/kubernetes/kubernetes/pull/134345'],
        status: 'approved',
      },
    ]);
    expect(exported.codeFreeze.map((e: { issue: number; status: string }) => [e.issue, e.status])).toEqual([
      [5526, 'rejected'],
    ]);
  });

  it('lists requests without --export', async () => {
    const out = io(process.cwd());
    expect(await exceptionsCommand.run(['--release', 'v1.35', '--db', t.file], out)).toBe(0);
    expect(out.out.trim().split('\n')).toHaveLength(3);
    expect(out.out).toContain('Code Freeze · asked 2025-11-07 · open');
  });

  it.each([
    [['--release', 'v1'], 2, 'is not a release name'],
    [['--bogus'], 2, 'Unknown option'],
    [['--release', 'v1.35', '--db', '/nonexistent/x.db'], 1, 'no database at'],
  ])('%j exits %i', async (args, code, message) => {
    const out = io('/tmp');
    expect(await exceptionsCommand.run(args, out)).toBe(code);
    expect(out.err).toContain(message);
  });
});

describe('drumbeat exceptions --board', () => {
  const item = (itemId: string, issueNumber: number, fields: Record<string, string>) =>
    t.store.githubSnapshots.putBoardItem(
      {
        board: 'kubernetes/264',
        itemId,
        issueRepo: 'kubernetes/enhancements',
        issueNumber,
        status: fields.Status ?? null,
        stage: null,
        sig: null,
        prrStatus: null,
        fields,
        archived: false,
        updatedAt: '2025-11-07T10:00:00Z',
      },
      new Date('2025-11-07T10:00:00Z'),
    );

  it("prints the board's requests, which Slack has, and the Slack requests the board lacks", async () => {
    item('I1', 5532, {
      Status: 'Exception Approved',
      'Exception Request Type': 'Enhancements Freeze',
      'Exception Status': 'Approved',
      'Exception Request Date': '2025-10-17',
      'Exception Decision Date': '2025-10-18',
      'Exception Liaison': 'lena',
      'Exception Related PRs':
        'https://github.com/kubernetes/enhancements/pull/5600, https://github.com/kubernetes/enhancements/pull/5601',
    });
    item('I2', 4444, { 'Exception Request Type': 'code and test freeze', 'Exception Status': 'in review' });
    item('I3', 1111, { Status: 'Tracked for Code Freeze' });
    const out = io(process.cwd());
    const code = await exceptionsCommand.run(
      ['--board', '--config', 'drumbeat.example.yaml', '--release', 'v1.35', '--db', t.file],
      out,
    );
    expect([code, out.err]).toEqual([0, '']);
    const lines = out.out.trim().split('\n');
    expect(lines[0]).toBe('Exception requests on the board kubernetes/264 (as last synced) for v1.35:');
    expect(lines[1]).toBe('  KEP-4444 · code and test freeze · in review · not requested in Slack');
    expect(lines[2]).toMatch(
      /^ {2}KEP-5532 · Enhancements Freeze · Approved · asked 2025-10-17 · decided 2025-10-18 · liaison lena · PRs: https:\/\/github\.com\/kubernetes\/enhancements\/pull\/5600 https:\/\/github\.com\/kubernetes\/enhancements\/pull\/5601 · Slack request #\d+$/,
    );
    expect(lines.slice(3)).toEqual([
      'Requested in Slack, not on the board yet:',
      expect.stringMatching(/^ {2}#\d+ KEP-5526 Code Freeze · rejected · asked 2025-11-06$/),
      expect.stringMatching(/^ {2}#\d+ KEP-3751 Code Freeze · open · asked 2025-11-07$/),
    ]);
  });

  it('refuses --board with --export, and --board without a configured board', async () => {
    const both = io(process.cwd());
    expect(
      await exceptionsCommand.run(['--board', '--export', '--release', 'v1.35', '--db', t.file], both),
    ).toBe(2);
    expect(both.err).toContain('--board and --export exclude each other');
    const none = io(process.cwd());
    expect(await exceptionsCommand.run(['--board', '--release', 'v1.35', '--db', t.file], none)).toBe(2);
    expect(none.err).toContain('--board needs github.board in the config');
  });
});
