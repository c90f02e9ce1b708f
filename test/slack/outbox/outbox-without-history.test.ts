/**
 * Installed without the `*:history` scopes, the outbox cannot ask Slack whether a message it was
 * sending when the process died was posted. Each kind is then sent again (at least once: a
 * duplicate is possible) or given up (at most once: a loss is possible), as `delivery.afterCrash`
 * says; with the scopes, the lookup finds it (neither).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AfterCrash } from '../../../src/slack/outbox/reconcile-row.ts';
import { afterCrashFrom } from '../../../src/wiring/after-crash.ts';
import { platformError } from './fake-slack.ts';
import { createRig, type Rig } from './rig.ts';

let rig: Rig;
afterEach(async () => {
  await rig?.cleanup();
});

function crashAfterCall(r: Rig, key: string) {
  r.store.db.exec(`CREATE TEMP TRIGGER crash_after_call BEFORE UPDATE OF status ON slack_outbox
    WHEN NEW.status = 'sent' AND NEW.key = '${key}'
    BEGIN SELECT RAISE(ABORT, 'simulated crash after the Slack call'); END`);
}

const policy = afterCrashFrom({
  historyScopes: false,
  afterCrash: { default: 'at-least-once', kinds: { 'round-nudge': 'at-most-once' } },
});

/** Posts `key`, "crashes" right after Slack accepted it, restarts with `afterCrash`, recovers and drains. */
async function crashAndRestart(key: string, afterCrash: AfterCrash) {
  rig = await createRig();
  crashAfterCall(rig, key);
  rig.outbox.enqueue({ kind: 'post', key, lane: 'scheduled', channel: 'C1', text: key });
  await rig.drive(rig.outbox.drain());
  expect(rig.outbox.getDelivery(key)!.status).toBe('sending');
  rig.clock.advance(60_000);
  const restarted = rig.newOutbox(undefined, { afterCrash });
  const recovered = await rig.drive(restarted.recover(), restarted);
  await rig.drive(restarted.drain(), restarted);
  return { recovered, delivery: restarted.getDelivery(key)!, posts: rig.slack.postsWithKey(key).length };
}

describe('outbox without the history scopes, after a crash mid-send', () => {
  it('sends an at-least-once kind again: posted twice, never looked up', async () => {
    const { recovered, delivery, posts } = await crashAndRestart('status:sig-node:1', policy);
    expect(recovered.requeued).toEqual(['status:sig-node:1']);
    expect(posts).toBe(2);
    expect(delivery.status).toBe('sent');
    expect(rig.slack.callsTo('conversations.history')).toHaveLength(0);
  });

  it('gives up an at-most-once kind: posted once, marked failed with the reason', async () => {
    const { recovered, delivery, posts } = await crashAndRestart('round-nudge:sig-node:alice', policy);
    expect(recovered.failed).toEqual(['round-nudge:sig-node:alice']);
    expect(posts).toBe(1);
    expect(delivery.status).toBe('failed');
    expect(delivery.error).toBe(
      "interrupted while sending; round-nudge messages are sent at most once and Slack's history cannot be read, so not sent again",
    );
  });

  it('with the scopes the lookup finds the post: neither duplicated nor lost', async () => {
    const { recovered, posts } = await crashAndRestart('round-nudge:sig-node:bob', {
      ...policy,
      history: true,
    });
    expect(recovered.found).toEqual(['round-nudge:sig-node:bob']);
    expect(posts).toBe(1);
  });

  it('configured with history but installed without: missing_scope falls back to the kind’s mode', async () => {
    rig = await createRig();
    crashAfterCall(rig, 'round-nudge:x');
    rig.outbox.enqueue({ kind: 'post', key: 'round-nudge:x', lane: 'scheduled', channel: 'C1', text: 'n' });
    await rig.drive(rig.outbox.drain());
    rig.slack.intercept((call) =>
      call.method === 'conversations.history' ? platformError('missing_scope') : undefined,
    );
    const restarted = rig.newOutbox(undefined, { afterCrash: { ...policy, history: true } });
    const recovered = await rig.drive(restarted.recover(), restarted);
    expect(recovered.failed).toEqual(['round-nudge:x']);
    expect(rig.slack.postsWithKey('round-nudge:x')).toHaveLength(1);
  });
});
