import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ImportError, parseSigsYaml } from '../../config/import-sigs.ts';
import { formatTextTable, truncateText } from '../../domain/text-table.ts';
import type { Sig } from '../../domain/types.ts';
import type { CliCommand, CliIo } from '../io.ts';

const usage = `Usage: drumbeat sigs --from sigs.yaml [--json]

Reads kubernetes/community's sigs.yaml and prints its SIGs, working groups, user groups and committees.
  --from FILE     the sigs.yaml file
  --json          one JSON object per group per line (warnings still go to stderr)`;

function sigJsonLine(sig: Sig): string {
  const { dir, name, kind, label, slackChannel, chairs, techLeads, meetings } = sig;
  return JSON.stringify({ dir, name, kind, label, slackChannel, chairs, techLeads, meetings });
}

function sigTable(sigs: Sig[]): string {
  const rows = sigs.map((sig) => {
    const meeting = sig.meetings[0];
    const first = meeting
      ? `${meeting.day ?? '?'} ${meeting.time ?? '?'} ${meeting.zone ?? meeting.tz ?? '?'}`
      : '-';
    return [
      sig.dir,
      sig.kind,
      sig.slackChannel ? `#${sig.slackChannel}` : '-',
      truncateText(sig.chairs.join(', ') || '-', 40),
      first,
    ];
  });
  return formatTextTable(['DIR', 'KIND', 'SLACK', 'CHAIRS', 'FIRST MEETING'], rows);
}

function parse(args: string[], io: CliIo): { from: string; json: boolean } | null {
  try {
    const { values } = parseArgs({
      args,
      options: { from: { type: 'string' }, json: { type: 'boolean', default: false } },
      strict: true,
    });
    if (!values.from) throw new Error('--from is required');
    return { from: values.from, json: values.json };
  } catch (error) {
    io.stderr(`drumbeat sigs: ${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return null;
  }
}

async function run(args: string[], io: CliIo): Promise<number> {
  const options = parse(args, io);
  if (!options) return 2;
  const path = resolve(io.cwd, options.from);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr(
      `drumbeat sigs: cannot read ${options.from} (${reason}); pass kubernetes/community's sigs.yaml\n`,
    );
    return 1;
  }
  let result: ReturnType<typeof parseSigsYaml>;
  try {
    result = parseSigsYaml(text, options.from);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    io.stderr(`drumbeat sigs: ${error.message}\n`);
    return 1;
  }
  for (const warning of result.warnings) io.stderr(`${warning.source}: ${warning.message}\n`);
  if (options.json) {
    io.stdout(result.sigs.map((sig) => `${sigJsonLine(sig)}\n`).join(''));
    return 0;
  }
  io.stdout(`${sigTable(result.sigs)}\n${result.sigs.length} groups, ${result.warnings.length} warnings\n`);
  return 0;
}

export const sigsCommand: CliCommand = {
  name: 'sigs',
  summary: "list the groups in kubernetes/community's sigs.yaml (--json for JSON lines)",
  usage,
  run,
};
