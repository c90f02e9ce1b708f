/**
 * GitHub drift reaches the PM channel once per finding: one post per sync with what is new, none
 * when nothing is, again when a finding's values change; a repeated pass after a crash between
 * posting and marking posts nothing twice (the key comes from the findings).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noticeDrift } from '../../src/app/notice-drift.ts';
import type { DriftFinding } from '../../src/domain/drift.ts';
import type { DriftNoticeDeps } from '../../src/ports/drift-notice.ts';
import { buildDriftNotice } from '../../src/slack/messages.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { RecordingChat, recordingLogger } from './schedule-rig.ts';

const now = new Date('2025-10-20T12:00:00Z');
const finding = (
  kep: number,
  fingerprint: string,
  message = `#${kep}: label stage/alpha but kep.yaml stage is beta`,
): DriftFinding => ({
  key: `stage-label:#${kep}`,
  kind: 'stage-label',
  kepNumber: kep,
  fingerprint,
  message,
});

let t: TempStore;
let chat: RecordingChat;
let deps: DriftNoticeDeps;
beforeEach(() => {
  t = tempStore();
  chat = new RecordingChat({ now: () => now });
  deps = { store: t.store, chat, logger: recordingLogger(), pmChannel: 'C0PM', render: buildDriftNotice };
});
afterEach(() => t.cleanup());

describe('drift notices in the PM channel', () => {
  it('tells each finding once, and again when its values change', async () => {
    t.store.githubDrift.replace([finding(4222, 'alpha/beta'), finding(5593, 'beta/stable <!channel>')], now);
    expect(await noticeDrift(deps, now)).toBe(2);
    expect(await noticeDrift(deps, now)).toBe(0);
    const [post] = [...chat.sent.values()];
    expect(post!.channel).toBe('C0PM');
    expect(post!.text).toBe('GitHub drift: 2 new or changed findings');
    expect(JSON.stringify(post!.blocks)).toContain('#4222: label stage/alpha but kep.yaml stage is beta');

    t.store.githubDrift.replace(
      [finding(4222, 'alpha/stable'), finding(5593, 'beta/stable <!channel>')],
      now,
    );
    expect(await noticeDrift(deps, now)).toBe(1);
    expect(chat.sent.size).toBe(2);
  });

  it('posts nothing twice when a pass repeats before the findings were marked', async () => {
    t.store.githubDrift.replace([finding(4222, 'alpha/beta')], now);
    const unmarked = { ...deps, store: { githubDrift: { ...t.store.githubDrift, markNoticed: () => {} } } };
    await noticeDrift(unmarked, now);
    await noticeDrift(deps, now);
    expect(chat.sent.size).toBe(1);
    expect(chat.repeats).toHaveLength(1);
  });

  it('escapes what GitHub wrote and lists at most 40 findings', async () => {
    const many = Array.from({ length: 45 }, (_, i) => finding(1000 + i, 'x', `#${1000 + i}: title <!here>`));
    const message = buildDriftNotice(many);
    expect(JSON.stringify(message)).not.toContain('<!here>');
    expect(JSON.stringify(message.blocks)).toContain('…and 5 more.');
  });

  it('without a PM channel posts nothing and keeps the findings for later', async () => {
    t.store.githubDrift.replace([finding(4222, 'alpha/beta')], now);
    expect(await noticeDrift({ ...deps, pmChannel: null }, now)).toBe(0);
    expect(t.store.githubDrift.listUnnoticed()).toHaveLength(1);
  });
});
