import { describe, expect, it } from 'vitest';
import { linkPull } from '../../src/domain/custody.ts';
import {
  evaluateFreeze,
  type ReadinessFacts,
  type ReadinessKep,
  withOutcome,
} from '../../src/domain/freeze-readiness.ts';
import { readKepReadme } from '../../src/domain/kep-readme.ts';

const kep: ReadinessKep = {
  path: 'keps/sig-node/1-x',
  number: 1,
  title: 'X',
  owningSig: 'sig-node',
  status: 'implementable',
  stage: 'beta',
  latestMilestone: 'v1.35',
  milestones: { alpha: 'v1.33', beta: 'v1.35' },
  prrApprovals: { beta: 'johnbelamaric' },
};
const facts = (
  changes: Partial<ReadinessFacts> = {},
  kepChanges: Partial<ReadinessKep> = {},
): ReadinessFacts => ({
  kep: { ...kep, ...kepChanges },
  release: 'v1.35',
  issue: null,
  optedInLabel: 'lead-opted-in',
  readme: null,
  selfReport: null,
  ...changes,
});
const outcome = (f: ReadinessFacts, id: string, freeze = 'enhancements-freeze' as const) =>
  evaluateFreeze(freeze, f).find((r) => r.id === id);

const fullReadme = readKepReadme(
  [
    '# KEP-1: X',
    '## Release Signoff Checklist',
    '## Summary',
    '## Motivation',
    '## Proposal',
    '## Design Details',
    '### Test Plan',
    '### Graduation Criteria',
    '## Production Readiness Review Questionnaire',
    '```',
    '# Not a heading',
    '```',
  ].join('\n'),
);

describe('Enhancements Freeze requirements', () => {
  it('a KEP graduating in the release with merged files: every file requirement met, GitHub and README unverified', () => {
    const results = evaluateFreeze('enhancements-freeze', facts());
    expect(withOutcome(results, 'unmet')).toEqual([]);
    expect(withOutcome(results, 'unverified').map((r) => r.id)).toEqual([
      'issue-milestone',
      'lead-opted-in',
      'prr-questionnaire',
      'readme-template',
      'graduation-criteria',
      'test-plan',
    ]);
    expect(results.every((r) => r.source.includes('release_phases.md'))).toBe(true);
  });

  it.each([
    ['graduating now', { beta: 'v1.35' }, 'met', 'graduating to beta in v1.35'],
    ['staying in beta since an earlier release', { beta: 'v1.30' }, 'met', 'staying in beta since v1.30'],
    ['a later release', { beta: 'v1.37' }, 'unmet', '`milestone.beta` is v1.37, later than v1.35'],
    ['missing', { alpha: 'v1.30' }, 'unmet', '`milestone.beta` is not set; it must be v1.35 when graduating'],
  ] as const)('milestone.<stage> %s: %s', (_name, milestones, expected, reason) => {
    expect(outcome(facts({}, { milestones }), 'stage-milestone')).toMatchObject({
      outcome: expected,
      reason,
    });
  });

  it('an unparseable milestone value is unmet as unreadable, not "not set"', () => {
    const raw = { milestone: { alpha: 'v1.21, v1.37' } };
    const result = outcome(facts({}, { stage: 'alpha', milestones: {}, raw }), 'stage-milestone');
    expect(result).toMatchObject({
      outcome: 'unmet',
      reason: '`milestone.alpha` "v1.21, v1.37" is not one release',
    });
  });

  it.each([
    ['implementable', 'beta', 'met'],
    ['implemented', 'stable', 'met'],
    ['implemented', 'beta', 'unmet'],
    ['provisional', 'alpha', 'unmet'],
    [null, 'alpha', 'unmet'],
  ] as const)('status %s at %s is %s', (status, stage, expected) => {
    expect(
      outcome(facts({}, { status, stage, milestones: { [stage]: 'v1.35' } }), 'status-implementable')
        ?.outcome,
    ).toBe(expected);
  });

  it('reads the README when a checkout holds it: template sections, graduation criteria, test plan, PRR', () => {
    const ok = evaluateFreeze('enhancements-freeze', facts({ readme: fullReadme }));
    expect(withOutcome(ok, 'met').map((r) => r.id)).toContain('test-plan');
    expect(withOutcome(ok, 'unverified').map((r) => r.id)).toEqual(['issue-milestone', 'lead-opted-in']);
    const thin = readKepReadme('# KEP\n## Summary\n## Proposal\n');
    const missing = evaluateFreeze('enhancements-freeze', facts({ readme: thin }));
    expect(outcome(facts({ readme: thin }), 'test-plan')).toMatchObject({
      outcome: 'unmet',
      reason: 'README lacks "Test Plan"',
    });
    expect(withOutcome(missing, 'unmet').map((r) => r.id)).toEqual([
      'prr-questionnaire',
      'readme-template',
      'graduation-criteria',
      'test-plan',
    ]);
  });

  it('with GitHub synced, the issue milestone and the opt-in label are checked', () => {
    const synced = facts({ issue: { milestone: 'v1.34', labels: ['sig/node'] } });
    expect(outcome(synced, 'issue-milestone')).toMatchObject({
      outcome: 'unmet',
      reason: 'issue is in v1.34, not v1.35',
    });
    expect(outcome(synced, 'lead-opted-in')).toMatchObject({ outcome: 'unmet' });
    const good = facts({ issue: { milestone: 'v1.35', labels: ['lead-opted-in'] } });
    expect(outcome(good, 'lead-opted-in')?.outcome).toBe('met');
  });

  it('a missing PRR approval for the stage is unmet', () => {
    expect(outcome(facts({}, { prrApprovals: { alpha: 'x' } }), 'prr-approval')).toMatchObject({
      outcome: 'unmet',
      reason: 'no PRR approver for beta',
    });
  });
});

