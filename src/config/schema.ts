/**
 * The shape of `drumbeat.yaml`, as zod schemas. Every object is strict (unknown keys are errors) and every
 * leaf checks its own format, so one parse reports every problem at once. Cross-field rules (people named
 * by facilitators, SIGs named by overrides, ladder order…) live in resolve-config.ts.
 * drumbeat.example.yaml documents each key for admins; keep the two in step.
 */
import { z } from 'zod';
import { type BoardFieldRole, boardFieldRoles } from '../domain/board.ts';
import { namedLadderTargets, parseLadderTarget } from '../domain/escalation-ladder.ts';
import { milestoneKinds, sigKinds } from '../domain/types.ts';
import { writeBackVias } from '../domain/write-back-plan.ts';
import { deliverySchema } from './delivery-config.ts';
import { feedbackSchema } from './feedback-config.ts';
import { planningSchema } from './planning-config.ts';
import { siteSchema } from './site-config.ts';
import {
  checkChannel,
  checkClockTime,
  checkCron,
  checkDate,
  checkDuration,
  checkGithubLogin,
  checkInstant,
  checkSlackUser,
  checkTimeZone,
  expected,
  parsePercent,
} from './value-formats.ts';

/** A string that must pass `check` (null = fine, else what would be valid). */
function formatted(expectation: string, check: (value: string) => string | null) {
  return z.string({ error: expectation }).superRefine((value, ctx) => {
    const message = check(value);
    if (message !== null) ctx.addIssue({ code: 'custom', message });
  });
}

const text = z.string({ error: 'expected text' }).min(1, { error: 'expected non-empty text' });
const bool = z.boolean({ error: 'expected true or false' });
const positiveInt = z
  .number({ error: 'expected a whole number' })
  .int({ error: 'expected a whole number' })
  .min(1, { error: 'expected a whole number of at least 1' });

const channel = formatted(expected.channel, checkChannel);
const slackUser = formatted(expected.slackUser, checkSlackUser);
const githubLogin = formatted(expected.githubLogin, checkGithubLogin);
const duration = formatted(expected.duration, checkDuration);
const cron = formatted(expected.cron, checkCron);
const timeZone = formatted(expected.timeZone, checkTimeZone);
const clockTime = formatted(expected.clockTime, checkClockTime);
const isoDate = formatted(expected.date, checkDate);
const instant = formatted(expected.instant, checkInstant);
const filePath = z.string({ error: expected.path }).min(1, { error: expected.path });
const repo = formatted(expected.repo, (v) => (/^[\w.-]+\/[\w.-]+$/.test(v) ? null : expected.repo));
const releaseName = formatted(expected.releaseName, (v) =>
  /^v\d+\.\d+$/.test(v) ? null : expected.releaseName,
);
const label = text;
const logins = z.array(githubLogin, { error: 'expected a list of GitHub logins' });

const milestoneKind = z.enum(milestoneKinds);
const sigKind = z.enum(sigKinds);

// ── workspace ────────────────────────────────────────────────────────────────────────────────────

const workspaceSchema = z.strictObject({
  timezone: timeZone.default('UTC'),
  channels: z.strictObject({ pm: channel, release: channel }),
});

// ── github ───────────────────────────────────────────────────────────────────────────────────────

const boardFieldNamesSchema = z.strictObject(
  Object.fromEntries(boardFieldRoles.map((role) => [role, text.optional()])) as Record<
    BoardFieldRole,
    z.ZodOptional<typeof text>
  >,
);

/** `writeBack: true` is short for `writeBack: { enabled: true }` (via Prow). */
const writeBackSchema = z.preprocess(
  (value) => (typeof value === 'boolean' ? { enabled: value } : value),
  z.strictObject(
    {
      enabled: bool.default(false),
      via: z.enum(writeBackVias).default('prow'),
    },
    { error: 'expected true or false, or { enabled: true|false, via: prow|api }' },
  ),
);

const githubSchema = z.strictObject({
  repo: repo.default('kubernetes/enhancements'),
  /** The repository whose pull requests implement KEPs (the chain of custody). */
  codeRepo: repo.default('kubernetes/kubernetes'),
  /** Read the chain of custody after each scheduled sync (Code/Test Freeze from the pull requests). */
  custody: bool.default(true),
  board: z
    .strictObject({
      org: githubLogin,
      number: positiveInt,
      fields: boardFieldNamesSchema.prefault({}),
    })
    .optional(),
  localCheckout: filePath.optional(),
  labels: z
    .strictObject({
      optedIn: label.default('lead-opted-in'),
      approved: label.default('milestone-approved'),
      trackedYes: label.default('tracked/yes'),
      trackedNo: label.default('tracked/no'),
      outOfTree: label.default('tracked/out-of-tree'),
    })
    .prefault({}),
  writeBack: writeBackSchema.default({ enabled: false, via: 'prow' }),
});

// ── release ──────────────────────────────────────────────────────────────────────────────────────

