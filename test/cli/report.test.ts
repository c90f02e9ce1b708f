import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/commands/report.ts';
import { calendarOf, seedKeps, seedRelease135, startRelease } from '../db/process-seed.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { captureIo } from './cli-io.ts';

const hour = 3_600_000;
const day = 24 * hour;

let t: TempStore;
beforeEach(() => {
  t = tempStore();
  startRelease(t.store, 'v1.35', 0, new Date('2025-09-15T00:00:00Z'));
  seedKeps(t.store, new Date('2025-09-15T00:00:00Z'));
  seedRelease135(t.store);
});
afterEach(() => t.cleanup());

async function report(args: string[]) {
  const io = captureIo();
  const code = await reportCommand.run([...args, '--db', t.file], io);
  return { code, out: io.out, err: io.err };
}

async function reportJson(release: string) {
  const { code, out } = await report(['--release', release, '--json']);
  expect(code).toBe(0);
  return JSON.parse(out).reports[0];
}

describe('drumbeat report', () => {
  it('computes the program metrics of the seeded release', async () => {
    const { overall } = (await reportJson('v1.35')).metrics;
    expect(overall.keps).toEqual({
      optedIn: 5,
      trackedAtFreeze: [
        {
          freeze: 'enhancements-freeze',
          name: 'Begin Enhancements Freeze',
          at: '2025-10-17T12:00:00.000Z',
          tracked: 5,
        },
        {
          freeze: 'code-freeze',
          name: 'Begin Code Freeze and Test Freeze',
          at: '2025-11-07T12:00:00.000Z',
          tracked: 4,
        },
        { freeze: 'docs-freeze', name: 'Docs Freeze', at: '2099-01-01T00:00:00.000Z', tracked: null },
      ],
      removed: 1,
      deferred: 1,
      shippedByStage: { beta: 1, alpha: 1 },
    });
    expect(overall.exceptions).toEqual([
      { freeze: 'enhancements-freeze', requested: 1, approved: 1, rejected: 0, open: 0 },
      { freeze: 'code-freeze', requested: 2, approved: 0, rejected: 1, open: 1 },
      { freeze: 'docs-freeze', requested: 0, approved: 0, rejected: 0, open: 0 },
    ]);
    expect(overall.rounds).toEqual({
      rounds: 1,
      kepsAsked: 3,
      kepsUpdated: 2,
      responseRate: 2 / 3,
      medianFirstUpdateMs: 2 * hour,
    });
    expect(overall.blockers).toEqual({
      opened: 3,
      resolved: 2,
      stillOpen: 1,
      medianResolveMs: 2 * day,
      p90ResolveMs: 5 * day,
      stepsReached: [
        { step: 0, blockers: 3 },
        { step: 1, blockers: 2 },
        { step: 2, blockers: 1 },
      ],
    });
    expect(overall.votes).toEqual({
      held: 2,
      revotes: 1,
      decided: 2,
      approved: 2,
      medianDecisionMs: 6 * hour,
    });
    expect(
      overall.calibration.byBand.map((b: { landed: number; committed: number }) => [b.landed, b.committed]),
    ).toEqual([
      [1, 2],
      [1, 1],
      [1, 2],
      [0, 0],
    ]);
  });

  it('splits the metrics per SIG by the KEPs each SIG owns', async () => {
    const { bySig } = (await reportJson('v1.35')).metrics;
    expect(bySig.map((s: { sig: string }) => s.sig)).toEqual(['sig-auth', 'sig-node']);
    const [auth, node] = bySig;
    expect([auth.keps.optedIn, node.keps.optedIn]).toEqual([2, 3]);
    expect([auth.blockers.opened, node.blockers.opened]).toEqual([1, 2]);
    expect([auth.rounds.rounds, node.rounds.rounds]).toEqual([0, 1]);
    expect(node.votes).toBeNull();
  });

  it('prints terminal text and Markdown', async () => {
    const text = await report(['--release', 'v1.35']);
    expect(text.code).toBe(0);
    expect(text.out).toContain('v1.35 release report');
    expect(text.out).toContain('KEPs opted in: 5; removed: 1; deferred: 1');
    expect(text.out).toContain('blockers: 3 opened, 2 resolved, 1 open; time to resolve median 2d, p90 5d');
    expect(text.out).toContain(
      'votes: 2 held, 1 re-votes, 2 decided (2 approved); median time to decision 6h',
    );
    expect(text.out).toContain('no pulse was sent for this release');
    const md = await report(['--release', 'v1.35', '--markdown']);
    expect(md.out).toContain('## Program metrics');
    expect(md.out).toContain('| sig-node | 3 | 1 | 2 | 67% | 2 | 2d |');
  });

  it('keeps the first release whole when the second starts, and compares them', async () => {
    const before = await reportJson('v1.35');
    startRelease(t.store, 'v1.36', 1, new Date('2026-09-14T00:00:00Z'));
    t.store.statusUpdates.record({
      kepPath: 'keps/sig-node/1002-example-kep',
      kepNumber: 1002,
      sig: 'sig-node',
      release: 'v1.36',
      state: 'on-track',
      confidence: null,
      increment: null,
      note: '',
      authorSlack: 'U012ABCDEF',
      authorGithub: 'jdoe',
      source: 'command',
      createdAt: '2026-09-20T10:00:00.000Z',
      idempotencyKey: 'v1.36:1002',
    });
    expect(t.store.releases.getCurrent()?.name).toBe('v1.36');
    expect(t.store.milestones.listByRelease('v1.35')).toHaveLength(calendarOf(0).length + 1);
    const after = await reportJson('v1.35');
    expect({ ...after, asOf: null }).toEqual({ ...before, asOf: null });
    const compared = await report(['--release', 'v1.36', '--compare', 'v1.35']);
    expect(compared.code).toBe(0);
    expect(compared.out).toContain('Releases compared: v1.36, v1.35');
    expect(compared.out).toMatch(/KEPs opted in +1 +5/);
    expect(compared.out).toContain('v1.36 release report');
    expect(compared.out).toContain('v1.35 release report');
  });

  it('shows the pulse results of a closed pulse with enough answers, the NPS trend and the retrospective', async () => {
    const pulse = (release: string, scores: Array<[number, string | null]>, close = true) => {
      t.store.pulses.ensure({
        release,
        opensAt: '2025-12-18T00:00:00.000Z',
        closesAt: '2026-01-01T00:00:00.000Z',
        minimum: 5,
      });
      scores.forEach(([score, comment], i) => {
        t.store.pulses.invite(release, `U${i}`, `pulse:${release}:U${i}`, '2025-12-18T00:00:00.000Z');
        t.store.pulses.answer(release, `U${i}`, score);
        if (comment) t.store.pulses.comment(release, `U${i}`, comment);
      });
      t.store.pulses.invite(release, 'UNOANSWER', `pulse:${release}:UNOANSWER`, '2025-12-18T00:00:00.000Z');
      if (close) t.store.pulses.close(release, '2026-01-01T00:00:00.000Z');
    };
    startRelease(t.store, 'v1.34', -1, new Date('2024-09-15T00:00:00Z'));
    pulse('v1.34', [
      [2, null],
      [5, null],
      [9, null],
      [8, null],
      [10, null],
    ]);
    pulse('v1.35', [
      [10, 'Great *release*'],
      [9, null],
      [9, null],
      [8, 'ok'],
      [6, 'Too many pings'],
      [3, null],
    ]);
    t.store.retros.addPrompt({
      release: 'v1.35',
      prompt: 'to-try',
      channel: '#sig-release',
      outboxKey: 'retro:v1.35:to-try',
      postedAt: '2025-12-18T00:00:00.000Z',
    });
    t.store.retros.place('v1.35', 'to-try', 'C0RELEASE', '1766016000.000100');
    t.store.retros.saveItem({
      channelId: 'C0RELEASE',
      ts: '1766016100.000100',
      release: 'v1.35',
      prompt: 'to-try',
      author: 'UA',
      text: 'Fewer DMs',
      at: '2025-12-18T00:01:40.000Z',
    });
    t.store.retros.react('C0RELEASE', '1766016100.000100', 'UB', '+1', true);
    const json = await reportJson('v1.35');
    // 3 promoters (10, 9, 9), 1 passive (8), 2 detractors (6, 3) of 6: (3 − 2) / 6 = 17
    expect(json.pulse).toMatchObject({
      shown: true,
      nps: 17,
      answered: 6,
      invited: 7,
      distribution: [0, 0, 0, 1, 0, 0, 1, 0, 1, 2, 1],
      comments: { promoters: ['Great *release*'], passives: ['ok'], detractors: ['Too many pings'] },
    });
    // v1.34: 2 promoters, 1 passive, 2 detractors of 5 → 0
    expect(json.npsTrend).toEqual([
      { release: 'v1.34', nps: 0, answered: 5 },
      { release: 'v1.35', nps: 17, answered: 6 },
    ]);
    expect(json.retro.items['to-try']).toEqual([{ prompt: 'to-try', text: 'Fewer DMs', votes: 1 }]);
    const md = await report(['--release', 'v1.35', '--markdown']);
    expect(md.out).toContain('- NPS across releases: v1.34 0 → v1.35 17');
    expect(md.out).toContain('- closed: 6 of 7 answered (86%)');
    expect(md.out).toContain('    - Great \\*release\\*');
    expect(md.out).toContain('    - Fewer DMs (1 votes)');
    const compared = await report(['--release', 'v1.35', '--compare', 'v1.34']);
    expect(compared.out).toMatch(/NPS +17 +0/);
  });

  it('says what is wrong with bad arguments and unknown releases', async () => {
    expect(await report(['--release', '1.35'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('1.35 is not a release name like v1.35'),
    });
    expect(await report(['--release', 'v1.35', '--json', '--markdown'])).toMatchObject({ code: 2 });
    expect(await report(['--release', 'v1.99'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('no release v1.99 in the database (stored releases: v1.35)'),
    });
  });
});
