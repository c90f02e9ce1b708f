import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunDueJobsResult, runDueJobs } from '../../src/app/run-due-jobs.ts';
import { setOutOfOffice } from '../../src/app/set-out-of-office.ts';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import { planAlerts } from '../../src/domain/deadline-alerts.ts';
import type { Kep } from '../../src/domain/types.ts';
import type { ScheduleSettings } from '../../src/ports/schedule.ts';
import { checkMessage } from '../../src/slack/blocks/limits.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import {
  exampleData,
  exampleSettings,
  loadExample,
  RecordingChat,
  recordingLogger,
  releaseChannel,
  runUntil,
  scheduleDeps,
  sigChannel,
} from './schedule-rig.ts';

const start = new Date('2025-09-15T00:00:00Z');
const end = new Date('2025-12-20T23:59:59Z');
const day = 86_400_000;

/** Every `stepDays` from `first` while not after `last` (ISO strings). */
function every(first: string, last: Date, stepDays = 7): string[] {
  const out: string[] = [];
  for (let t = Date.parse(first); t <= last.getTime(); t += stepDays * day)
    out.push(new Date(t).toISOString());
  return out;
}

const tuesdays = every('2025-09-16T16:00:00Z', new Date('2025-12-17T23:59:59.999Z'));
const schedulingWednesdays = every('2025-09-17T00:00:00Z', new Date('2025-12-17T23:59:59.999Z'));

let data: { config: ResolvedConfig; keps: Kep[] };
let settings: ScheduleSettings;
let db: TempStore | null = null;

beforeAll(async () => {
  data = await exampleData();
  settings = exampleSettings(data.config);
});
afterEach(() => {
  db?.cleanup();
  db = null;
});

function setup(at = start) {
  db = tempStore();
  loadExample(db.store, data, at);
  const clock = new FakeClock(at);
  const chat = new RecordingChat(clock);
  const logger = recordingLogger();
  return { store: db.store, clock, chat, logger, deps: scheduleDeps(db.store, chat, logger) };
}

/** sig-auth owns no KEP of v1.35 in the example: it gets no round. */
function expectedRoundKeys(suffix: string) {
  return [
    ...['sig-node', 'sig-storage'].flatMap((sig) => tuesdays.map((t) => `round:${sig}:${t}:${suffix}`)),
    ...schedulingWednesdays.map((t) => `round:sig-scheduling:${t}:${suffix}`),
  ].sort();
}

function expectedNudgeKeys() {
  return [
    ...tuesdays.map((t) => `round:sig-node:${t}:nudge:alice-facilitator`),
    ...tuesdays.flatMap((t) => [
      `round:sig-storage:${t}:nudge:dana-facilitator`,
      `round:sig-storage:${t}:nudge:alice-facilitator`,
    ]),
    // the last sig-scheduling round's nudge (2025-12-18 00:00) would come after the release: none
    ...schedulingWednesdays.slice(0, -1).map((t) => `round:sig-scheduling:${t}:nudge:bob-facilitator`),
  ].sort();
}

const topLevel = (chat: RecordingChat, suffix: string) =>
  chat
    .keys('round:')
    .filter((k) => k.endsWith(`:${suffix}`))
    .sort();

