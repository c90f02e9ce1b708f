import { formatDuration, parseDuration } from '../domain/duration.ts';
import type { Sig } from '../domain/types.ts';
import { parseSigsYaml } from './import-sigs.ts';
import { closestMatch, type KeyPath } from './problems.ts';
import { type Reporter, type ResolveContext, readImport, runImporter } from './resolve-context.ts';
import { type PeopleIndex, requirePeople } from './resolve-people.ts';
import type { ResolvedSig, StatusUpdaterRole } from './resolved-config.ts';
import type { ConfigInput, SigGroupInput, SigOverrideInput } from './schema.ts';

type SigsInput = ConfigInput['sigs'];

/** A known group and the channel its source gives it (`#name`, an ID, or null). */
interface KnownSig {
  sig: Sig;
  channel: string | null;
}

interface Known {
  byDir: Map<string, KnownSig>;
  /** False when the import failed: then overrides cannot be checked against it. */
  complete: boolean;
}

function fromGroup(group: SigGroupInput): KnownSig {
  const { channel, ...fields } = group;
  const slackChannel = channel?.startsWith('#') ? channel.slice(1) : null;
  return { sig: { ...fields, label: null, slackChannel, meetings: [] }, channel: channel ?? null };
}

function importSigs(sigs: SigsInput, ctx: ResolveContext, reporter: Reporter): KnownSig[] | null {
  if (sigs.import === undefined) return [];
  const keyPath = ['sigs', 'import'];
  const file = readImport(ctx, reporter, keyPath, sigs.import);
  if (!file) return null;
  const imported = runImporter(reporter, keyPath, file.display, () => parseSigsYaml(file.text, file.display));
  if (!imported) return null;
  for (const warning of imported.warnings) reporter.importWarning(keyPath, warning);
  return imported.sigs.map((sig) => ({
    sig,
    channel: sig.slackChannel ? `#${sig.slackChannel.replace(/^#/, '')}` : null,
  }));
}

function collectSigs(sigs: SigsInput, ctx: ResolveContext, reporter: Reporter): Known {
  const imported = importSigs(sigs, ctx, reporter);
  const byDir = new Map((imported ?? []).map((k) => [k.sig.dir, k]));
  (sigs.groups ?? []).forEach((group, i) => {
    if (byDir.has(group.dir)) {
      const where = sigs.import !== undefined ? 'imported or listed earlier' : 'listed earlier';
      reporter.error(
        ['sigs', 'groups', i, 'dir'],
        `"${group.dir}" is ${where}; change it in sigs.overrides instead`,
      );
    } else byDir.set(group.dir, fromGroup(group));
  });
  if (sigs.import === undefined && sigs.groups === undefined) {
    reporter.error(
      ['sigs'],
      'expected `import:` (a kubernetes/community sigs.yaml) or `groups:` (a list), or both',
    );
  }
  return { byDir, complete: imported !== null };
}

function isIncluded(sigs: SigsInput, sig: Sig): boolean {
  const enabled = sigs.overrides[sig.dir]?.enabled;
  return enabled ?? (sigs.kinds as string[]).includes(sig.kind);
}

function checkOverrideKeys(sigs: SigsInput, known: Known, reporter: Reporter): void {
  if (!known.complete) return;
  for (const [dir, override] of Object.entries(sigs.overrides)) {
    const entry = known.byDir.get(dir);
    if (!entry) {
      const near = closestMatch(dir, known.byDir.keys());
      const hint = near ? `did you mean "${near}"? ` : '';
      reporter.error(
        ['sigs', 'overrides', dir],
        `unknown SIG "${dir}"; ${hint}the ${known.byDir.size} known groups come from sigs.import and sigs.groups`,
      );
    } else if (override.enabled === undefined && !(sigs.kinds as string[]).includes(entry.sig.kind)) {
      const message = `"${dir}" is a ${entry.sig.kind} and sigs.kinds is [${sigs.kinds.join(', ')}]; set \`enabled: true\` here or add ${entry.sig.kind} to sigs.kinds`;
      reporter.error(['sigs', 'overrides', dir], message);
    }
  }
}

function durationMs(text: string): number {
  return parseDuration(text) ?? 0;
}

function checkNudgeBeforeClose(reporter: Reporter, keyPath: KeyPath, nudge: number, close: number): void {
  if (nudge >= close) {
    reporter.error(
      [...keyPath, 'nudgeAfter'],
      `expected nudgeAfter (${formatDuration(nudge)}) to be shorter than closeAfter (${formatDuration(close)})`,
    );
  }
}