const milestoneSchema = z
  .strictObject({
    name: text,
    kind: milestoneKind.optional(),
    at: instant.optional(),
    date: isoDate.optional(),
    endDate: isoDate.optional(),
    aoe: bool.default(false),
    who: text.optional(),
    week: positiveInt.optional(),
  })
  .superRefine((m, ctx) => {
    if ((m.at === undefined) === (m.date === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected exactly one of `at` (an instant) or `date` (a day)',
      });
    }
    if (m.aoe && m.date === undefined) {
      ctx.addIssue({ code: 'custom', path: ['aoe'], message: 'expected `aoe: true` only with `date`' });
    }
    if (m.endDate !== undefined && (m.date === undefined || m.endDate < m.date)) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'expected `endDate` on or after `date`' });
    }
  });

const calendarSchema = z
  .strictObject({
    import: filePath.optional(),
    milestones: z.array(milestoneSchema, { error: 'expected a list of milestones' }).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.import === undefined && c.milestones === undefined) {
      const message = 'expected `import:` (a sig-release README) or `milestones:` (a list), or both';
      ctx.addIssue({ code: 'custom', message });
    }
  });

const confidenceCap = z
  .number({ error: 'expected a percentage as a number 0–100' })
  .int({ error: 'expected a whole number 0–100' })
  .min(0, { error: 'expected a number 0–100' })
  .max(100, { error: 'expected a number 0–100' });

const codingPeriodSchema = z.strictObject({
  start: isoDate,
  increments: positiveInt,
  weeksPerIncrement: positiveInt.default(2),
  confidenceCaps: z
    .array(confidenceCap, { error: 'expected a list of caps, e.g. [100, 80, 60, 40]' })
    .min(1, { error: 'expected at least one cap' })
    .default([100, 80, 60, 40]),
});

const leadTimes = z.array(duration, { error: 'expected a list of durations, e.g. [14d, 7d, 2d, 1d, 2h]' });

const leadTimesByKindSchema = z.strictObject(
  Object.fromEntries(milestoneKinds.map((kind) => [kind, leadTimes.optional()])) as Record<
    (typeof milestoneKinds)[number],
    z.ZodOptional<typeof leadTimes>
  >,
);

/** Milestone kinds that get deadline alerts unless `release.alerts.kinds` says otherwise. */
export const defaultAlertKinds = [
  'prr-freeze',
  'enhancements-freeze',
  'feature-blog-freeze',
  'code-freeze',
  'docs-freeze',
  'release',
] as const;

const alertsSchema = z.strictObject({
  leadTimes: leadTimes.default(['14d', '7d', '2d', '1d', '2h']),
  leadTimesByKind: leadTimesByKindSchema.optional(),
  kinds: z
    .array(milestoneKind, { error: 'expected a list of milestone kinds' })
    .default([...defaultAlertKinds]),
});

const releaseSchema = z.strictObject({
  name: releaseName,
  calendar: calendarSchema,
  codingPeriod: codingPeriodSchema.optional(),
  alerts: alertsSchema.prefault({}),
  lead: githubLogin.optional(),
  team: logins.default([]),
});

// ── people ───────────────────────────────────────────────────────────────────────────────────────

const personSchema = z.strictObject({
  github: githubLogin,
  slack: slackUser.optional(),
  timezone: timeZone.optional(),
  quietHours: z
    .strictObject({ from: clockTime, to: clockTime, weekends: bool.default(false) })
    .refine((q) => q.from !== q.to, { error: 'expected `from` and `to` to differ', path: ['to'] })
    .optional(),
});

/**
 * `people:` is a list of people, or `{ import: users.yaml, list: [...] }`. A plain list is read as
 * `{ list }`; its problems are still located at `people[i]` (see `writtenPeoplePath`).
 */
const peopleSchema = z.preprocess(
  (value) => (Array.isArray(value) ? { list: value } : value),
  z.strictObject(
    {
      import: filePath.optional(),
      list: z.array(personSchema, { error: 'expected a list of people' }).default([]),
    },
    { error: 'expected a list of people, or { import: users.yaml, list: [...] }' },
  ),
);

/** Where a `people.list` path is in the file: `people[i]` when `people:` is written as a plain list. */
export function writtenPeoplePath<T extends ReadonlyArray<string | number>>(data: unknown, path: T): T {
  const people = (data as { people?: unknown } | null)?.people;
  if (!Array.isArray(people) || path[0] !== 'people' || path[1] !== 'list') return path;
  return [path[0], ...path.slice(2)] as unknown as T;
}

// ── sigs ─────────────────────────────────────────────────────────────────────────────────────────

const digestExpectation = 'expected "chairs" or a channel ("#name" or a channel ID C…/G…)';
const digestTarget = formatted(digestExpectation, (v) =>
  v === 'chairs' || checkChannel(v) === null ? null : digestExpectation,
);

export const statusUpdaterRoles = ['facilitators', 'chairs', 'techLeads'] as const;
const statusUpdaters = z.array(z.enum(statusUpdaterRoles), { error: 'expected a list of roles' });

