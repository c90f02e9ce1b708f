/**
 * `npm run demo`: the real bot (real Bolt over HTTP, real SQLite in a temp dir, the example
 * config) against the local Slack workspace, playing a short scripted scenario during the v1.35
 * cycle, then printing what each channel shows, Block Kit rendered as text.
 */

import { listReleaseKeps } from '../app/list-release-keps.ts';
import { createOffsetClock } from '../system/offset-clock.ts';
import { digestScenario } from './demo-digest.ts';
import { escalationScenario } from './demo-escalation.ts';
import { planningScenario } from './demo-planning.ts';
import { votesScenario } from './demo-votes.ts';
import { namesFrom, renderBlocks, renderTranscript } from './render-text.ts';
import { type SandboxBot, startSandboxBot } from './start-sandbox-bot.ts';

const out = (text = '') => process.stdout.write(`${text}\n`);
const rule = (title: string) =>
  out(`\n${'─'.repeat(8)} ${title} ${'─'.repeat(Math.max(4, 90 - title.length))}`);

async function main(): Promise<void> {
  const clock = createOffsetClock(new Date('2025-10-07T15:00:00Z'));
  const sandbox = await startSandboxBot({ mode: 'http', clock, perChannelIntervalMs: 50 });
  try {
    rule('Drumbeat demo');
    out(
      `Release ${sandbox.config.release.name}, ${sandbox.config.sigs.length} SIGs, ${sandbox.config.people.length} people.`,
    );
    out(
      `Local Slack workspace: ${sandbox.api.url}  ·  bot on http://127.0.0.1:${sandbox.bot.port}/slack/events`,
    );
    out(
      `Clock: ${clock.now().toISOString()} (the scenario plays during the ${sandbox.config.release.name} cycle)`,
    );
    await kepStatusScenario(sandbox);
    await votesScenario(sandbox, out);
    await escalationScenario(sandbox, out);
    await planningScenario(sandbox, out);
    await digestScenario(sandbox, out);
    await sandbox.bot.outbox.drain({ timeoutMs: 10_000 });
    printTranscripts(sandbox);
  } finally {
    await sandbox.close();
  }
}

/** Facilitators report status; someone who may not is refused; a KEP card and a SIG list. */
async function kepStatusScenario(sandbox: SandboxBot): Promise<void> {
  const { store } = sandbox.bot;
  const release = sandbox.config.release.name;
  const node = listReleaseKeps(store, release, 'sig-node').keps;
  const storage = listReleaseKeps(store, release, 'sig-storage').keps;
  const [first, second] = node;
  if (!first || !second || !storage[0])
    throw new Error(`the example data has too few ${release} KEPs for the demo`);
  const steps: Array<[string, string, string]> = [
    ['alice-facilitator', '#sig-node', 'help'],
    ['alice-facilitator', '#sig-node', `${first.number} at-risk 60% waiting on API review <!channel>`],
    ['alice-facilitator', '#sig-node', `KEP-${second.number} on track 80%`],
    ['chen-facilitator', '#sig-node', `${first.number} done`],
    [
      'dana-facilitator',
      '#sig-storage',
      `${storage[0].number} blocked 40% blocked by sig-node and #${first.number}`,
    ],
    ['alice-facilitator', '#sig-node', `${first.number} on-track 70% API review done`],
    ['alice-facilitator', '#sig-node', String(first.number)],
    ['alice-facilitator', '#sig-node', 'sig-node'],
    ['erin-enhancements', '#sig-release', 'blockers'],
    ['alice-facilitator', '#sig-node', '4222 maybe'],
  ];
  rule('/kep-status');
  const names = namesFrom(sandbox.ws);
  for (const [user, channel, text] of steps) {
    const before = sandbox.ws.ephemerals(user).length;
    await sandbox.driver.command(user, channel, '/kep-status', text);
    const reply = await sandbox.ws.waitFor(() => sandbox.ws.ephemerals(user)[before]);
    out(`\n@${user} in ${channel}: /kep-status ${text}`);
    out(indent(reply.blocks ? renderBlocks(reply.blocks, names) : reply.text, '  │ '));
  }
}

function printTranscripts(sandbox: SandboxBot): void {
  for (const channel of ['#sig-node', '#sig-storage', '#sig-release', '#sig-pm']) {
    rule(`what ${channel} shows`);
    out(renderTranscript(sandbox.ws, channel));
  }
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (error: unknown) => {
    process.stderr.write(
      `demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
