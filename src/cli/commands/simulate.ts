import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chooseConfigPath, loadConfig } from '../../config/load-config.ts';
import { formatProblem } from '../../config/problems.ts';
import type { SimulatedPost, SimulatedStatusUpdate } from '../../sandbox/simulate-release.ts';
import type { CliCommand, CliIo } from '../io.ts';

const usage = `Usage: drumbeat simulate --from DATE --to DATE [--config FILE] [--updates FILE]

Runs the scheduler over [from, to] on a simulated clock against a local Slack workspace built from
the config, and prints every post in time order: drumbeat rounds, nudges (DMs), round summaries
deadline alerts, and the escalations of any blockers the updates declare. Nothing reaches a real
Slack workspace.
  --from DATE     start, YYYY-MM-DD (00:00 UTC) or an ISO instant, e.g. 2025-09-15
  --to DATE       end, YYYY-MM-DD (end of that day, UTC) or an ISO instant, e.g. 2025-12-20
  --config FILE   the config file (default: $DRUMBEAT_CONFIG, else ./drumbeat.yaml)
  --updates FILE  /kep-status commands to send during the run, one per line:
                  INSTANT LOGIN #CHANNEL TEXT, e.g.
                  2025-10-07T10:00Z alice-facilitator #sig-node 5593 blocked blocked by sig-auth`;

const maxDays = 400;

function readInstant(text: string, endOfDay: boolean): Date | null {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const ms = Date.parse(day ? `${text}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : text);
  if (!Number.isFinite(ms)) return null;
  const date = new Date(ms);
  return day && date.toISOString().slice(0, 10) !== text ? null : date;
}

type Options = { from: Date; to: Date; config: string | undefined; updates: string | undefined };

function parse(args: string[]): Options | string {
  let values: { from?: string; to?: string; config?: string; updates?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        config: { type: 'string' },
        updates: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (!values.from || !values.to) return '--from and --to are required';
  const from = readInstant(values.from, false);
  const to = readInstant(values.to, true);
  if (!from) return `--from ${values.from} is not a date (YYYY-MM-DD) or an ISO instant`;
  if (!to) return `--to ${values.to} is not a date (YYYY-MM-DD) or an ISO instant`;
  if (to <= from) return '--to must be after --from';
  if (to.getTime() - from.getTime() > maxDays * 86_400_000)
    return `simulate at most ${maxDays} days at a time`;
  return { from, to, config: values.config, updates: values.updates };
}

function stamp(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function formatPost(post: SimulatedPost): string {
  const where = post.inThread ? `${post.where} (thread reply)` : post.where;
  const body = post.text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  return `[${stamp(post.at)}] ${where}\n${body}\n`;
}

/** The `--updates` file's commands, or null (after saying what is wrong) when it cannot be used. */
function readUpdates(sandbox: Sandbox, file: string | undefined, io: CliIo): SimulatedStatusUpdate[] | null {
  if (!file) return [];
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    io.stderr(
      `drumbeat simulate: cannot read --updates ${file}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return null;
  }
  const { updates, problems } = sandbox.parseSimulatedUpdates(text);
  if (problems.length > 0) {
    io.stderr(
      `drumbeat simulate: ${file} has ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}\n`,
    );
    return null;
  }
  return updates;
}

type Sandbox = typeof import('../../sandbox/simulate-release.ts');

/**
 * The local Slack workspace the simulation runs against. It is loaded only here, so the bot never
 * loads it, and a runtime image built without it still runs every other command.
 */
async function loadSandbox(io: CliIo): Promise<Sandbox | null> {
  try {
    return await import('../../sandbox/simulate-release.ts');
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code !== 'ERR_MODULE_NOT_FOUND' || !message?.includes('simulate-release')) throw error;
    io.stderr(
      'drumbeat simulate: this installation has no local Slack workspace (the runtime image leaves it out); ' +
        'run it from a source checkout: npm ci && npx drumbeat simulate …\n',
    );
    return null;
  }
}

async function run(args: string[], io: CliIo): Promise<number> {
  const options = parse(args);
  if (typeof options === 'string') {
    io.stderr(`drumbeat simulate: ${options}\n\n${usage}\n`);
    return 2;
  }
  const sandbox = await loadSandbox(io);
  if (!sandbox) return 1;
  const file = resolve(io.cwd, chooseConfigPath(options.config, io.env));
  const loaded = await loadConfig(file, { cwd: io.cwd });
  if (!loaded.ok) {
    const problems = loaded.problems.map((p, i) => `  ${i + 1}. ${formatProblem(p)}`).join('\n');
    io.stderr(`drumbeat simulate: ${file} has ${loaded.problems.length} problem(s):\n${problems}\n`);
    return 1;
  }
  const updates = readUpdates(sandbox, options.updates, io);
  if (updates === null) return 1;
  const started = performance.now();
  const result = await sandbox.simulateRelease({
    config: loaded.config,
    from: options.from,
    to: options.to,
    statusUpdates: updates,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.stdout(
    `Simulating ${loaded.config.release.name} from ${stamp(options.from)} to ${stamp(options.to)} with ${file}\n` +
      `Rounds for: ${result.roundSigs.join(', ') || '(no SIG)'}\n` +
      `No rounds (a SIG needs a channel and at least one facilitator): ${result.roundless.map((r) => `${r.sig} (${r.reason})`).join(', ') || 'none'}\n\n`,
  );
  for (const post of result.posts) io.stdout(formatPost(post));
  const dms = result.posts.filter((p) => p.where.startsWith('DM ')).length;
  io.stdout(
    `\n${result.posts.length} posts (${dms} DMs, ${result.posts.filter((p) => p.inThread).length} thread replies) in ${seconds}s of wall time.\n`,
  );
  return 0;
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'preview every round, nudge, summary and deadline alert over a date range (no real Slack)',
  usage,
  run,
};
