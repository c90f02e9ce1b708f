import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type TrackSources, trackKeps, trackSourcesFrom } from '../../app/track-release.ts';
import { chooseConfigPath, loadConfig } from '../../config/load-config.ts';
import { formatProblem } from '../../config/problems.ts';
import type { ResolvedConfig } from '../../config/resolved-config.ts';
import { createStore } from '../../db/create-store.ts';
import { migrate } from '../../db/migrate.ts';
import { openDatabase } from '../../db/open.ts';
import { trackedFreeze } from '../../domain/current-freeze.ts';
import { membershipDrift } from '../../domain/release-membership.ts';
import type { Kep, Warning } from '../../domain/types.ts';
import { readKepReadmes } from '../../github/kep-readmes.ts';
import { readKepsFromCheckout } from '../../github/local-checkout.ts';
import { systemClock } from '../../system/system-clock.ts';
import type { CliCommand, CliIo } from '../io.ts';
import { parseTrackArgs, type TrackArgs, trackUsage } from './track-args.ts';
import { trackJson, trackSources, trackSummary, trackText } from './track-output.ts';
import { withLinkedPulls } from './track-pulls.ts';

interface Files {
  keps: Kep[];
  warnings: Warning[];
  readmes: TrackSources['readmes'];
}

async function readFiles(config: ResolvedConfig): Promise<Files | null> {
  const root = config.github.localCheckout;
  if (!root) return null;
  const read = await readKepsFromCheckout(root, { knownSigs: config.sigs.map((s) => s.dir) });
  const inRelease = read.keps.filter((k) => k.latestMilestone === config.release.name);
  return {
    keps: read.keps,
    warnings: read.warnings,
    readmes: await readKepReadmes(
      root,
      inRelease.map((k) => k.path),
    ),
  };
}

/** The bot's database file `--db` / `DRUMBEAT_DB` names (default `./drumbeat.db`). */
function dbFileOf(args: TrackArgs, io: CliIo): string {
  return resolve(io.cwd, args.db ?? io.env.DRUMBEAT_DB ?? './drumbeat.db');
}

/** Sources from the bot's database when there is one, else from the files alone. */
function gatherSources(
  args: TrackArgs,
  config: ResolvedConfig,
  files: Files | null,
  io: CliIo,
): TrackSources | string {
  const named = args.db ?? io.env.DRUMBEAT_DB;
  const file = dbFileOf(args, io);
  if (!existsSync(file)) {
    if (named !== undefined) return `no database at ${file}; leave out --db to work from the files alone`;
    if (!files) return `no KEPs to read: set github.localCheckout in the config, or pass the bot's --db`;
    io.stderr(
      `drumbeat track: no database at ${file}: from the files alone, without self-reports or exception requests\n`,
    );
    return {
      keps: files.keps,
      selfReports: new Map(),
      exceptions: [],
      issues: null,
      readmes: files.readmes,
      removed: new Set(),
    };
  }
  const db = openDatabase(file);
  try {
    migrate(db, undefined, systemClock.now);
    const store = createStore(db);
    const options = {
      repo: config.github.repo,
      readmes: files?.readmes ?? new Map(),
      now: args.at ?? systemClock.now(),
    };
    return trackSourcesFrom(store, config.release.name, files ? { ...options, keps: files.keps } : options);
  } catch (error) {
    return `cannot read the database ${file} (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    db.close();
  }
}

async function loadTrackConfig(args: TrackArgs, io: CliIo): Promise<ResolvedConfig | null> {
  const file = resolve(io.cwd, chooseConfigPath(args.config, io.env));
  const loaded = await loadConfig(file, { cwd: io.cwd });
  if (loaded.ok) return loaded.config;
  const problems = loaded.problems.map((p, i) => `  ${i + 1}. ${formatProblem(p)}`).join('\n');
  io.stderr(`drumbeat track: ${file} has ${loaded.problems.length} problem(s):\n${problems}\n`);
  return null;
}

function print(args: TrackArgs, config: ResolvedConfig, sources: TrackSources, io: CliIo): number {
  const at = args.at ?? systemClock.now();
  const release = config.release.name;
  const freeze = trackedFreeze(config.release.milestones, at, args.milestone);
  if (!freeze) {
    io.stderr(
      `drumbeat track: the ${release} calendar has no ${args.milestone ?? 'freeze'} milestone; check release.calendar\n`,
    );
    return 1;
  }
  const rows = trackKeps(sources, {
    release,
    freeze: freeze.kind,
    optedInLabel: config.github.labels.optedIn,
    ...(args.sig ? { sig: args.sig } : {}),
  });
  if (sources.issues) {
    const drift = membershipDrift(
      sources.keps,
      release,
      new Map([...sources.issues].map(([n, i]) => [n, i.milestone])),
    );
    for (const d of drift) io.stderr(`drift: KEP-${d.kep.number} (${d.kep.path}): ${d.message}\n`);
  }
  if (args.json) {
    for (const row of rows) io.stdout(`${trackJson(row, freeze)}\n`);
    return 0;
  }
  io.stdout(
    `${trackSummary(rows, release, freeze, at)}\n\n${rows.map(trackText).join('\n\n')}\n\n${trackSources(rows)}\n`,
  );
  return 0;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseTrackArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`drumbeat track: ${args}\n\n${trackUsage}\n`);
    return 2;
  }
  const config = await loadTrackConfig(args, io);
  if (!config) return 1;
  if (args.sig && !config.sigs.some((s) => s.dir === args.sig)) {
    io.stderr(
      `drumbeat track: ${args.sig} is not a SIG the config runs (known: ${config.sigs.map((s) => s.dir).join(', ')})\n`,
    );
    return 2;
  }
  const files = await readFiles(config);
  for (const w of files?.warnings ?? []) io.stderr(`${w.source}: ${w.message}\n`);
  const gathered = gatherSources(args, config, files, io);
  const sources =
    args.prs && typeof gathered !== 'string'
      ? await withLinkedPulls(
          gathered,
          config,
          args.sig,
          io,
          existsSync(dbFileOf(args, io)) ? dbFileOf(args, io) : null,
        )
      : gathered;
  if (typeof sources === 'string') {
    io.stderr(`drumbeat track: ${sources}\n`);
    return 1;
  }
  return print(args, config, sources, io);
}

export const trackCommand: CliCommand = {
  name: 'track',
  summary:
    'the Enhancements sweep: each KEP of the release, its tracking Status and every freeze requirement',
  usage: trackUsage,
  run,
};
