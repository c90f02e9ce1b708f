/**
 * From the validated config as written to the config the app uses: imports read, references between
 * sections checked (every problem located), durations in ms, zones filled in.
 */
import { type BoardFieldNames, defaultBoardFieldNames } from '../domain/board.ts';
import { parseDuration } from '../domain/duration.ts';
import { type LadderStep, type LadderTarget, parseLadderTarget } from '../domain/escalation-ladder.ts';
import type { MilestoneKind } from '../domain/types.ts';
import { checkAgainstCycle } from './check-cycle.ts';
import { deliveryFrom } from './delivery-config.ts';
import { resolveFeedback } from './feedback-config.ts';
import type { ConfigProblem } from './problems.ts';
import { closestMatch } from './problems.ts';
import { resolveCalendar } from './resolve-calendar.ts';
import { absolutePath, Reporter, type ResolveContext } from './resolve-context.ts';
import { type PeopleIndex, requirePeople, resolvePeople } from './resolve-people.ts';
import { resolvePlanning } from './resolve-planning.ts';
import { resolveSigs } from './resolve-sigs.ts';
import type {
  AlertSettings,
  CodingPeriod,
  GithubSettings,
  ResolvedConfig,
  ResolvedRelease,
  VoteDefaults,
  VoteReminder,
} from './resolved-config.ts';
import type { ConfigInput } from './schema.ts';
import { siteFrom } from './site-config.ts';
import { parsePercent } from './value-formats.ts';
import { sortProblems } from './zod-problems.ts';

export type ResolveResult =
  | { ok: true; config: ResolvedConfig; warnings: ConfigProblem[] }
  | { ok: false; problems: ConfigProblem[]; warnings: ConfigProblem[] };

const ms = (text: string): number => parseDuration(text) ?? 0;
const dayMs = 86_400_000;