function cadences(input: ConfigInput, override: SigOverrideInput) {
  const defaults = input.sigs.defaults;
  const zone = input.workspace.timezone;
  const d = { ...defaults.drumbeat, ...override.drumbeat };
  const g = { ...defaults.digest, ...override.digest };
  return {
    drumbeat: {
      cron: d.cron,
      timezone: d.timezone ?? zone,
      nudgeAfterMs: durationMs(d.nudgeAfter),
      closeAfterMs: durationMs(d.closeAfter),
    },
    digest: { cron: g.cron, timezone: g.timezone ?? zone, to: g.to },
  };
}

function updaters(roles: StatusUpdaterRole[], facilitators: string[], chairs: string[], sig: Sig): string[] {
  const byRole = { facilitators, chairs, techLeads: sig.techLeads };
  return [...new Set(roles.flatMap((role) => byRole[role]))];
}

function warnChairsWithoutSlack(
  dir: string,
  chairs: string[],
  people: PeopleIndex,
  reporter: Reporter,
  keyPath: KeyPath,
) {
  const unreachable = chairs.filter((login) => !people.byGithub.get(login.toLowerCase())?.slack);
  if (unreachable.length === 0) return;
  const message = `chairs of ${dir} with no Slack user in people: ${unreachable.join(', ')} (no digest DM, no KEP updates from Slack until they are added)`;
  reporter.warn(keyPath, message);
}

function resolveSig(
  known: KnownSig,
  input: ConfigInput,
  people: PeopleIndex,
  reporter: Reporter,
): ResolvedSig {
  const { sig } = known;
  const override = input.sigs.overrides[sig.dir] ?? {};
  const overridePath = ['sigs', 'overrides', sig.dir];
  const hasOverride = input.sigs.overrides[sig.dir] !== undefined;
  const facilitators = override.facilitators ?? [];
  requirePeople(people, reporter, [...overridePath, 'facilitators'], facilitators, 'facilitator');
  const chairs = override.chairs ?? sig.chairs;
  const chairsPath = override.chairs
    ? [...overridePath, 'chairs']
    : hasOverride
      ? overridePath
      : ['sigs', 'import'];
  const { drumbeat, digest } = cadences(input, override);
  if (override.drumbeat?.nudgeAfter !== undefined || override.drumbeat?.closeAfter !== undefined) {
    checkNudgeBeforeClose(
      reporter,
      [...overridePath, 'drumbeat'],
      drumbeat.nudgeAfterMs,
      drumbeat.closeAfterMs,
    );
  }
  const roles = override.statusUpdaters ?? input.sigs.defaults.statusUpdaters;
  if (digest.to === 'chairs' || roles.includes('chairs'))
    warnChairsWithoutSlack(sig.dir, chairs, people, reporter, chairsPath);
  const channel = override.channel ?? known.channel;
  if (channel === null) {
    reporter.warn(
      hasOverride ? overridePath : ['sigs'],
      `${sig.dir} has no Slack channel; set sigs.overrides.${sig.dir}.channel`,
    );
  }
  const statusUpdaters = updaters(roles, facilitators, chairs, sig);
  return {
    ...sig,
    chairs,
    channel,
    facilitators,
    drumbeat,
    digest,
    statusUpdaterRoles: roles,
    statusUpdaters,
  };
}

/** The SIGs the bot runs for: imported and inline groups, filtered by kind, with overrides applied. */
export function resolveSigs(
  input: ConfigInput,
  ctx: ResolveContext,
  reporter: Reporter,
  people: PeopleIndex,
): ResolvedSig[] {
  const known = collectSigs(input.sigs, ctx, reporter);
  checkOverrideKeys(input.sigs, known, reporter);
  const defaults = input.sigs.defaults.drumbeat;
  checkNudgeBeforeClose(
    reporter,
    ['sigs', 'defaults', 'drumbeat'],
    durationMs(defaults.nudgeAfter),
    durationMs(defaults.closeAfter),
  );
  return [...known.byDir.values()]
    .filter((k) => isIncluded(input.sigs, k.sig))
    .sort((a, b) => a.sig.dir.localeCompare(b.sig.dir))
    .map((k) => resolveSig(k, input, people, reporter));
}
