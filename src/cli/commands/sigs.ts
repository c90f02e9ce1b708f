import { parseSigsYaml, type SigsImport } from '../../config/import-sigs.ts';
import { formatTextTable, truncateText } from '../../domain/text-table.ts';
import type { Sig } from '../../domain/types.ts';
import { fileImportCommand } from '../file-import-command.ts';

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

export const sigsCommand = fileImportCommand<SigsImport>({
  name: 'sigs',
  summary: "list the groups in kubernetes/community's sigs.yaml (--json for JSON lines)",
  usage,
  expected: "kubernetes/community's sigs.yaml",
  read: parseSigsYaml,
  jsonLines: (result) => result.sigs.map(sigJsonLine),
  table: (result) =>
    `${sigTable(result.sigs)}\n${result.sigs.length} groups, ${result.warnings.length} warnings\n`,
});
