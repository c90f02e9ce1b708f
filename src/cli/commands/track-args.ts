import { parseArgs } from 'node:util';
import { type FreezeKind, freezeKinds, isFreezeKind } from '../../domain/freeze-readiness.ts';

export const trackUsage = `Usage: drumbeat track [--milestone KIND] [--at ISO] [--sig DIR] [--prs] [--json] [--config FILE] [--db FILE]

The Enhancements team's sweep: for every KEP in the release, its owning SIG, stage, tracking Status
(the handbook's values) and each requirement of the freeze as met, unmet or unverified, with why and
where the rule comes from. Read-only.
  --milestone KIND  the freeze: ${freezeKinds.join(', ')} (default: the next one in the calendar)
  --at ISO          evaluate as of this instant (default: now), e.g. 2025-10-16T12:00:00Z
  --sig DIR         only this SIG's KEPs (e.g. sig-node)
  --prs             read each KEP issue's linked kubernetes/kubernetes pull requests from GitHub
                    (GITHUB_TOKEN) and judge Code Freeze and Test Freeze from them
  --json            one JSON object per KEP per line
  --config FILE     the config file (default: $DRUMBEAT_CONFIG, else ./drumbeat.yaml)
  --db FILE         the bot's database (default: $DRUMBEAT_DB, else ./drumbeat.db), for self-reports,
                    exception requests and synced GitHub issues; without one, the files alone
Exit code: 0 when printed, 1 when the config or database cannot be read, 2 for bad arguments.`;

export interface TrackArgs {
  milestone: FreezeKind | undefined;
  at: Date | null;
  sig: string | null;
  json: boolean;
  /** Read the linked pull requests from GitHub (Code Freeze and Test Freeze). */
  prs: boolean;
  config: string | undefined;
  db: string | undefined;
}

function readValues(args: string[]): Record<string, string | boolean | undefined> | string {
  try {
    return parseArgs({
      args,
      options: {
        milestone: { type: 'string' },
        at: { type: 'string' },
        sig: { type: 'string' },
        json: { type: 'boolean', default: false },
        prs: { type: 'boolean', default: false },
        config: { type: 'string' },
        db: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The options, or what is wrong with them. */
export function parseTrackArgs(args: string[]): TrackArgs | string {
  const values = readValues(args);
  if (typeof values === 'string') return values;
  const milestone = values.milestone as string | undefined;
  if (milestone !== undefined && !isFreezeKind(milestone))
    return `--milestone ${milestone} is not a freeze; use one of ${freezeKinds.join(', ')}`;
  const atText = values.at as string | undefined;
  const at = atText === undefined ? null : new Date(atText);
  if (at && Number.isNaN(at.getTime()))
    return `--at ${atText} is not an instant; write it like 2025-10-16T12:00:00Z`;
  if (values.db === '') return '--db needs a file name';
  return {
    milestone: milestone as FreezeKind | undefined,
    at,
    sig: typeof values.sig === 'string' ? values.sig.trim() : null,
    json: values.json === true,
    prs: values.prs === true,
    config: values.config as string | undefined,
    db: values.db as string | undefined,
  };
}
