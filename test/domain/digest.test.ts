import { describe, expect, it } from 'vitest';
import { buildDigestModel } from '../../src/domain/digest.ts';
import { escapeMarkdown, renderDigest } from '../../src/domain/digest-markdown.ts';
import { enhancements } from '../fakes/enhancements-repo.ts';
import { digestInput } from './digest-fixture.ts';

describe('buildDigestModel', () => {
  const digest = buildDigestModel(digestInput());

  it('counts KEPs by stage and latest state, and lists them by stage then number', () => {
    expect(digest.total).toBe(5);
    expect(digest.keps.map((k) => `${k.number}:${k.stage ?? '-'}:${k.state ?? '-'}`)).toEqual([
      '1001:alpha:blocked',
      '1002:beta:on-track',
      '1005:beta:on-track',
      '1003:stable:done',
      '1004:-:-',
    ]);
    expect(digest.counts.map((c) => [c.stage, c.total])).toEqual([
      ['alpha', 1],
      ['beta', 2],
      ['stable', 1],
      ['none', 1],
    ]);
    expect(digest.stateTotals).toMatchObject({ blocked: 1, 'on-track': 2, done: 1, none: 1, 'at-risk': 0 });
  });

  it('reports state transitions, new and resolved blockers and GitHub changes of the SIG since the window start', () => {
    expect(digest.changes.transitions.map((t) => [t.kep.number, t.states, t.updates])).toEqual([
      [1001, ['on-track', 'at-risk', 'blocked'], 2],
      [1002, [null, 'on-track'], 2],
    ]);
    expect(digest.changes.blockersOpened.map((b) => [b.kep.number, b.target, b.step])).toEqual([
      [1001, 'sig-auth', 'step 2 of 3 (pm-channel)'],
    ]);
    expect(digest.changes.blockersResolved.map((b) => [b.kep.number, b.target])).toEqual([
      [1002, 'API review'],
    ]);
    expect(digest.changes.github).toEqual([
      {
        kepNumber: 1002,
        message: 'moved to Tracked for Enhancements Freeze on the board',
        at: '2025-10-10T08:00:00.000Z',
      },
    ]);
  });

  it('lists blocked and at-risk KEPs with the note, open blockers and since when', () => {
    expect(digest.attention).toHaveLength(1);
    expect(digest.attention[0]).toMatchObject({
      state: 'blocked',
      since: '2025-10-08T10:00:00.000Z',
      note: 'waiting on sig-auth <!channel>',
    });
    expect(digest.attention[0]!.blockers.map((b) => b.target)).toEqual(['sig-auth']);
  });

  it('calls open KEPs without an update for a whole round stale, never done ones', () => {
    expect(digest.stale.map((s) => [s.kep.number, s.lastUpdateAt])).toEqual([
      [1004, null],
      [1005, '2025-10-01T11:00:00.000Z'],
    ]);
  });

  it('lists deadlines within 14 days with the KEPs not ready for them', () => {
    expect(digest.deadlines.map((d) => d.name)).toEqual(['Begin Enhancements Freeze']);
    const ef = digest.deadlines[0]!;
    expect(ef.checked).toBe(true);
    expect(ef.notReady.map((n) => n.kep.number)).toEqual([1002, 1004]);
    expect(ef.notReady[0]!.reasons).toEqual(['`status` is `provisional`, not `implementable`']);
  });

  it('shows open votes and votes closed in the window, with outcomes', () => {
    expect(digest.votes.open.map((v) => v.id)).toEqual([1]);
    expect(digest.votes.closed.map((v) => [v.id, v.outcome])).toEqual([[2, 'not-approved']]);
    const later = buildDigestModel(digestInput({ since: new Date('2025-10-11T00:00:00Z') }));
    expect(later.votes.closed).toEqual([]);
  });

  it('checks confidence against the cap of the increment the work lands in', () => {
    expect(digest.confidence?.increment).toBe(3);
    expect(
      digest.confidence?.rows.map((r) => [r.kep.number, r.confidence, r.increment, r.cap, r.ok]),
    ).toEqual([
      [1001, 40, 3, 100, true],
      [1002, 90, 4, 80, false],
      [1005, 70, 3, 100, true],
    ]);
    expect(digest.confidence?.rows[1]?.reason).toContain('above the 80% cap');
    expect(buildDigestModel(digestInput({ codingPeriod: null })).confidence).toBeNull();
  });

  it("computes each facilitator's response rate over closed rounds, not counting rounds they were away", () => {
    expect(digest.response).toEqual({
      roundsClosed: 2,
      roundsWithUpdates: 2,
      facilitators: [
        { github: 'alice-facilitator', slack: 'U0000000003', updated: 2, away: 0, missed: 0, rate: 100 },
        { github: 'bob-facilitator', slack: 'U0000000004', updated: 0, away: 1, missed: 1, rate: 0 },
      ],
    });
  });

  it('handles a SIG with no KEPs and nothing recorded', () => {
    const empty = buildDigestModel(
      digestInput({
        keps: [],
        latest: new Map(),
        before: new Map(),
        updates: [],
        blockers: [],
        votes: [],
        rounds: [],
      }),
    );
    expect(empty.total).toBe(0);
    expect(empty.counts).toEqual([]);
    expect(renderDigest(empty, enhancements, 'text')).toContain('No KEP of sig-node is in v1.35.');
  });
});

describe('renderDigest', () => {
  const digest = buildDigestModel(digestInput());

  it('renders Markdown (snapshot)', () => {
    expect(renderDigest(digest, enhancements, 'markdown')).toMatchSnapshot();
  });

  it('renders terminal text without Markdown markers (snapshot)', () => {
    const text = renderDigest(digest, enhancements, 'text');
    expect(text).not.toContain('**');
    expect(text).not.toContain('](https://');
    expect(text).toMatchSnapshot();
  });

  it('escapes user text so it cannot format or break the Markdown tables', () => {
    const md = renderDigest(digest, enhancements, 'markdown');
    expect(md).toContain('Beta \\<thing\\> & co \\| pipes');
    expect(md).not.toContain('<!channel>');
    expect(escapeMarkdown('a *b* [c](d) `e`')).toBe('a \\*b\\* \\[c\\](d) \\`e\\`');
    const row = md.split('\n').find((l) => l.startsWith('| KEP-1002 | Beta'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(9); // seven cells: the title's pipe is escaped
  });
});