const drumbeatFields = { cron, timezone: timeZone, nudgeAfter: duration, closeAfter: duration };
const digestFields = { cron, timezone: timeZone, to: digestTarget };

const sigDefaultsSchema = z.strictObject({
  drumbeat: z
    .strictObject({
      cron: cron.default('0 16 * * 2'),
      timezone: timeZone.optional(),
      nudgeAfter: duration.default('24h'),
      closeAfter: duration.default('48h'),
    })
    .prefault({}),
  digest: z
    .strictObject({
      cron: cron.default('0 9 * * 1'),
      timezone: timeZone.optional(),
      to: digestTarget.default('chairs'),
    })
    .prefault({}),
  statusUpdaters: statusUpdaters.default(['facilitators', 'chairs']),
});

const sigOverrideSchema = z.strictObject({
  enabled: bool.optional(),
  channel: channel.optional(),
  facilitators: logins.optional(),
  chairs: logins.optional(),
  drumbeat: z.strictObject(drumbeatFields).partial().optional(),
  digest: z.strictObject(digestFields).partial().optional(),
  statusUpdaters: statusUpdaters.optional(),
});

const sigGroupSchema = z.strictObject({
  dir: formatted('expected a SIG directory name such as "sig-node"', (v) =>
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v) ? null : 'expected a SIG directory name such as "sig-node"',
  ),
  name: text,
  kind: sigKind.default('sig'),
  channel: channel.optional(),
  chairs: logins.default([]),
  techLeads: logins.default([]),
});

const sigsSchema = z.strictObject({
  import: filePath.optional(),
  groups: z.array(sigGroupSchema, { error: 'expected a list of groups' }).optional(),
  kinds: z
    .array(sigKind, { error: 'expected a list of group kinds' })
    .min(1, { error: 'expected at least one kind' })
    .default(['sig']),
  defaults: sigDefaultsSchema.prefault({}),
  overrides: z
    .record(z.string(), sigOverrideSchema, { error: 'expected a mapping of SIG dir → settings' })
    .default({}),
});

// ── escalation and votes ─────────────────────────────────────────────────────────────────────────

const targetExpectation = `expected one of ${namedLadderTargets.map((t) => `"${t}"`).join(', ')} or "channel:#name"`;
const escalationTarget = formatted(targetExpectation, (v) => {
  const parsed = parseLadderTarget(v);
  if (parsed?.kind !== 'channel') return parsed === null ? targetExpectation : null;
  return checkChannel(parsed.channel) === null ? null : targetExpectation;
});

const ladderStepSchema = z.strictObject({
  after: duration,
  notify: z.preprocess(
    (v) => (typeof v === 'string' ? [v] : v),
    z
      .array(escalationTarget, { error: `${targetExpectation}, or a list of them` })
      .min(1, { error: 'expected at least one target' }),
  ),
});

const escalationSchema = z.strictObject({
  businessDays: bool.default(true),
  ladder: z
    .array(ladderStepSchema, {
      error: 'expected a list of steps, e.g. [{ after: 0h, notify: blocking-sig }]',
    })
    .min(1, { error: 'expected at least one step' })
    .default([
      { after: '0h', notify: ['blocking-sig'] },
      { after: '2d', notify: ['pm-channel'] },
      { after: '4d', notify: ['release-lead'] },
    ]),
});

const quorum = formatted('expected "all" or a share of the electorate such as "60%"', (v) =>
  v === 'all' || (parsePercent(v) ?? 0) > 0
    ? null
    : 'expected "all" or a share of the electorate such as "60%"',
);

const remindPoint = formatted(
  'expected a share of the voting time such as "50%", or a time before the close such as "2h"',
  (v) =>
    parsePercent(v) !== null || checkDuration(v) === null
      ? null
      : 'expected a share of the voting time such as "50%", or a time before the close such as "2h"',
);

const votesSchema = z.strictObject({
  duration: duration.default('72h'),
  quorum: quorum.default('all'),
  hideValuesUntilClose: bool.default(true),
  remindAt: z.array(remindPoint, { error: 'expected a list, e.g. ["50%", 2h]' }).default(['50%', '2h']),
});

// ── the file ─────────────────────────────────────────────────────────────────────────────────────

/** The whole `drumbeat.yaml`. */
export const configSchema = z.strictObject({
  workspace: workspaceSchema,
  github: githubSchema.prefault({}),
  release: releaseSchema,
  people: peopleSchema.default({ list: [] }),
  sigs: sigsSchema,
  escalation: escalationSchema.prefault({}),
  votes: votesSchema.prefault({}),
  planning: planningSchema.prefault({}),
  feedback: feedbackSchema.prefault({}),
  site: siteSchema.prefault({}),
  delivery: deliverySchema.prefault({}),
});

/** The config as written, after defaults: strings still as the admin wrote them. */
export type ConfigInput = z.output<typeof configSchema>;
export type SigOverrideInput = z.output<typeof sigOverrideSchema>;
export type SigGroupInput = z.output<typeof sigGroupSchema>;
export type MilestoneInput = z.output<typeof milestoneSchema>;