describe('runDueJobs over a whole release (recording chat, real SQLite file)', () => {
  it('posts every round, nudge, summary and alert exactly once, at the right instants', async () => {
    const { deps, clock, chat, store } = setup();
    await runUntil((now) => runDueJobs(deps, { settings, now }), clock, end);

    expect(chat.repeats).toEqual([]);
    expect(tuesdays).toHaveLength(14);
    expect(topLevel(chat, 'parent')).toEqual(expectedRoundKeys('parent'));
    expect(topLevel(chat, 'summary')).toEqual(expectedRoundKeys('summary'));
    expect(chat.keys('round:sig-auth')).toEqual([]);
    expect(store.jobLedger.get('round-open:sig-auth', new Date(tuesdays[0]!))?.note).toBe(
      'no round: sig-auth has no KEP in v1.35',
    );
    expect(
      chat
        .keys('round:')
        .filter((k) => k.includes(':nudge:'))
        .sort(),
    ).toEqual(expectedNudgeKeys());

    const releaseAlerts = chat.keys('alert:').filter((k) => k.endsWith(':release'));
    const planned = planAlerts(store.milestones.listByRelease('v1.35'), settings.alerts);
    expect(releaseAlerts.sort()).toEqual(planned.map((a) => `${a.job}:release`).sort());
    // 5 lead times for PRR, enhancements, feature blog, code and docs freeze; 1d for the (date-only) release
    expect(releaseAlerts).toHaveLength(26);

    for (const sent of chat.sent.values()) {
      expect(checkMessage({ text: sent.text, blocks: sent.blocks }), sent.key).toEqual([]);
    }
    // a summary goes in its round's thread when the round closes
    const parent = chat.sent.get(`round:sig-storage:${tuesdays[0]}:parent`)!;
    const summary = chat.sent.get(`round:sig-storage:${tuesdays[0]}:summary`)!;
    expect(summary.threadOf).toBe(parent.key);
    expect(summary.at.getTime() - parent.at.getTime()).toBe(36 * 3_600_000);
    expect(parent.channel).toBe(sigChannel('sig-storage'));
    // every alert is posted at its instant
    for (const a of planned)
      expect(chat.sent.get(`${a.job}:release`)!.at.toISOString()).toBe(a.at.toISOString());
    expect(store.rounds.listOpen()).toEqual([]);
  });

  it('lists not-ready KEPs in the release channel and each SIG’s own in its channel', async () => {
    const { deps, clock, chat, store } = setup();
    // Every v1.35 KEP of the fixture meets the file requirements; make one provisional again.
    const pulls = store.keps.findByNumber(3673)[0]!;
    store.keps.upsertMany([{ ...pulls, status: 'provisional' }], clock.now());
    await runUntil((now) => runDueJobs(deps, { settings, now }), clock, new Date('2025-10-03T12:00:00Z'));
    const enhancements = store.milestones
      .listByRelease('v1.35')
      .find((m) => m.kind === 'enhancements-freeze')!;
    const post = chat.sent.get(`alert:${enhancements.id}:14d:release`)!;
    expect(post.channel).toBe(releaseChannel);
    const text = JSON.stringify(post.blocks);
    expect(text).toContain('Begin Enhancements Freeze in 14 days');
    expect(text).toContain('Friday, 17 October 2025, 12:00 UTC');
    expect(text).toContain('Thursday, 16 October 2025, end of day AoE');
    expect(text).toContain(`<!date^${Date.parse('2025-10-17T12:00:00Z') / 1000}^{date_long_pretty} {time}|`);
    expect(text).toContain('*Not ready* (1 of 14 KEPs in v1.35)');
    expect(text).toContain(
      '(sig-node) — *At Risk For Enhancement Freeze*: `status` is `provisional`, not `implementable`',
    );
    // KEP-1602 stays in beta since v1.23: that is fine, not a finding
    expect(text).not.toContain('KEP-1602');
    // KEP-2535 has latest-milestone v1.37: it is not in v1.35 whatever its milestone.beta says
    expect(text).not.toContain('KEP-2535');
    const node = chat.sent.get(`alert:${enhancements.id}:14d:sig-node`)!;
    expect(node.channel).toBe(sigChannel('sig-node'));
    // an alert held up by Slack past its milestone is dropped, not posted after the fact
    for (const alert of [post, node]) expect(alert.expiresAt).toEqual(new Date('2025-10-17T12:00:00Z'));
    expect(JSON.stringify(node.blocks)).toContain('KEP-3673');
    // SIGs with every KEP ready get no post of their own
    expect(chat.sent.has(`alert:${enhancements.id}:14d:sig-instrumentation`)).toBe(false);
    const dateOnly = store.milestones.listByRelease('v1.35').find((m) => m.kind === 'release')!;
    expect(dateOnly.at).toBeNull();
  });

  it('alerts date-only milestones by date, without an invented time, and skips sub-day lead times', () => {
    const planned = planAlerts(
      [{ id: 7, name: 'v1.35.0 released', kind: 'release', at: null, date: '2025-12-17', aoe: false }],
      { kinds: ['release'], leadTimesMs: [2 * day, 2 * 3_600_000], leadTimesByKindMs: {} },
    );
    expect(planned.map((a) => [a.job, a.at.toISOString()])).toEqual([
      ['alert:7:2d', '2025-12-15T00:00:00.000Z'],
    ]);
  });
});

