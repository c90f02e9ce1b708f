import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildReleaseNotes } from '../../src/app/build-release-notes.ts';
import { exportExceptions } from '../../src/app/export-exceptions.ts';
import { renderReleaseNotes } from '../../src/domain/plan-text.ts';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import type { SandboxMessage } from '../../src/sandbox/workspace.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { runUntil, settle, stopFakeTimeSandbox } from './fake-time.ts';

let sandbox: SandboxBot | null = null;
afterEach(async () => {
  await stopFakeTimeSandbox(sandbox);
  sandbox = null;
});

const json = (m: SandboxMessage | undefined) => JSON.stringify(m?.blocks ?? null);

async function submitPlan(
  sb: SandboxBot,
  user: string,
  sig: string,
  rows: Record<number, [string, string, string]>,
) {
  const before = sb.ws.openViews(user).length;
  await sb.driver.command(user, '#sig-release', '/drumbeat', `plan ${sig}`);
  const modal = await sb.ws.waitFor(
    () =>
      sb.ws.openViews(user).filter((v) => v.view.callback_id === 'plan_modal')[before] ??
      sb.ws.openViews(user).find((v) => v.view.callback_id === 'plan_modal'),
  );
  const values: Record<string, Record<string, unknown>> = {};
  for (const [kep, [increments, depends, note]] of Object.entries(rows)) {
    values[`plan_increments:${kep}`] = { [`plan_increments:${kep}`]: increments };
    values[`plan_depends:${kep}`] = { [`plan_depends:${kep}`]: depends };
    values[`plan_note:${kep}`] = { [`plan_note:${kep}`]: note };
  }
  return { modal, result: await sb.driver.submitView(user, modal.id, values) };
}

async function requestException(sb: SandboxBot, user: string, kep: number, freeze: string) {
  await sb.driver.command(user, '#sig-node', '/drumbeat', `exception ${kep}`);
  const modal = await sb.ws.waitFor(() =>
    sb.ws.openViews(user).find((v) => v.view.callback_id === 'exception_request_modal'),
  );
  return sb.driver.submitView(user, modal.id, {
    exception_freeze: { exception_freeze: freeze },
    exception_missing: { exception_missing: 'API review <!channel> pending' },
    exception_time: { exception_time: '3 days' },
    exception_risk: { exception_risk: 'Low: feature-gated, alpha' },
    exception_prs: { exception_prs: 'https://github.com/kubernetes/kubernetes/pull/134345' },
  });
}

