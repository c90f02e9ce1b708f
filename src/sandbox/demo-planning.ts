/**
 * The release-planning part of `npm run demo`: two SIGs commit plans in the plan modal (one depends
 * on a KEP nobody committed), the readout thread is posted as on the planning event's date, and the
 * facilitators approve it in the fist-to-five vote in its thread; the approved labels are planned.
 * `src/sandbox/demo.ts` calls `await planningScenario(sandbox, out)`.
 */
import { postReadout } from '../app/post-readout.ts';
import { namesFrom, renderBlocks } from './render-text.ts';
import type { SandboxBot } from './start-sandbox-bot.ts';

async function plan(
  sb: SandboxBot,
  user: string,
  sig: string,
  rows: Record<number, [string, string, string]>,
) {
  const before = sb.ws.openViews(user).filter((v) => v.view.callback_id === 'plan_modal').length;
  await sb.driver.command(user, '#sig-release', '/drumbeat', `plan ${sig}`);
  const modal = await sb.ws.waitFor(
    () => sb.ws.openViews(user).filter((v) => v.view.callback_id === 'plan_modal')[before],
  );
  const values: Record<string, Record<string, unknown>> = {};
  for (const [kep, [increments, depends, note]] of Object.entries(rows)) {
    values[`plan_increments:${kep}`] = { [`plan_increments:${kep}`]: increments };
    values[`plan_depends:${kep}`] = { [`plan_depends:${kep}`]: depends };
    values[`plan_note:${kep}`] = { [`plan_note:${kep}`]: note };
  }
  await sb.driver.submitView(user, modal.id, values);
}

export async function planningScenario(sb: SandboxBot, out: (text?: string) => void): Promise<void> {
  const deps = sb.bot.features.planning;
  const readoutAt = deps.settings.readoutAt;
  if (!readoutAt) throw new Error('the example config has no planning.readoutAt for the demo');
  await plan(sb, 'alice-facilitator', 'sig-node', {
    1287: ['2:100, 3:80', '', 'In-place pod resize goes GA.'],
  });
  await plan(sb, 'bob-facilitator', 'sig-scheduling', {
    5471: ['3:70, 4:50', '#4742', 'SLA-based scheduling with threshold tolerations (alpha).'],
  });
  // the planning event: the task runs as the scheduler would on that date
  let step = '';
  for (let i = 0; i < 20 && step !== 'vote-started'; i++) {
    step = (await postReadout(deps, new Date(readoutAt))).step;
    await sb.bot.outbox.drain({ timeoutMs: 5000 });
  }
  const parent = await sb.ws.waitFor(() =>
    sb.ws.messages('#sig-release').find((m) => m.text.startsWith('Release planning readout')),
  );
  const vote = await sb.ws.waitFor(() =>
    sb.ws.replies('#sig-release', parent.ts).find((m) => m.text.startsWith('Fist-to-five')),
  );
  for (const user of ['alice-facilitator', 'bob-facilitator'])
    await sb.driver.click(user, { channel: '#sig-release', messageTs: vote.ts, actionId: 'vote_cast_4' });
  await sb.ws.waitFor(() =>
    sb.ws.replies('#sig-release', parent.ts).find((m) => m.text.startsWith('Approved')),
  );
  await postReadout(deps, new Date(readoutAt));
  await sb.bot.outbox.drain({ timeoutMs: 5000 });
  await sb.ws.waitFor(() =>
    sb.ws.replies('#sig-release', parent.ts).find((m) => m.text.includes('release plan is approved')),
  );
  const names = namesFrom(sb.ws);
  out('\n──────── release planning readout in #sig-release ────────');
  for (const m of [parent, ...sb.ws.replies('#sig-release', parent.ts)]) {
    out(m === parent ? '' : '  ↳');
    out(m.blocks ? renderBlocks(m.blocks, names) : m.text);
  }
}
