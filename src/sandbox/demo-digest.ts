/**
 * The weekly-digest part of `npm run demo`: a chair's DM (the real digest task, run for one
 * instant) and a facilitator's App Home tab, Block Kit rendered as text.
 * `src/sandbox/demo.ts` calls `await digestScenario(sandbox, out)`.
 *
 * The example config's chairs come from sigs.yaml and have no Slack user, so for the demo
 * lena-release-lead also chairs sig-node, and its digest cadence is the next whole minute (the
 * real one is Mondays 09:00): the unreachable chairs are reported once in #sig-pm.
 */
import { sendDueDigests } from '../app/send-due-digests.ts';
import { namesFrom, renderBlocks } from './render-text.ts';
import type { SandboxBot } from './start-sandbox-bot.ts';

const minuteMs = 60_000;

export async function digestScenario(sandbox: SandboxBot, out: (text?: string) => void): Promise<void> {
  const { ctx } = sandbox.bot;
  const { ws } = sandbox;
  const names = namesFrom(ws);
  const base = sandbox.bot.features.digestSettings;
  const node = base.sigs.find((s) => s.dir === 'sig-node');
  if (!node) throw new Error('the example config has no sig-node for the digest demo');
  const now = new Date(Math.ceil((ctx.clock.now().getTime() + 1) / minuteMs) * minuteMs);
  const settings = {
    ...base,
    sigs: [
      {
        ...node,
        chairs: ['lena-release-lead', ...node.chairs],
        cron: `${now.getUTCMinutes()} ${now.getUTCHours()} * * *`,
        timezone: 'UTC',
      },
    ],
  };
  out(`\n──────── weekly digest ${'─'.repeat(70)}`);
  const result = await sendDueDigests(sandbox.bot.features.digest, { settings, now });
  for (const r of result.reports) out(`digest ${r.sig} ${r.at}: ${r.outcome} (${r.note})`);
  const dm = await ws.waitFor(() =>
    ws.dms('lena-release-lead').find((m) => m.text.startsWith('Weekly digest')),
  );
  out(`\nDM to @lena-release-lead (chair of sig-node): ${dm.text}`);
  out(indent(renderBlocks(dm.blocks ?? [], names)));

  await sandbox.driver.event({ type: 'app_home_opened', user: ws.userId('alice-facilitator'), tab: 'home' });
  const home = await ws.waitFor(() => ws.home('alice-facilitator'));
  out(`\n──────── App Home of @alice-facilitator ${'─'.repeat(53)}`);
  out(indent(renderBlocks((home.view.blocks as unknown[]) ?? [], names)));
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  │ ${line}`)
    .join('\n');
}