describe('release planning through the local workspace', () => {
  it('plans, readout, a failed vote, a fix, a re-vote, labels, exceptions and the notes draft', async () => {
    const clock = new FakeClock('2025-09-22T10:00:00Z');
    sandbox = await startSandboxBot({
      mode: 'http',
      clock: { now: () => clock.now() },
      sleep: clock.sleep,
      perChannelIntervalMs: 0,
      workspace: { rate: { perChannelPerSecond: 1_000_000, burst: 1_000_000 } },
      editConfig: (config) => ({
        ...config,
        planning: { ...config.planning, readoutAt: '2025-09-24T16:00:00.000Z' },
      }),
    });
    const sb = sandbox;
    const { ws } = sb;
    const store = sb.bot.store;
    await settle(sb.bot, clock);

    // a confidence above the cap is refused in the modal, on that row
    const capped = await submitPlan(sb, 'alice-facilitator', 'sig-node', {
      1287: ['3:90', '', 'Resize pods'],
    });
    expect(JSON.stringify(capped.result.body)).toContain('above the 60% cap');
    expect(store.planning.latestPlan('v1.35', 'sig-node')).toBeNull();

    // three SIGs plan; sig-scheduling depends on sig-node's #4742, which sig-node does not commit
    const node = await submitPlan(sb, 'alice-facilitator', 'sig-node', {
      1287: ['1:100, 2:80', '', 'In-place pod resize goes GA.'],
      3673: ['2:80', '', 'Parallel image pulls are limited per node.'],
    });
    expect(node.result.status).toBe(200);
    await submitPlan(sb, 'bob-facilitator', 'sig-scheduling', {
      5471: ['2:70, 3:50', '#4742', 'SLA-based scheduling (alpha).'],
    });
    await submitPlan(sb, 'dana-facilitator', 'sig-storage', {
      5381: ['3:60', '', 'Mutable PV node affinity.'],
    });
    expect(store.planning.latestPlans('v1.35').map((p) => p.sig)).toEqual([
      'sig-node',
      'sig-scheduling',
      'sig-storage',
    ]);
    // someone who does not facilitate sig-auth may not plan it
    await sb.driver.command('bob-facilitator', '#sig-release', '/drumbeat', 'plan sig-auth');
    expect((await ws.waitFor(() => ws.ephemerals('bob-facilitator').at(-1))).text).toContain(
      "Only sig-auth's reporters or the release team may commit sig-auth's plan",
    );

    // the readout on the planning event's date, with the dependency flagged and the vote in its thread
    await runUntil(sb, clock, '2025-09-24T16:05:00Z');
    const parent = ws.messages('#sig-release').find((m) => m.text.startsWith('Release planning readout'))!;
    expect(parent).toBeDefined();
    expect(json(parent)).toContain(
      "sig-scheduling plans on sig-node's #4742 (for #5471), which sig-node has not committed",
    );
    const replies = () => ws.replies('#sig-release', parent.ts);
    expect(replies().filter((m) => m.text.includes(' plan v1')).length).toBe(3);
    const vote = replies().find((m) => m.text.startsWith('Fist-to-five'))!;
    expect(vote).toBeDefined();
    const readout = store.planning.getReadout('v1.35')!;
    expect(store.votes.electors(readout.voteId!).sort()).toEqual([
      'U0000000003',
      'U0000000004',
      'U0000000006',
    ]);

    // round 1 fails on a concern
    const click = (user: string, actionId: string, ts = vote.ts) =>
      sb.driver.click(user, { channel: '#sig-release', messageTs: ts, actionId });
    await click('alice-facilitator', 'vote_cast_4');
    await click('dana-facilitator', 'vote_cast_5');
    await click('bob-facilitator', 'vote_cast_1');
    const concern = await ws.waitFor(() =>
      ws.openViews('bob-facilitator').find((v) => v.view.callback_id === 'vote_concern_modal'),
    );
    await sb.driver.submitView('bob-facilitator', concern.id, {
      vote_concern: { vote_concern: 'sig-node has not committed #4742' },
    });
    await click('lena-release-lead', 'vote_close');
    const failed = await ws.waitFor(() => replies().find((m) => m.text.startsWith('Not approved')));
    await runUntil(sb, clock, '2025-09-24T17:00:00Z');
    expect(store.planning.getReadout('v1.35')!.approvedAt).toBeNull();

    // the plan stays editable: sig-node commits #4742 (v2, posted in the thread as an update)
    await submitPlan(sb, 'alice-facilitator', 'sig-node', {
      4742: ['2:80', '', 'Node topology in the downward API.'],
    });
    expect(store.planning.latestPlan('v1.35', 'sig-node')!.entries.map((e) => e.kep)).toEqual([
      1287, 3673, 4742,
    ]);
    await ws.waitFor(() => replies().find((m) => m.text.startsWith('sig-node plan v2 (updated)')));

    // the re-vote in the same thread approves; the labels are planned for every committed issue
    await click('lena-release-lead', 'vote_revote', failed.ts);
    const round2 = await ws.waitFor(() => replies().filter((m) => m.text.startsWith('Fist-to-five'))[1]);
    for (const user of ['alice-facilitator', 'bob-facilitator', 'dana-facilitator'])
      await click(user, 'vote_cast_4', round2.ts);
    await ws.waitFor(() => replies().find((m) => m.text.startsWith('Approved')));
    await runUntil(sb, clock, '2025-09-24T18:30:00Z');
    const approvedReply = await ws.waitFor(() =>
      replies().find((m) => m.text.includes('release plan is approved')),
    );
    expect(approvedReply.text).toContain('#1287');
    expect(store.planning.latestPlans('v1.35').every((p) => p.approvedAt !== null)).toBe(true);
    const labels = store.githubWriteBack.list('planned').map((a) => `${a.issueNumber}:${a.label}`);
    expect(labels.sort()).toEqual(
      ['1287', '3673', '4742', '5381', '5471'].map((n) => `${n}:milestone-approved`),
    );
    // once approved, the plan is closed: work outside it needs an exception
    const late = await submitPlan(sb, 'alice-facilitator', 'sig-node', {
      5573: ['3:60', '', 'Remove cgroup v1.'],
    });
    expect(JSON.stringify(late.result.body)).toContain('needs an exception');

    // after Enhancements Freeze: one request approved, one rejected, one outside its window
    await runUntil(sb, clock, '2025-10-18T10:00:00Z');
    await requestException(sb, 'alice-facilitator', 5532, 'enhancements-freeze');
    await requestException(sb, 'alice-facilitator', 5573, 'enhancements-freeze');
    const outside = await requestException(sb, 'alice-facilitator', 4622, 'docs-freeze');
    expect(JSON.stringify(outside.body)).toContain('Exception requests for Docs Freeze open at');
    const posts = await ws.waitFor(() => {
      const found = ws.messages('#sig-release').filter((m) => m.text.includes('exception request #'));
      return found.length === 2 ? found : null;
    });
    expect(json(posts[0])).toContain('exception_approve');
    expect(json(posts[0])).toContain('API review &lt;!channel&gt; pending');
    const decide = (user: string, post: SandboxMessage, actionId: string) =>
      sb.driver.click(user, { channel: '#sig-release', messageTs: post.ts, actionId });
    await decide('alice-facilitator', posts[0]!, 'exception_approve');
    expect(
      await ws.waitFor(() =>
        ws.ephemerals('alice-facilitator').at(-1)?.text.includes('deciders') ? 1 : null,
      ),
    ).toBe(1);
    await decide('lena-release-lead', posts[0]!, 'exception_approve');
    await decide('erin-enhancements', posts[1]!, 'exception_reject');
    await runUntil(sb, clock, '2025-10-18T10:05:00Z');
    const decision = await ws.waitFor(() =>
      ws.replies('#sig-release', posts[0]!.ts).find((m) => m.text.includes('approved')),
    );
    expect(json(decision)).toContain('<@U0000000003>');
    expect(json(ws.findMessage(posts[0]!.channel, posts[0]!.ts))).not.toContain('exception_approve');
    const requests = store.planning.listExceptions('v1.35');
    expect(requests.map((r) => [r.kep, r.status, r.decidedBy])).toEqual([
      [5532, 'approved', 'U0000000001'],
      [5573, 'rejected', 'U0000000002'],
    ]);
    // 3673 is dropped after approval; the notes draft shows it, and the excepted KEP
    await sb.driver.command('alice-facilitator', '#sig-node', '/kep-status', '3673 dropped');
    await ws.waitFor(() => ws.ephemerals('alice-facilitator').find((m) => m.text.includes('dropped')));
    const notes = renderReleaseNotes(buildReleaseNotes(store, 'v1.35'), { markdown: false });
    expect(notes).toContain('sig-node (plan v2, approved)');
    expect(notes).toMatch(/✗ #3673 .*dropped: status reported as dropped/);
    expect(notes).toMatch(/\+ #5532 .*excepted: Enhancements Freeze, 2025-10-18/);
    expect(notes).not.toContain('#5573');
    expect(notes).toContain('• #5471');

    // the export has the fixture's fields and value types
    const exported = parse(JSON.stringify(exportExceptions(store, 'v1.35').file));
    const fixture = parse(readFileSync('test/fixtures/k8s/schedules/release-1.35/exceptions.yaml', 'utf8'));
    const shape = (e: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(e).map(([k, v]) => [k, Array.isArray(v) ? 'array' : typeof v]));
    expect(shape(exported.enhancementFreeze[0])).toEqual(shape(fixture.enhancementFreeze[0]));
    expect(exported.enhancementFreeze.map((e: { status: string }) => e.status)).toEqual([
      'approved',
      'rejected',
    ]);
  }, 30_000);
});
