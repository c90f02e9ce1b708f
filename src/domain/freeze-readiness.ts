/**
 * Readiness per freeze, as sig-release defines it: each freeze is a list of named requirements,
 * each with where the rule comes from (releases/release_phases.md, the enhancements handbook). A
 * requirement is met, unmet, or unverified: unverified when the data at hand cannot show it (the
 * `lead-opted-in` label and the issue milestone without GitHub, README sections without the KEP's
 * README, k/k PRs until `drumbeat custody` reads them, docs PRs). Only an unmet requirement puts a KEP at
 * risk. Pure: every fact comes in as an argument.
 */

import { freezeVerdict, type LinkedPull } from './custody.ts';
import { type KepReadme, missingSections, type ReadmeSection } from './kep-readme.ts';
import type { KepState } from './kep-state.ts';
import { releaseParts } from './milestone-version.ts';
import type { Kep, MilestoneKind } from './types.ts';

export const freezeKinds = ['prr-freeze', 'enhancements-freeze', 'code-freeze', 'docs-freeze'] as const;
export type FreezeKind = (typeof freezeKinds)[number];

export function isFreezeKind(kind: MilestoneKind | string | null): kind is FreezeKind {
  return freezeKinds.includes(kind as FreezeKind);
}

export type RequirementOutcome = 'met' | 'unmet' | 'unverified';

export const requirementIds = [
  'issue-milestone',
  'lead-opted-in',
  'stage',
  'latest-milestone',
  'stage-milestone',
  'prr-approval',
  'prr-questionnaire',
  'status-implementable',
  'readme-template',
  'graduation-criteria',
  'test-plan',
  'code-merge-ready',
  'tests-ready',
  'docs-ready',
  'self-report',
] as const;
export type RequirementId = (typeof requirementIds)[number];

export interface RequirementResult {
  id: RequirementId;
  /** What is required, in the release team's words. */
  name: string;
  /** Where the rule comes from: document and section. */
  source: string;
  outcome: RequirementOutcome;
  /** Why it is met, unmet or unverified (kep.yaml field names in backticks). */
  reason: string;
}

/** The KEP fields readiness reads. */
export type ReadinessKep = Pick<
  Kep,
  | 'path'
  | 'number'
  | 'title'
  | 'owningSig'
  | 'status'
  | 'stage'
  | 'latestMilestone'
  | 'milestones'
  | 'prrApprovals'
> & { raw?: Record<string, unknown> };

/** What is known about one KEP besides its kep.yaml. Null means "not available". */
export interface ReadinessFacts {
  kep: ReadinessKep;
  release: string;
  /** The synced issue: its milestone and labels; null without GitHub. */
  issue: { milestone: string | null; labels: readonly string[] } | null;
  /** The label the SIG lead applies to opt a KEP in (default `lead-opted-in`). */
  optedInLabel: string;
  /** The KEP's README headings; null when no checkout holds it. */
  readme: KepReadme | null;
  /** The SIG's latest self-reported state in the release. */
  selfReport: KepState | null;
  /** The code repository's pull requests linked to the KEP issue (`custody.ts`); absent when not read. */
  pulls?: readonly LinkedPull[] | null;
}

const phases = 'sig-release releases/release_phases.md';
const handbook = 'sig-release enhancements handbook';
const src = {
  prr: `${phases}, "PRR Freeze"`,
  ef: `${phases}, "Enhancements Freeze"`,
  cf: `${phases}, "Code Freeze"`,
  tf: `${phases}, "Test Freeze"`,
  df: `${phases}, "Docs Freeze"`,
  statuses: `${handbook}, "Enhancement KEP Status"`,
  drumbeat: 'Drumbeat: the SIG’s latest `/kep-status` report',
};

type Check = (facts: ReadinessFacts) => Omit<RequirementResult, 'id' | 'name' | 'source'>;
interface Requirement {
  id: RequirementId;
  name: string;
  source: string;
  check: Check;
}