describe('Code and Docs Freeze requirements', () => {
  it('k/k and docs PRs are unverified; the SIG report decides the rest', () => {
    expect(evaluateFreeze('code-freeze', facts()).map((r) => [r.id, r.outcome])).toEqual([
      ['code-merge-ready', 'unverified'],
      ['tests-ready', 'unverified'],
      ['self-report', 'unverified'],
    ]);
    expect(
      withOutcome(evaluateFreeze('docs-freeze', facts({ selfReport: 'blocked' })), 'unmet'),
    ).toMatchObject([{ id: 'self-report', reason: 'the SIG reports it blocked' }]);
    expect(withOutcome(evaluateFreeze('code-freeze', facts({ selfReport: 'on-track' })), 'unmet')).toEqual(
      [],
    );
  });

  it('reads Code Freeze and Test Freeze from linked pull requests; none linked stays unverified', () => {
    const pull = (number: number, labels: string[], state: 'OPEN' | 'MERGED') =>
      linkPull(
        {
          repo: 'kubernetes/kubernetes',
          number,
          title: 'x',
          url: '',
          state,
          mergedAt: state === 'MERGED' ? '2025-10-01T00:00:00Z' : null,
          labels,
          milestone: null,
          body: '',
        },
        ['timeline'],
      );
    const ids = (f: ReadinessFacts) =>
      evaluateFreeze('code-freeze', f)
        .filter((r) => r.id !== 'self-report')
        .map((r) => [r.id, r.outcome]);
    expect(ids(facts({ pulls: [] }))).toEqual([
      ['code-merge-ready', 'unverified'],
      ['tests-ready', 'unverified'],
    ]);
    const held = [
      pull(1, [], 'MERGED'),
      pull(2, ['area/test', 'lgtm', 'approved', 'do-not-merge/hold'], 'OPEN'),
    ];
    expect(ids(facts({ pulls: held }))).toEqual([
      ['code-merge-ready', 'met'],
      ['tests-ready', 'unmet'],
    ]);
  });
});
