import { afterEach, describe, expect, it } from 'vitest';
import { castBallot } from '../../src/app/cast-ballot.ts';
import { startVote } from '../../src/app/start-vote.ts';
import type { ChatUpdate } from '../../src/ports/chat.ts';
import { createVoteTally } from '../../src/slack/vote-tally.ts';
import { hour, voteHarness, voteInput } from '../app/vote-helpers.ts';

let h: ReturnType<typeof voteHarness>;
afterEach(() => h.cleanup());

/** Updates "reach Slack" when the fake clock passes their notBefore, as the outbox sends them. */
function delayUpdates(harness: ReturnType<typeof voteHarness>): Array<{ key: string; at: number }> {
  const sent: Array<{ key: string; at: number }> = [];
  const record = harness.chat.update;
  harness.chat.update = async (msg: ChatUpdate) => {
    const ref = await record(msg);
    const wait = (msg.notBefore?.getTime() ?? 0) - harness.clock.now().getTime();
    await harness.clock.sleep(Math.max(0, wait));
    sent.push({ key: msg.key, at: harness.clock.now().getTime() });
    return ref;
  };
  return sent;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('the tally coalescer', () => {
  it('300 ballots within one second give at most one chat.update per second, ending on the latest tally', async () => {
    h = voteHarness();
    const sent = delayUpdates(h);
    const voters = Array.from({ length: 300 }, (_, i) => `U${String(i).padStart(6, '0')}`);
    const started = await startVote(
      h.deps,
      voteInput({ electorate: { kind: 'people', source: null, members: voters }, durationMs: 24 * hour }),
    );
    if (!started.ok) throw new Error(started.message);
    const tally = createVoteTally(h.deps);
    const t0 = h.clock.now().getTime();
    for (const [i, voter] of voters.entries()) {
      if (i === voters.length - 1) break; // the last one would close the vote (everyone voted)
      await castBallot(h.deps, { roundId: started.round.id, voter, value: 4, idempotencyKey: `k${i}` });
      tally.changed(started.round.id);
      h.clock.advance(3); // 299 clicks in under 1 s
      await flush();
    }
    for (let i = 0; i < 10; i++) {
      h.clock.advance(500);
      await flush();
    }
    await tally.idle();
    const seconds = new Map<number, number>();
    for (const s of sent)
      seconds.set(Math.floor((s.at - t0) / 1000), (seconds.get(Math.floor((s.at - t0) / 1000)) ?? 0) + 1);
    expect(Math.max(...seconds.values())).toBe(1);
    expect(sent.length).toBeLessThanOrEqual(3);
    const last = h.store.votes.lastEventId(started.round.id);
    expect(sent.at(-1)!.key).toBe(`vote:${started.vote.id}:r1:tally:${last}`);
    const lastUpdate = h.chat.of('update').at(-1)!;
    expect(JSON.stringify(lastUpdate)).toContain('Voted: 299 of 300');
  });

  it('sends nothing for a closed round and nothing twice for the same tally', async () => {
    h = voteHarness();
    const started = await startVote(h.deps, voteInput());
    if (!started.ok) throw new Error(started.message);
    const tally = createVoteTally(h.deps);
    await castBallot(h.deps, { roundId: started.round.id, voter: 'UALICE', value: 4, idempotencyKey: 'a' });
    tally.changed(started.round.id);
    await tally.idle();
    tally.changed(started.round.id);
    await tally.idle();
    expect(h.chat.of('update').map((u) => u.key)).toHaveLength(1);
    await castBallot(h.deps, { roundId: started.round.id, voter: 'UBOB', value: 4, idempotencyKey: 'b' });
    await castBallot(h.deps, { roundId: started.round.id, voter: 'UCHEN', value: 4, idempotencyKey: 'c' });
    tally.changed(started.round.id);
    await tally.idle();
    expect(h.chat.of('update').filter((u) => u.key.includes(':tally:'))).toHaveLength(1);
  });
});
