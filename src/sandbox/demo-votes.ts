/**
 * The fist-to-five part of `npm run demo`: one vote runs to an approval, one to a re-vote. Plays
 * against a running sandbox bot and returns what the channel shows, Block Kit rendered as text.
 * `src/sandbox/demo.ts` calls `await votesScenario(sandbox, out)`.
 */

import { renderTranscript } from './render-text.ts';
import type { SandboxBot } from './start-sandbox-bot.ts';
import type { SandboxMessage } from './workspace.ts';

const isVote = (m: SandboxMessage) => m.text.startsWith('Fist-to-five');

async function startVote(
  sb: SandboxBot,
  owner: string,
  channel: string,
  text: string,
): Promise<SandboxMessage> {
  const before = sb.ws.messages(channel).filter(isVote).length;
  await sb.driver.command(owner, channel, '/fist-to-five', text);
  const modal = await sb.ws.waitFor(() =>
    sb.ws.openViews(owner).find((v) => v.view.callback_id === 'vote_start_modal'),
  );
  await sb.driver.submitView(owner, modal.id, { vote_keps: { vote_keps: '4222' } });
  return sb.ws.waitFor(() => sb.ws.messages(channel).filter(isVote)[before]);
}

function clicker(sb: SandboxBot, channel: string, vote: SandboxMessage) {
  return (user: string, actionId: string) => sb.driver.click(user, { channel, messageTs: vote.ts, actionId });
}

/** Vote 1: both facilitators vote 4+ → approved, label planned. Vote 2: a concern, early close, re-vote. */
export async function votesScenario(sb: SandboxBot, out: (text?: string) => void): Promise<void> {
  const channel = '#sig-node';
  const people = '<@U0000000003|alice-facilitator> <@U0000000006|dana-facilitator>';
  const first = await startVote(sb, 'lena-release-lead', channel, `Commit to the sig-node plan? ${people}`);
  const vote1 = clicker(sb, channel, first);
  await vote1('alice-facilitator', 'vote_cast_4');
  await vote1('dana-facilitator', 'vote_cast_5');
  await sb.ws.waitFor(() => sb.ws.replies(channel, first.ts).find((m) => m.text.startsWith('Approved')));

  const second = await startVote(
    sb,
    'lena-release-lead',
    channel,
    `Add KEP-4222 beta to the plan? ${people}`,
  );
  const vote2 = clicker(sb, channel, second);
  await vote2('alice-facilitator', 'vote_cast_3');
  await vote2('dana-facilitator', 'vote_cast_1');
  const modal = await sb.ws.waitFor(() =>
    sb.ws.openViews('dana-facilitator').find((v) => v.view.callback_id === 'vote_concern_modal'),
  );
  await sb.driver.submitView('dana-facilitator', modal.id, {
    vote_concern: { vote_concern: 'PRR for beta is not approved yet; keep it alpha this release.' },
  });
  await sb.ws.waitFor(() => sb.ws.replies(channel, second.ts).find((m) => m.text.includes('concern')));
  await vote2('lena-release-lead', 'vote_close');
  const result = await sb.ws.waitFor(() =>
    sb.ws.replies(channel, second.ts).find((m) => m.text.startsWith('Not approved')),
  );
  await sb.driver.click('lena-release-lead', { channel, messageTs: result.ts, actionId: 'vote_revote' });
  await sb.ws.waitFor(() => sb.ws.replies(channel, second.ts).filter(isVote)[0]);
  await sb.bot.outbox.drain({ timeoutMs: 5000 });
  const planned = sb.bot.store.githubWriteBack.list('planned').map((a) => a.description);
  out(`\n──────── fist-to-five in ${channel} ────────`);
  out(renderTranscript(sb.ws, channel));
  out(`GitHub write-back plan: ${planned.join('; ') || 'nothing'}`);
}