const met = (reason: string) => ({ outcome: 'met' as const, reason });
const unmet = (reason: string) => ({ outcome: 'unmet' as const, reason });
const unverified = (reason: string) => ({ outcome: 'unverified' as const, reason });
const noGithub = 'GitHub is not synced, so the issue cannot be read';
const noReadme = 'no checkout holds the KEP’s README.md';

function compareReleases(a: string, b: string): number | null {
  const x = releaseParts(a);
  const y = releaseParts(b);
  return x && y ? x[0] - y[0] || x[1] - y[1] : null;
}

/** The written `milestone.<stage>` when it is not one release (e.g. `"v1.21, v1.37"`). */
function unreadableStageMilestone(kep: ReadinessKep, stage: string): string | null {
  const block = kep.raw?.milestone;
  if (typeof block !== 'object' || block === null) return null;
  const written = (block as Record<string, unknown>)[stage];
  return typeof written === 'string' && written.trim() !== '' && !kep.milestones[stage as never]
    ? written
    : null;
}

const checkStageMilestone: Check = ({ kep, release }) => {
  if (!kep.stage) return unmet('no `stage`, so the stage milestone cannot be checked');
  const unreadable = unreadableStageMilestone(kep, kep.stage);
  if (unreadable) return unmet(`\`milestone.${kep.stage}\` "${unreadable}" is not one release`);
  const at = kep.milestones[kep.stage];
  if (!at) return unmet(`\`milestone.${kep.stage}\` is not set; it must be ${release} when graduating`);
  const order = compareReleases(at, release);
  if (order === 0) return met(`graduating to ${kep.stage} in ${release}`);
  if (order !== null && order < 0) return met(`staying in ${kep.stage} since ${at}`);
  return unmet(`\`milestone.${kep.stage}\` is ${at}, later than ${release}`);
};

const checkStatus: Check = ({ kep }) => {
  if (kep.status === 'implementable') return met('`status` is `implementable`');
  if (kep.status === 'implemented' && kep.stage === 'stable')
    return met('`status` is `implemented`: graduating to stable with its code merged');
  return unmet(
    kep.status
      ? `\`status\` is \`${kep.status}\`, not \`implementable\``
      : 'no `status`; it must be `implementable`',
  );
};

function readmeCheck(sections: readonly ReadmeSection[], what: string): Check {
  return ({ readme }) => {
    if (!readme) return unverified(noReadme);
    const missing = missingSections(readme, sections);
    return missing.length === 0
      ? met(`README has ${what}`)
      : unmet(`README lacks ${missing.map((s) => `"${s}"`).join(', ')}`);
  };
}

const prrRequirements: Requirement[] = [
  {
    id: 'issue-milestone',
    name: 'Issue in the release milestone',
    source: src.prr,
    check: ({ issue, release }) => {
      if (!issue) return unverified(noGithub);
      return issue.milestone === release
        ? met(`issue is in ${release}`)
        : unmet(`issue is in ${issue.milestone ?? 'no milestone'}, not ${release}`);
    },
  },
  {
    id: 'lead-opted-in',
    name: 'Opted in by the SIG lead',
    source: src.prr,
    check: ({ issue, optedInLabel }) => {
      if (!issue) return unverified(noGithub);
      return issue.labels.includes(optedInLabel)
        ? met(`\`${optedInLabel}\` label`)
        : unmet(`no \`${optedInLabel}\` label on the issue`);
    },
  },
  {
    id: 'stage',
    name: '`stage` set',
    source: src.prr,
    check: ({ kep }) => (kep.stage ? met(`\`stage\` is ${kep.stage}`) : unmet('no `stage` set')),
  },
  {
    id: 'latest-milestone',
    name: '`latest-milestone` is the release',
    source: src.prr,
    check: ({ kep, release }) =>
      kep.latestMilestone === release
        ? met(`\`latest-milestone\` is ${release}`)
        : unmet(`\`latest-milestone\` is ${kep.latestMilestone ?? 'not set'}, not ${release}`),
  },
  {
    id: 'stage-milestone',
    name: '`milestone.<stage>` is the release when graduating',
    source: src.prr,
    check: checkStageMilestone,
  },
  {
    id: 'prr-approval',
    name: 'PRR approval file names an approver for the stage',
    source: src.prr,
    check: ({ kep }) => {
      if (!kep.stage) return unmet('no `stage`, so no PRR approval can match it');
      const approver = kep.prrApprovals[kep.stage];
      return approver ? met(`${kep.stage} approver ${approver}`) : unmet(`no PRR approver for ${kep.stage}`);
    },
  },
  {
    id: 'prr-questionnaire',
    name: 'PRR questionnaire filled out',
    source: src.prr,
    check: readmeCheck(['Production Readiness Review Questionnaire'], 'the PRR questionnaire'),
  },
];