describe('quiet hours and absences', () => {
  it('defers a nudge that falls in quiet hours to their end, the first minute allowed before the close', async () => {
    const { deps, clock, chat, store } = setup();
    await runUntil((now) => runDueJobs(deps, { settings, now }), clock, new Date('2025-09-17T05:00:00Z'));
    // sig-storage nudges 12h after 16:00 UTC: 04:00 UTC = 21:00 in Los Angeles, inside alice's 18:00–09:00
    const alice = chat.sent.get(`round:sig-storage:${tuesdays[0]}:nudge:alice-facilitator`)!;
    expect(alice.user).toBe('U0000000003');
    expect(alice.notBefore?.toISOString()).toBe('2025-09-17T16:00:00.000Z'); // 09:00 PDT
    const dana = chat.sent.get(`round:sig-storage:${tuesdays[0]}:nudge:dana-facilitator`)!;
    expect(dana.notBefore).toBeNull();
    // both expire when the round closes (a day after it opened): never delivered after the fact
    const round = store.rounds.list('sig-storage')[0]!;
    expect(alice.expiresAt?.toISOString()).toBe(round.closeAt);
    expect(dana.expiresAt?.toISOString()).toBe(round.closeAt);
  });

  it('does not nudge a person out of office, and the summary says they were away', async () => {
    const { deps, clock, chat, store } = setup();
    const result = setOutOfOffice(
      { store },
      { slackUser: 'U0000000003', text: 'until 2025-09-30', now: clock.now() },
    );
    expect(result.ok).toBe(true);
    await runUntil((now) => runDueJobs(deps, { settings, now }), clock, new Date('2025-10-10T00:00:00Z'));
    const aliceNudges = chat.keys('round:').filter((k) => k.endsWith(':nudge:alice-facilitator'));
    // away through Sep 30 in Los Angeles (until Oct 1 07:00 UTC): sig-node nudges at 16:00 UTC the
    // day after a round opens, so the Sep 30 round nudges her on Oct 1; sig-storage nudges at 04:00
    // UTC, so its Sep 30 round (nudge Oct 1 04:00 UTC) does not
    expect(aliceNudges.sort()).toEqual(
      [
        `round:sig-node:${tuesdays[2]}:nudge:alice-facilitator`,
        `round:sig-node:${tuesdays[3]}:nudge:alice-facilitator`,
        `round:sig-storage:${tuesdays[3]}:nudge:alice-facilitator`,
      ].sort(),
    );
    expect(chat.keys('round:').filter((k) => k.endsWith(':nudge:dana-facilitator'))).toHaveLength(4);
    const summary = JSON.stringify(chat.sent.get(`round:sig-storage:${tuesdays[0]}:summary`)!.blocks);
    expect(summary).toContain('*Away:* <@U0000000003> (out of office until 2025-10-01)');
    expect(summary).toContain('*No update from:* <@U0000000006>');
    expect(summary).not.toContain('No update from:* <@U0000000006>, <@U0000000003>');
  });

  it('does not nudge a facilitator who already updated during the round', async () => {
    const { deps, clock, chat, store } = setup();
    await runUntil((now) => runDueJobs(deps, { settings, now }), clock, new Date('2025-09-16T18:00:00Z'));
    const kep = store.keps.list({ owningSig: 'sig-storage', latestMilestone: 'v1.35' })[0]!;
    store.statusUpdates.record({
      kepPath: kep.path,
      kepNumber: kep.number,
      sig: 'sig-storage',
      release: 'v1.35',
      state: 'at-risk',
      confidence: 60,
      increment: null,
      note: 'waiting on review',
      authorSlack: 'U0000000006',
      authorGithub: 'dana-facilitator',
      source: 'command',
      idempotencyKey: 'test-1',
      createdAt: clock.now().toISOString(),
    });
    await runUntil((now) => runDueJobs(deps, { settings, now }), clock, new Date('2025-09-18T05:00:00Z'));
    expect(chat.sent.has(`round:sig-storage:${tuesdays[0]}:nudge:dana-facilitator`)).toBe(false);
    expect(chat.sent.has(`round:sig-storage:${tuesdays[0]}:nudge:alice-facilitator`)).toBe(true);
    const summary = JSON.stringify(chat.sent.get(`round:sig-storage:${tuesdays[0]}:summary`)!.blocks);
    expect(summary).toContain('*Updated by:* <@U0000000006> (1)');
    expect(summary).toContain('first report: :large_yellow_circle: *at-risk*');
    expect(summary).toContain('*Stale:* none');
  });
});