function resolveCodingPeriod(input: ConfigInput['release'], reporter: Reporter): CodingPeriod | null {
  const period = input.codingPeriod;
  if (!period) return null;
  period.confidenceCaps.forEach((cap, i) => {
    const previous = period.confidenceCaps[i - 1];
    if (previous !== undefined && cap > previous) {
      reporter.error(
        ['release', 'codingPeriod', 'confidenceCaps', i],
        `expected caps that never increase (${cap} follows ${previous})`,
      );
    }
  });
  const days = period.increments * period.weeksPerIncrement * 7;
  const end = new Date(Date.parse(`${period.start}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
  return { ...period, end };
}

function resolveAlerts(alerts: ConfigInput['release']['alerts']): AlertSettings {
  const longestFirst = (list: string[]) => list.map(ms).sort((a, b) => b - a);
  const byKind: Partial<Record<MilestoneKind, number[]>> = {};
  for (const [kind, list] of Object.entries(alerts.leadTimesByKind ?? {})) {
    if (list) byKind[kind as MilestoneKind] = longestFirst(list);
  }
  return { kinds: alerts.kinds, leadTimesMs: longestFirst(alerts.leadTimes), leadTimesByKindMs: byKind };
}

function resolveRelease(
  input: ConfigInput,
  ctx: ResolveContext,
  reporter: Reporter,
  people: PeopleIndex,
): ResolvedRelease {
  const calendar = resolveCalendar(input.release, ctx, reporter);
  const codingPeriod = resolveCodingPeriod(input.release, reporter);
  checkAgainstCycle(input, codingPeriod, calendar.cycle, reporter);
  const release = input.release;
  if (release.lead !== undefined)
    requirePeople(people, reporter, ['release', 'lead'], [release.lead], 'release lead', false);
  requirePeople(people, reporter, ['release', 'team'], release.team, 'release team member');
  const lead = release.lead !== undefined ? (people.byGithub.get(release.lead.toLowerCase()) ?? null) : null;
  const team = [...new Set([...(release.lead !== undefined ? [release.lead] : []), ...release.team])];
  return {
    name: release.name,
    milestones: calendar.milestones,
    codingPeriod,
    alerts: resolveAlerts(release.alerts),
    lead,
    team,
  };
}

/** The field names a config sets (unset ones keep the handbook's). */
function definedNames(names: Partial<BoardFieldNames>): Partial<BoardFieldNames> {
  return Object.fromEntries(Object.entries(names).filter(([, v]) => v !== undefined));
}

function resolveGithub(input: ConfigInput, ctx: ResolveContext, reporter: Reporter): GithubSettings {
  const github = input.github;
  const [owner = '', name = ''] = github.repo.split('/');
  let localCheckout: string | null = null;
  if (github.localCheckout !== undefined) {
    localCheckout = absolutePath(ctx, github.localCheckout);
    if (!ctx.files.isDirectory(localCheckout)) {
      reporter.error(
        ['github', 'localCheckout'],
        `no directory at ${localCheckout}; the path is relative to the config file (or remove the key to read KEPs from GitHub)`,
      );
    }
  }
  return {
    repo: github.repo,
    owner,
    name,
    codeRepo: github.codeRepo,
    custody: github.custody,
    board: github.board
      ? {
          org: github.board.org,
          number: github.board.number,
          fields: { ...defaultBoardFieldNames, ...definedNames(github.board.fields) },
        }
      : null,
    localCheckout,
    labels: github.labels,
    writeBack: github.writeBack.enabled,
    writeBackVia: github.writeBack.via,
  };
}

/** A target the schema has already checked, so it always parses. */
function target(text: string): LadderTarget {
  const parsed = parseLadderTarget(text);
  if (parsed === null) throw new Error(`escalation target "${text}" passed the schema but does not parse`);
  return parsed;
}

/** Was `escalation.ladder` written in the file (rather than the default)? */
function ladderWritten(data: unknown): boolean {
  const escalation = (data as { escalation?: unknown }).escalation;
  return typeof escalation === 'object' && escalation !== null && 'ladder' in escalation;
}

/**
 * A `channel:#name` target must be one of the channels the bot resolves at start (the PM and
 * release channels, the SIG channels); a `channel:C…` ID is taken as written.
 */
function checkChannelTargets(input: ConfigInput, channels: string[], reporter: Reporter): void {
  const key = (name: string) => name.replace(/^#/, '').toLowerCase();
  const known = new Map(channels.map((c) => [key(c), c]));
  input.escalation.ladder.forEach((step, i) => {
    for (const written of step.notify) {
      const target = parseLadderTarget(written);
      if (target?.kind !== 'channel' || !target.channel.startsWith('#') || known.has(key(target.channel)))
        continue;
      const near = closestMatch(target.channel, known.values());
      reporter.error(
        ['escalation', 'ladder', i, 'notify'],
        `"${written}" is not a configured channel: the bot finds only workspace.channels and the SIG channels` +
          `${near ? ` (did you mean "channel:${near}"?)` : ''}; or name a channel by its ID (channel:C…)`,
      );
    }
  });
}

function resolveLadder(input: ConfigInput, ctx: ResolveContext, reporter: Reporter): LadderStep[] {
  const steps = input.escalation.ladder.map((step) => ({
    afterMs: ms(step.after),
    notify: step.notify.map(target),
  }));
  const afters = input.escalation.ladder.map((step) => step.after);
  const written = ladderWritten(ctx.source.data);
  steps.forEach((step, i) => {
    const previous = steps[i - 1];
    if (previous && step.afterMs < previous.afterMs) {
      reporter.error(
        ['escalation', 'ladder', i, 'after'],
        `expected steps in increasing order of \`after\`: ${afters[i]} comes after ${afters[i - 1]}`,
      );
    }
    if (input.release.lead === undefined && step.notify.some((t) => t.kind === 'release-lead')) {
      const message = 'notifies release-lead, but release.lead is not set; set it, or change this step';
      if (written) reporter.error(['escalation', 'ladder', i, 'notify'], message);
      else
        reporter.warn(
          ['release'],
          `the default escalation ladder ends with release-lead, but release.lead is not set: that step will reach nobody`,
        );
    }
  });
  return steps;
}

function resolveVotes(input: ConfigInput, reporter: Reporter): VoteDefaults {
  const votes = input.votes;
  const durationMs = ms(votes.duration);
  const remindAt = votes.remindAt.map((text, i): VoteReminder => {
    const share = parsePercent(text);
    if (share !== null) return { kind: 'elapsed-share', share };
    const before = ms(text);
    if (before >= durationMs) {
      reporter.error(
        ['votes', 'remindAt', i],
        `expected a time before the close shorter than the vote (${votes.duration}), got "${text}"`,
      );
    }
    return { kind: 'before-close', ms: before };
  });
  const quorum =
    votes.quorum === 'all'
      ? { kind: 'all' as const }
      : { kind: 'share' as const, share: parsePercent(votes.quorum) ?? 1 };
  return { durationMs, quorum, hideValuesUntilClose: votes.hideValuesUntilClose, remindAt };
}

/** Reads imports and checks references; returns the config, or every problem found. */
export function resolveConfig(input: ConfigInput, ctx: ResolveContext): ResolveResult {
  const reporter = new Reporter(ctx.source);
  const people = resolvePeople(input, ctx, reporter);
  const release = resolveRelease(input, ctx, reporter, people);
  const github = resolveGithub(input, ctx, reporter);
  const sigs = resolveSigs(input, ctx, reporter, people);
  const ladder = resolveLadder(input, ctx, reporter);
  const { pm, release: releaseChannel } = input.workspace.channels;
  checkChannelTargets(
    input,
    [pm, releaseChannel, ...sigs.flatMap((s) => (s.channel ? [s.channel] : []))],
    reporter,
  );
  const votes = resolveVotes(input, reporter);
  const planning = resolvePlanning(input.planning, release.team, people, reporter);
  const { errors, warnings } = reporter;
  if (errors.length > 0) return { ok: false, problems: sortProblems(errors), warnings };
  const config: ResolvedConfig = {
    file: ctx.configPath,
    workspace: input.workspace,
    github,
    release,
    people: people.people,
    peopleByGithub: people.byGithub,
    peopleBySlack: people.bySlack,
    peopleImportedOnly: people.importedOnly,
    sigs,
    sigsByDir: new Map(sigs.map((s) => [s.dir, s])),
    escalation: { businessDays: input.escalation.businessDays, ladder },
    votes,
    planning,
    feedback: resolveFeedback(input.feedback),
    site: siteFrom(input.site),
    delivery: deliveryFrom(input.delivery),
    warnings,
  };
  return { ok: true, config, warnings };
}
