/**
 * The v1.35 example loaded into a temporary store with one person who chairs every SIG (so App Home
 * shows every SIG's KEPs), and the release channel's deadline alert of a freeze as its model.
 */
import { buildDigest } from '../../src/app/build-digest.ts';
import { sendDeadlineAlerts } from '../../src/app/send-deadline-alerts.ts';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import type { Digest } from '../../src/domain/digest.ts';
import type { FreezeKind } from '../../src/domain/freeze-readiness.ts';
import type { DigestSig } from '../../src/ports/digest.ts';
import type { DeadlineAlertModel } from '../../src/ports/schedule.ts';
import type { Store } from '../../src/ports/store.ts';
import { createScheduleMessages } from '../../src/slack/blocks/schedule-messages.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { enhancements } from '../fakes/enhancements-repo.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { exampleData, loadExample, RecordingChat, recordingLogger, scheduleDeps } from './schedule-rig.ts';

export const everyone = { github: 'release-watcher', slack: 'U0WATCHER' };

export async function exampleRelease(now: Date): Promise<{ t: TempStore; config: ResolvedConfig }> {
  const data = await exampleData();
  const t = tempStore();
  loadExample(t.store, data, now);
  t.store.people.upsertMany([{ ...everyone, timezone: 'UTC', quietHours: null }]);
  t.store.sigs.upsertMany(t.store.sigs.list().map((s) => ({ ...s, chairs: [...s.chairs, everyone.github] })));
  return { t, config: data.config };
}

/** The release channel's alert for the release's Enhancements Freeze, 1 day ahead, as sent at `now`. */
export function enhancementsFreezeAlert(
  store: Store,
  release: string,
  now: Date,
): Promise<DeadlineAlertModel> {
  return freezeAlert(store, release, now, 'enhancements-freeze');
}

/** The release channel's alert for a freeze of the release, 1 day ahead, as sent at `now`. */
export async function freezeAlert(
  store: Store,
  release: string,
  now: Date,
  kind: FreezeKind,
): Promise<DeadlineAlertModel> {
  const scheduleMessages = createScheduleMessages(enhancements, null);
  const models: DeadlineAlertModel[] = [];
  const messages = {
    ...scheduleMessages,
    deadlineAlert: (m: DeadlineAlertModel) => {
      models.push(m);
      return scheduleMessages.deadlineAlert(m);
    },
  };
  const deps = { ...scheduleDeps(store, new RecordingChat(new FakeClock(now)), recordingLogger()), messages };
  const freeze = store.milestones.listByRelease(release).find((m) => m.kind === kind)!;
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
  const model = models.find((m) => m.scope.kind === 'release');
  if (!model) throw new Error('no release-channel alert was built');
  return model;
}

/** The weekly digest of one SIG of the config, as its chairs would get it at `now`. */
/** The digest settings of one SIG of the config, as the scheduler would give them. */
export function digestSigOf(config: ResolvedConfig, dir: string): DigestSig {
  const sig = config.sigs.find((s) => s.dir === dir);
  if (!sig) throw new Error(`no SIG ${dir} in the config`);
  return {
    dir,
    name: sig.name,
    cron: '0 9 * * 1',
    timezone: 'UTC',
    to: 'chairs',
    chairs: sig.chairs,
    facilitators: sig.facilitators,
    roundCron: '0 9 * * 1',
    roundTimezone: 'UTC',
  };
}

export function sigDigest(
  store: Store,
  config: ResolvedConfig,
  dir: string,
  release: string,
  now: Date,
): Digest {
  return buildDigest(store, {
    settings: { release, codingPeriod: null },
    sig: digestSigOf(config, dir),
    now,
    channel: null,
  });
}