type Crash = { kind: string; matches: (key: string) => boolean };
const crashes: Crash[] = [
  { kind: 'round open', matches: (k) => k === `round:sig-node:${tuesdays[2]}:parent` },
  {
    kind: 'nudge (after the first of two DMs)',
    matches: (k) => k === `round:sig-storage:${tuesdays[1]}:nudge:dana-facilitator`,
  },
  { kind: 'round close', matches: (k) => k === `round:sig-scheduling:${schedulingWednesdays[3]}:summary` },
  {
    kind: 'deadline alert (after the release post, before the SIG posts)',
    matches: (k) => /^alert:\d+:7d:release$/.test(k),
  },
];

describe('a restart in the middle of a job', () => {
  let clean: string[] = [];
  beforeAll(async () => {
    const { deps, clock, chat } = setup();
    await runUntil((now) => runDueJobs(deps, { settings, now }), clock, end);
    clean = [...chat.sent.keys()].sort();
    db?.cleanup();
    db = null;
  });

  it.each(crashes)('repeats nothing and misses nothing: $kind', async ({ matches }) => {
    const first = setup();
    first.chat.crash = matches;
    let deps = first.deps;
    let chat = first.chat;
    let crashedAt: Date | null = null;
    await runUntil(
      async (now) => {
        const before = deps.store.jobLedger.lastTick();
        const result: RunDueJobsResult = await runDueJobs(deps, { settings, now });
        if (crashedAt === null && chat.crash === null) {
          // the process died mid-job: its last pass never finished, and a new process starts
          crashedAt = now;
          if (before) deps.store.jobLedger.setLastTick(before);
          const reopened = db!.reopen();
          chat = new RecordingChat(first.clock, chat.sent);
          deps = scheduleDeps(reopened.store, chat, first.logger);
          return runDueJobs(deps, { settings, now });
        }
        return result;
      },
      first.clock,
      end,
    );
    expect(crashedAt).not.toBeNull();
    expect([...chat.sent.keys()].sort()).toEqual(clean);
    const runs = deps.store.jobLedger.list();
    const afterRelease = (r: (typeof runs)[number]) =>
      r.status === 'skipped' && r.note === 'the release is out; no nudges after it';
    expect(runs.filter((r) => r.status !== 'completed' && !afterRelease(r))).toEqual([]);
    expect(runs.filter(afterRelease).map((r) => `${r.job} ${r.scheduledFor}`)).toEqual([
      'round-nudge:sig-scheduling 2025-12-18T00:00:00.000Z',
    ]);
    const rerun = runs.filter((r) => r.attempts > 1);
    expect(rerun).toHaveLength(1);
    // only messages of the interrupted job were offered again (and the outbox kept one of each)
    const stem = (key: string) => key.split(':').slice(0, 3).join(':');
    for (const key of chat.repeats) expect(stem(key)).toBe(stem([...first.chat.sent.keys()].find(matches)!));
  });
});

