/**
 * The escalation part of `npm run demo`: two KEPs blocked on sig-auth share one notice in
 * #sig-auth at once; two business days later one post in #sig-pm lists both, with the milestone at
 * risk; sig-auth's facilitator acknowledges, then resolves it, and every thread that heard of the
 * blockers gets the resolution. `src/sandbox/demo.ts` calls `await escalationScenario(sandbox, out)`.
 */
import { escalateBlockers } from '../app/escalate-blockers.ts';
import { listReleaseKeps } from '../app/list-release-keps.ts';
import type { Clock } from '../ports/clock.ts';
import { namesFrom, renderBlocks, renderTranscript } from './render-text.ts';
import type { SandboxBot } from './start-sandbox-bot.ts';

const day = 86_400_000;
const isEscalation = (text: string) => text.startsWith('Blocked on sig-auth');

export async function escalationScenario(sb: SandboxBot, out: (text?: string) => void): Promise<void> {
  const { ws, driver } = sb;
  const { store } = sb.bot;
  const release = sb.config.release.name;
  const node = listReleaseKeps(store, release, 'sig-node').keps.at(-1);
  const scheduling = listReleaseKeps(store, release, 'sig-scheduling').keps[0];
  if (!node || !scheduling)
    throw new Error(`the example data has too few ${release} KEPs for the escalation demo`);
  out('\n──────── escalation of blocked dependencies ────────');
  for (const [user, channel, kep] of [
    ['alice-facilitator', '#sig-node', node.number],
    ['bob-facilitator', '#sig-scheduling', scheduling.number],
  ] as const) {
    const text = `${kep} blocked 50% blocked by sig-auth (token review API)`;
    await driver.command(user, channel, '/kep-status', text);
    out(`@${user} in ${channel}: /kep-status ${text}`);
  }
  await ws.waitFor(() =>
    ws.messages('#sig-auth').find((m) => isEscalation(m.text) && m.text.includes(String(scheduling.number))),
  );

  // two business days later (the demo clock jumps; the scheduler's pass runs at the new time)
  const clock = sb.bot.ctx.clock as Clock & { jump?: (ms: number) => void };
  clock.jump?.(2 * day + 60_000);
  await escalateBlockers(sb.bot.features.escalation, clock.now());
  const post = await ws.waitFor(() => ws.messages('#sig-pm').find((m) => isEscalation(m.text)));
  out(`\n${clock.jump ? 'Two business days later' : 'Later'}, #sig-pm shows:`);
  out(renderBlocks(post.blocks ?? [], namesFrom(ws)));

  await driver.command('erin-enhancements', '#sig-release', '/kep-status', 'blockers');
  const list = await ws.waitFor(() => ws.ephemerals('erin-enhancements').at(-1));
  out('\n@erin-enhancements: /kep-status blockers');
  out(renderBlocks(list.blocks ?? [], namesFrom(ws)));

  await driver.click('chen-facilitator', {
    channel: '#sig-pm',
    messageTs: post.ts,
    actionId: 'blocker_acknowledge',
  });
  await driver.click('chen-facilitator', {
    channel: '#sig-pm',
    messageTs: post.ts,
    actionId: 'blocker_resolve',
  });
  await ws.waitFor(
    () => ws.replies('#sig-auth', ws.messages('#sig-auth').find((m) => isEscalation(m.text))!.ts)[1],
  );
  await sb.bot.outbox.drain({ timeoutMs: 5000 });
  out('\n──────── what #sig-auth shows ────────');
  out(renderTranscript(ws, '#sig-auth'));
}
