import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/app/build-digest.ts';
import { buildHome } from '../../src/app/build-home.ts';
import { listReleaseKeps } from '../../src/app/list-release-keps.ts';
import { listReportableKeps } from '../../src/app/list-reportable-keps.ts';
import { roundRows } from '../../src/app/open-round.ts';
import { sendDeadlineAlerts } from '../../src/app/send-deadline-alerts.ts';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import type { DeadlineAlertModel } from '../../src/ports/schedule.ts';
import { createScheduleMessages } from '../../src/slack/blocks/schedule-messages.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { enhancements } from '../fakes/enhancements-repo.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { exampleData, loadExample, RecordingChat, recordingLogger, scheduleDeps } from './schedule-rig.ts';

const scheduleMessages = createScheduleMessages(enhancements, null);

// Every surface that shows "the KEPs of the release" must show the same ones for every SIG of the
// v1.35 example: the SIG list, the picker, drumbeat rounds, digests, App Home and deadline alerts.
const release = 'v1.35';
const now = new Date('2025-10-10T12:00:00Z');
const everyone = { github: 'release-watcher', slack: 'U0WATCHER' };

let t: TempStore;
let config: ResolvedConfig;

beforeAll(async () => {
  const data = await exampleData();
  config = data.config;
  t = tempStore();
  loadExample(t.store, data, now);
  // One person who chairs every SIG, so App Home shows every SIG's KEPs.
  t.store.people.upsertMany([{ ...everyone, timezone: 'UTC', quietHours: null }]);
  t.store.sigs.upsertMany(t.store.sigs.list().map((s) => ({ ...s, chairs: [...s.chairs, everyone.github] })));
});
afterAll(() => t.cleanup());

const numbers = (keps: Iterable<{ number: number }>) => [...keps].map((k) => k.number).sort((a, b) => a - b);

function digestNumbers(dir: string): number[] {
  const sig = config.sigs.find((s) => s.dir === dir)!;
  const digest = buildDigest(t.store, {
    settings: { release, codingPeriod: null },
    sig: {
      dir,
      name: sig.name,
      cron: '0 9 * * 1',
      timezone: 'UTC',
      to: 'chairs',
      chairs: sig.chairs,
      facilitators: sig.facilitators,
      roundCron: '0 9 * * 1',
      roundTimezone: 'UTC',
    },
    now,
    channel: null,
  });
  return numbers(digest.keps);
}

async function alertCounts(): Promise<{ release: number; bySig: Map<string, number[]> }> {
  const models: DeadlineAlertModel[] = [];
  const messages = {
    ...scheduleMessages,
    deadlineAlert: (m: DeadlineAlertModel) => {
      models.push(m);
      return scheduleMessages.deadlineAlert(m);
    },
  };
  const chat = new RecordingChat(new FakeClock(now));
  const deps = { ...scheduleDeps(t.store, chat, recordingLogger()), messages };
  const freeze = t.store.milestones.listByRelease(release).find((m) => m.kind === 'enhancements-freeze')!;
  const alert = {
    job: 'alert',
    milestoneId: freeze.id,
    leadMs: 0,
    leadLabel: '1d',
    at: now,
    deadline: new Date(freeze.startsAt),
    dateOnly: false,
  };
  await sendDeadlineAlerts(deps, { release, alert, now });
  const bySig = new Map<string, number[]>();
  for (const m of models.filter((m) => m.scope.kind === 'release'))
    for (const row of m.keps)
      bySig.set(row.sig ?? 'none', [...(bySig.get(row.sig ?? 'none') ?? []), row.number]);
  const total = models.find((m) => m.scope.kind === 'release')?.kepCount ?? -1;
  return { release: total, bySig };
}

describe('one membership rule on every surface (v1.35 example)', () => {
  it('the SIG list, picker, round, digest, App Home and alert list the same KEPs for every SIG', async () => {
    const home = buildHome(t.store, { user: everyone.slack, release, now });
    const policy = {
      release,
      codingPeriod: null,
      admins: [everyone.github],
      updaters: {},
      repo: 'kubernetes/enhancements',
    };
    const picker = listReportableKeps(t.store, policy, { slackUser: everyone.slack });
    const alerts = await alertCounts();
    let total = 0;
    for (const { dir } of config.sigs) {
      const sigList = numbers(listReleaseKeps(t.store, release, dir).keps);
      total += sigList.length;
      const surfaces = {
        round: numbers(roundRows(t.store, dir, release)),
        digest: digestNumbers(dir),
        home: numbers(home.keps.filter((k) => k.sig === dir)),
        picker: numbers(picker.ok ? picker.keps.filter((k) => k.owningSig === dir) : []),
        alert: numbers((alerts.bySig.get(dir) ?? []).map((number) => ({ number }))),
      };
      for (const [surface, list] of Object.entries(surfaces))
        expect(list, `${dir}: ${surface} vs SIG list`).toEqual(sigList);
    }
    expect(alerts.release).toBe(total);
    expect(total).toBeGreaterThan(0);
  });

  it('KEP-2535 (latest-milestone v1.37, milestone.beta v1.35) is in no surface of v1.35', () => {
    const node = numbers(listReleaseKeps(t.store, release, 'sig-node').keps);
    expect(node).not.toContain(2535);
    expect(numbers(roundRows(t.store, 'sig-node', release))).not.toContain(2535);
    expect(digestNumbers('sig-node')).not.toContain(2535);
  });
});