const enhancementsRequirements: Requirement[] = [
  ...prrRequirements,
  {
    id: 'status-implementable',
    name: '`status` is `implementable`',
    source: `${src.ef}; ${src.statuses}`,
    check: checkStatus,
  },
  {
    id: 'readme-template',
    name: 'README on the latest template',
    source: src.ef,
    check: readmeCheck(
      ['Release Signoff Checklist', 'Summary', 'Motivation', 'Proposal', 'Design Details'],
      'the template’s sections',
    ),
  },
  {
    id: 'graduation-criteria',
    name: 'Graduation Criteria',
    source: src.ef,
    check: readmeCheck(['Graduation Criteria'], 'Graduation Criteria'),
  },
  { id: 'test-plan', name: 'Test Plan', source: src.ef, check: readmeCheck(['Test Plan'], 'a Test Plan') },
];

const selfReport: Requirement = {
  id: 'self-report',
  name: 'The SIG reports it on track',
  source: src.drumbeat,
  check: ({ selfReport: state }) => {
    if (state === null) return unverified('no report from the SIG yet');
    return state === 'at-risk' || state === 'blocked'
      ? unmet(`the SIG reports it ${state}`)
      : met(`the SIG reports it ${state}`);
  },
};

const notRead = (what: string) => () => unverified(`Drumbeat does not read ${what}`);

/** Code Freeze or Test Freeze from the linked pull requests, once they were read. */
function pullsCheck(kind: 'code' | 'test'): Check {
  return ({ pulls }) => {
    if (!pulls)
      return unverified(
        'kubernetes/kubernetes pull requests not read in the last day (the bot reads them after each GitHub sync; so do `drumbeat custody` and `drumbeat track --prs`)',
      );
    const verdict = freezeVerdict(pulls, kind);
    return { outcome: verdict.outcome, reason: verdict.reason };
  };
}

/** The requirements of each freeze, in the order they are listed. */
export const freezeRequirements: Readonly<Record<FreezeKind, readonly Requirement[]>> = {
  'prr-freeze': prrRequirements,
  'enhancements-freeze': enhancementsRequirements,
  'code-freeze': [
    {
      id: 'code-merge-ready',
      name: 'Code PRs merge-ready (`approved`, `lgtm`)',
      source: src.cf,
      check: pullsCheck('code'),
    },
    {
      id: 'tests-ready',
      name: 'Test PRs merge-ready',
      source: src.tf,
      check: pullsCheck('test'),
    },
    selfReport,
  ],
  'docs-freeze': [
    {
      id: 'docs-ready',
      name: 'Docs PR ready to merge (`lgtm`, `approve`)',
      source: src.df,
      check: notRead('kubernetes/website pull requests'),
    },
    selfReport,
  ],
};

/** Every requirement of `freeze` for one KEP, with its outcome and reason. */
export function evaluateFreeze(freeze: FreezeKind, facts: ReadinessFacts): RequirementResult[] {
  return freezeRequirements[freeze].map((r) => ({
    id: r.id,
    name: r.name,
    source: r.source,
    ...r.check(facts),
  }));
}

/** The results with one outcome. */
export function withOutcome(
  results: readonly RequirementResult[],
  outcome: RequirementOutcome,
): RequirementResult[] {
  return results.filter((r) => r.outcome === outcome);
}
