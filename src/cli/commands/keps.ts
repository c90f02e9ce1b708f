import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ImportError, parseSigsYaml } from '../../config/import-sigs.ts';
import { formatTextTable, truncateText } from '../../domain/text-table.ts';
import type { Kep } from '../../domain/types.ts';
import { CheckoutError, readKepsFromCheckout } from '../../github/local-checkout.ts';
import type { CliCommand, CliIo } from '../io.ts';

const usage = `Usage: drumbeat keps --from DIR [--sigs sigs.yaml] [--json]

Reads every keps/**/kep.yaml of a kubernetes/enhancements checkout and prints the KEPs, normalised.
  --from DIR      the checkout root (the folder that holds keps/)
  --sigs FILE     kubernetes/community sigs.yaml; when given, unknown SIG names are reported
  --json          one JSON object per KEP per line (warnings still go to stderr)`;

/** A KEP's warning as `keps/…/kep.yaml:LINE: message` (the line when the warning knows it). */
export function kepWarningLine(path: string, warning: string): string {
  const located = /^line (\d+): (.*)$/s.exec(warning);
  return located ? `${path}/kep.yaml:${located[1]}: ${located[2]}` : `${path}/kep.yaml: ${warning}`;
}

/** The `--json` line of a KEP: fixed field order, `raw` left out. */
export function kepJsonLine(kep: Kep): string {
  const { path, number, title, owningSig, participatingSigs, status, stage, latestMilestone } = kep;
  const { milestones, prrApprovals, warnings, seeAlso, replaces, supersededBy } = kep;
  return JSON.stringify({
    path,
    number,
    title,
    owningSig,
    participatingSigs,
    status,
    stage,
    latestMilestone,
    milestones,
    prrApprovals,
    warnings,
    seeAlso,
    replaces,
    supersededBy,
  });
}

function kepTable(keps: Kep[]): string {
  const rows = keps.map((k) => [
    String(k.number),
    k.owningSig ?? '-',
    k.status ?? '-',
    k.stage ?? '-',
    k.latestMilestone ?? '-',
    truncateText(k.title, 70),
  ]);
  return formatTextTable(['NUMBER', 'SIG', 'STATUS', 'STAGE', 'LATEST', 'TITLE'], rows);
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

async function readKnownSigs(path: string, io: CliIo): Promise<string[] | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr(
      `drumbeat keps: cannot read --sigs ${path} (${reason}); pass kubernetes/community's sigs.yaml\n`,
    );
    return null;
  }
  try {
    return parseSigsYaml(text, path).sigs.map((sig) => sig.dir);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    io.stderr(`drumbeat keps: ${error.message}\n`);
    return null;
  }
}

function parse(args: string[], io: CliIo): { from: string; sigs?: string; json: boolean } | null {
  try {
    const { values } = parseArgs({
      args,
      options: {
        from: { type: 'string' },
        sigs: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (!values.from) throw new Error('--from is required');
    return { from: values.from, json: values.json, ...(values.sigs ? { sigs: values.sigs } : {}) };
  } catch (error) {
    io.stderr(`drumbeat keps: ${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return null;
  }
}

async function run(args: string[], io: CliIo): Promise<number> {
  const options = parse(args, io);
  if (!options) return 2;
  const knownSigs = options.sigs ? await readKnownSigs(resolve(io.cwd, options.sigs), io) : undefined;
  if (knownSigs === null) return 1;
  let read: Awaited<ReturnType<typeof readKepsFromCheckout>>;
  try {
    read = await readKepsFromCheckout(resolve(io.cwd, options.from), knownSigs ? { knownSigs } : {});
  } catch (error) {
    if (!(error instanceof CheckoutError)) throw error;
    io.stderr(`drumbeat keps: ${error.message}\n`);
    return 1;
  }
  for (const warning of read.warnings) io.stderr(`${warning.source}: ${oneLine(warning.message)}\n`);
  for (const kep of read.keps)
    for (const warning of kep.warnings) io.stderr(`${kepWarningLine(kep.path, oneLine(warning))}\n`);
  if (options.json) {
    io.stdout(read.keps.map((kep) => `${kepJsonLine(kep)}\n`).join(''));
    return 0;
  }
  const warningCount = read.warnings.length + read.keps.reduce((sum, kep) => sum + kep.warnings.length, 0);
  io.stdout(`${kepTable(read.keps)}\n${read.keps.length} KEPs, ${warningCount} warnings\n`);
  return 0;
}

export const kepsCommand: CliCommand = {
  name: 'keps',
  summary: 'list the KEPs of a kubernetes/enhancements checkout, normalised (--json for JSON lines)',
  usage,
  run,
};
