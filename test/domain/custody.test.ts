import { describe, expect, it } from 'vitest';
import {
  freezeVerdict,
  kepReferencesIn,
  linkPull,
  type PullRequestFacts,
  pullLinksIn,
  pullStanding,
} from '../../src/domain/custody.ts';
import { kepCustody, unaccountedPulls } from '../../src/domain/custody-report.ts';
import { custodyMarkdown, custodyText } from '../../src/domain/custody-text.ts';

const kk = 'kubernetes/kubernetes';
const ke = 'kubernetes/enhancements';

function pr(number: number, change: Partial<PullRequestFacts> = {}): PullRequestFacts {
  return {
    repo: kk,
    number,
    title: `Change ${number}`,
    url: `https://github.com/${kk}/pull/${number}`,
    state: 'OPEN',
    mergedAt: null,
    labels: [],
    milestone: 'v1.35',
    body: '',
    ...change,
  };
}

const merged = (n: number, labels: string[] = []) =>
  pr(n, { state: 'MERGED', mergedAt: '2025-10-02T10:00:00Z', labels });
const kep = { number: 2033, title: 'Node things', owningSig: 'sig-node', path: 'keps/sig-node/2033-x' };

describe('a pull request’s standing (handbook: merged, or lgtm + approved)', () => {
  const cases: [string, PullRequestFacts, string, string[]][] = [
    ['merged', merged(1), 'merged', []],
    ['open with lgtm and approved', pr(2, { labels: ['approved', 'lgtm'] }), 'merge-ready', []],
    ['open with lgtm only', pr(3, { labels: ['lgtm'] }), 'not-ready', ['no `approved`']],
    [
      'open, approved, held',
      pr(4, { labels: ['approved', 'do-not-merge/hold', 'lgtm'] }),
      'not-ready',
      ['`do-not-merge/hold`'],
    ],
    ['open without labels', pr(5), 'not-ready', ['no `lgtm`', 'no `approved`']],
    ['closed unmerged', pr(6, { state: 'CLOSED' }), 'closed', []],
  ];
  it.each(cases)('%s', (_name, pull, standing, missing) => {
    expect(pullStanding(pull)).toEqual({ standing, missing });
  });
});

describe('links in text', () => {
  it('finds the code repository’s pull requests by URL and by owner/name#N, once each', () => {
    const body = [
      '- https://github.com/kubernetes/kubernetes/pull/130001',
      '- kubernetes/kubernetes#130002 and again https://github.com/kubernetes/kubernetes/pull/130001/files',
      '- https://github.com/kubernetes/website/pull/5 and kubernetes/test-infra#7 are elsewhere',
      '- https://github.com/kubernetes/kubernetes/issues/8 is an issue',
    ].join('\n');
    expect(pullLinksIn(body, kk)).toEqual([130001, 130002]);
  });

  it('finds KEP references by issue link, directory and KEP number words', () => {
    const text =
      'Implements KEP-1287; see https://github.com/kubernetes/enhancements/issues/2033, kubernetes/enhancements#4222, keps/sig-apps/961-maxunavailable and KEP #3000 and kep 12.';
    expect(kepReferencesIn(text, ke)).toEqual([12, 961, 1287, 2033, 3000, 4222]);
    expect(kepReferencesIn('Fixes kubernetes/kubernetes#2033 and foo/kubernetes/enhancements#1', ke)).toEqual(
      [],
    );
  });
});