describe('catch-up after downtime', () => {
  it('runs once what still matters and skips, with a log line, what no longer does', async () => {
    const { deps, clock, chat, store, logger } = setup();
    await runUntil((now) => runDueJobs(deps, { settings, now }), clock, new Date('2025-10-08T00:00:00Z'));
    const sentBefore = chat.sent.size;
    clock.advance(Date.parse('2025-10-09T13:00:00Z') - clock.now().getTime()); // down for 37 hours
    const restarted = scheduleDeps(db!.reopen().store, chat, logger);
    const { reports } = await runDueJobs(restarted, { settings, now: clock.now() });
    const prr = store.milestones.listByRelease('v1.35').find((m) => m.kind === 'prr-freeze')!;
    const outcome = (job: string) => reports.filter((r) => r.job === job).map((r) => `${r.at} ${r.outcome}`);
    const oct7 = '2025-10-07T16:00:00.000Z';
    expect(outcome(`alert:${prr.id}:1d`)).toEqual(['2025-10-09T12:00:00.000Z ran']);
    expect(reports.find((r) => r.job === `alert:${prr.id}:2d`)).toMatchObject({
      outcome: 'skipped',
      note: 'superseded by the 1d alert',
    });
    expect(outcome('round-nudge:sig-node')).toEqual(['2025-10-08T16:00:00.000Z ran']);
    expect(outcome('round-nudge:sig-storage')).toEqual(['2025-10-08T04:00:00.000Z skipped']);
    expect(outcome('round-close:sig-storage')).toEqual(['2025-10-09T04:00:00.000Z ran']);
    // 13:00Z is 06:00 in Los Angeles: alice's quiet hours end at 09:00 (16:00Z), the very instant the
    // round closes, so her nudge could only arrive after the fact and is not sent
    expect(chat.sent.has(`round:sig-node:${oct7}:nudge:alice-facilitator`)).toBe(false);
    expect(logger.lines).toContain('info nudge not sent: it could only arrive after the round closes');
    expect(reports.find((r) => r.job === 'round-nudge:sig-node')?.note).toContain(
      'quiet until after the close 1',
    );
    expect(chat.sent.has(`round:sig-storage:${oct7}:nudge:dana-facilitator`)).toBe(false);
    expect(chat.sent.has(`round:sig-storage:${oct7}:summary`)).toBe(true);
    expect(logger.lines.some((l) => l.includes(`skipped alert:${prr.id}:2d`))).toBe(true);
    expect(chat.sent.size).toBeGreaterThan(sentBefore);

    // down over a whole sig-node round (opens Oct 14 16:00, closes Oct 16 16:00): it is not opened late
    await runUntil(
      (now) => runDueJobs(restarted, { settings, now }),
      clock,
      new Date('2025-10-13T00:00:00Z'),
    );
    clock.advance(Date.parse('2025-10-17T11:00:00Z') - clock.now().getTime());
    const again = await runDueJobs(restarted, { settings, now: clock.now() });
    expect(again.reports.find((r) => r.job === 'round-open:sig-node')).toMatchObject({
      outcome: 'skipped',
      note: 'missed while the bot was down; the round would already be closed',
    });
    expect(chat.sent.has('round:sig-node:2025-10-14T16:00:00.000Z:parent')).toBe(false);
    const enhancements = store.milestones
      .listByRelease('v1.35')
      .find((m) => m.kind === 'enhancements-freeze')!;
    // missed: the 3d (Oct 14), 1d (Oct 16) and 2h (Oct 17 10:00) alerts; only the latest goes
    expect(chat.sent.has(`alert:${enhancements.id}:2h:release`)).toBe(true);
    expect(chat.sent.has(`alert:${enhancements.id}:1d:release`)).toBe(false);
    expect(chat.sent.has(`alert:${enhancements.id}:3d:release`)).toBe(false);
    expect(chat.repeats).toEqual([]);
  });

  it('sends nothing scheduled before the very first start', async () => {
    const { deps, chat, logger } = setup(new Date('2025-10-15T01:00:00Z'));
    const { reports, nextDueAt } = await runDueJobs(deps, {
      settings,
      now: new Date('2025-10-15T01:00:00Z'),
    });
    expect(reports).toEqual([]);
    expect(chat.sent.size).toBe(0);
    expect(nextDueAt?.toISOString()).toBe('2025-10-16T12:00:00.000Z'); // the Enhancements Freeze 1d alert
    expect(logger.lines.some((l) => l.includes('first start'))).toBe(true);
  });
});