describe('Code Freeze and Test Freeze from the linked pull requests', () => {
  const test = (p: PullRequestFacts) => ({ ...p, labels: [...p.labels, 'area/test'] });
  it('is unverified when nothing is linked, never ready by default', () => {
    expect(freezeVerdict([], 'code').outcome).toBe('unverified');
    expect(freezeVerdict([linkPull(pr(1, { state: 'CLOSED' }), ['body'])], 'code').outcome).toBe(
      'unverified',
    );
  });

  it('is met when every counted pull request is merged or merge-ready', () => {
    const pulls = [
      linkPull(merged(1), ['timeline']),
      linkPull(pr(2, { labels: ['lgtm', 'approved'] }), ['body']),
    ];
    expect(freezeVerdict(pulls, 'code')).toEqual({
      outcome: 'met',
      reason: 'code pull requests: 1 merged, 1 merge-ready',
    });
    expect(freezeVerdict(pulls, 'test')).toEqual({
      outcome: 'unverified',
      reason:
        'no test pull request linked (none labelled `area/test`, `area/conformance`, `area/e2e-test-framework`)',
    });
  });

  it('is unmet when one is held or lacks a label, naming it', () => {
    const pulls = [
      linkPull(merged(1), ['timeline']),
      linkPull(test(pr(2, { labels: ['approved', 'lgtm', 'do-not-merge/hold'] })), ['body']),
      linkPull(test(merged(3)), ['body']),
    ];
    expect(freezeVerdict(pulls, 'code').outcome).toBe('met');
    expect(freezeVerdict(pulls, 'test')).toEqual({
      outcome: 'unmet',
      reason: 'not merge-ready: #2 `do-not-merge/hold`',
    });
  });
});

describe('the custody report', () => {
  const reading = {
    found: true,
    timeline: [merged(10), pr(11, { repo: 'kubernetes/website' }), pr(12, { labels: ['lgtm'] })],
    body: [merged(10), pr(13, { labels: ['approved', 'lgtm', 'area/test'] })],
  };
  const custody = kepCustody(kep, reading, { enhancementsRepo: ke, codeRepo: kk });

  it('keeps the code repository’s pull requests, each once, with where each was linked', () => {
    expect(custody.pulls.map((p) => [p.pull.number, p.via, p.kind, p.standing])).toEqual([
      [10, ['body', 'timeline'], 'code', 'merged'],
      [12, ['timeline'], 'code', 'not-ready'],
      [13, ['body'], 'test', 'merge-ready'],
    ]);
    expect(custody.codeFreeze.outcome).toBe('unmet');
    expect(custody.testFreeze.outcome).toBe('met');
  });

  it('lists merged feature pull requests that no tracked KEP accounts for', () => {
    const features = [
      merged(10, ['kind/feature']),
      merged(20, ['kind/feature']),
      {
        ...merged(21, ['kind/feature']),
        body: 'KEP: https://github.com/kubernetes/enhancements/issues/2033',
      },
      { ...merged(22, ['kind/feature']), title: 'KEP-9999: someone else’s' },
      { ...merged(23, ['kind/feature']), title: '[KEP-2033] part two' },
    ];
    expect(unaccountedPulls(features, [custody], ke).map((p) => p.number)).toEqual([20, 22]);
  });

  it('renders as text and as Markdown with every pull request and verdict', () => {
    const report = {
      release: 'v1.35',
      enhancementsRepo: ke,
      codeRepo: kk,
      keps: [custody],
      preFreeze: { query: 'q', read: 2, unaccounted: [merged(20, ['kind/feature'])] },
    };
    const text = custodyText(report);
    expect(text).toContain('KEP-2033 Node things (sig-node), issue kubernetes/enhancements#2033');
    expect(text).toContain('Code Freeze: not ready (not merge-ready: #12 no `approved`)');
    expect(text).toContain('#13 test, open with `lgtm` and `approved`: Change 13 [body]');
    expect(text).toMatch(/accounts for: 1 of 2\n {2}#20 merged 2025-10-02: Change 20 https:\/\/github.com/);
    const markdown = custodyMarkdown(report);
    expect(markdown).toContain('- Code Freeze: **not ready**');
    expect(markdown).toContain(
      '| [#10](https://github.com/kubernetes/kubernetes/pull/10) Change 10 | code | merged | 2025-10-02 |  |  |  | body, timeline |',
    );
    expect(markdown).toContain(
      '| [#20](https://github.com/kubernetes/kubernetes/pull/20) | Change 20 | 2025-10-02 |',
    );
    const scoped = custodyText({ ...report, preFreeze: null });
    expect(scoped).not.toContain('Change 20');
    expect(scoped).toContain('Pre-freeze check: only for the whole release');
  });
});
