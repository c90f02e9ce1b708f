import { describe, expect, it } from 'vitest';
import { decideRound, type VoteValue } from '../../src/domain/vote.ts';
import type { VoteView } from '../../src/ports/vote-messages.ts';
import type { StoredBallot, StoredConcern } from '../../src/ports/vote-store.ts';
import { checkMessage, checkView } from '../../src/slack/blocks/limits.ts';
import {
  buildConcernPost,
  buildConcernResolved,
  buildVoteHelp,
  buildVoteList,
  buildVoteMessage,
  buildVoteNotice,
  buildVoteReminder,
  buildVoteResult,
} from '../../src/slack/blocks/vote-message-blocks.ts';
import { buildConcernModal, buildStartModal } from '../../src/slack/blocks/vote-modal-blocks.ts';
import { enhancements } from '../fakes/enhancements-repo.ts';

const hostile = 'Ship <!channel> & <@U999|boss> the *plan* @here? '.repeat(10).slice(0, 300);
const now = new Date('2026-06-02T00:00:00Z');

function view(
  opts: { voters?: number; values?: VoteValue[]; closed?: boolean; hide?: boolean; concerns?: number } = {},
): VoteView {
  const electors = Array.from({ length: opts.voters ?? 3 }, (_, i) => `U${String(i).padStart(9, '0')}`);
  const ballots: StoredBallot[] = electors.map((voter, i) => ({
    voter,
    value: opts.values?.[i % opts.values.length] ?? 4,
    castAt: '2026-06-01T12:00:00.000Z',
    roundId: 1,
    concernId: null,
    eventId: i + 1,
  }));
  const concerns: StoredConcern[] = Array.from({ length: opts.concerns ?? 0 }, (_, i) => ({
    id: i + 1,
    roundId: 1,
    voter: electors[i % electors.length]!,
    value: 1,
    text: `${hostile}\n${'long concern '.repeat(150)}`,
    raisedAt: '2026-06-01T12:00:00.000Z',
    resolvedAt: null,
    resolution: null,
  }));
  const vote = {
    id: 7,
    question: hostile,
    owner: 'U0OWNER00',
    channel: 'C0VOTES00',
    threadTs: null,
    electorateKind: 'channel' as const,
    electorateSource: 'C0VOTES00',
    quorum: { kind: 'all' as const },
    hideValues: opts.hide ?? true,
    durationMs: 72 * 3_600_000,
    remindAt: [],
    link: 'https://example.com/plan?a=1&b=<x>',
    kepIssues: Array.from({ length: 60 }, (_, i) => 1000 + i),
    createdAt: '2026-06-01T00:00:00.000Z',
  };
  const round = {
    id: 1,
    voteId: 7,
    number: 2,
    previousRoundId: 9,
    opensAt: '2026-06-01T00:00:00.000Z',
    closesAt: '2026-06-04T00:00:00.000Z',
    closedAt: opts.closed ? '2026-06-03T00:00:00.000Z' : null,
    closeReason: opts.closed ? ('deadline' as const) : null,
    outcome: opts.closed ? ('not-approved' as const) : null,
    closedBy: null,
  };
  const decision = decideRound({
    electorate: electors,
    ballots,
    quorum: vote.quorum,
    closesAt: round.closesAt,
  });
  return { vote, round, electors, ballots, concerns, decision, previous: { ...round, id: 9, number: 1 } };
}

describe('vote message builders stay inside Slack limits and escape user text', () => {
  const cases: Array<[string, { text: string; blocks: unknown[] }]> = [
    ['open, 3 voters', buildVoteMessage(view(), now, enhancements)],
    [
      'open, 300 voters, values shown',
      buildVoteMessage(view({ voters: 300, hide: false }), now, enhancements),
    ],
    [
      'closed, 300 voters',
      buildVoteMessage(view({ voters: 300, closed: true, values: [5, 2] }), now, enhancements),
    ],
    ['result with 60 long concerns', buildVoteResult(view({ closed: true, values: [1], concerns: 60 }))],
    ['concern', buildConcernPost(view(), view({ concerns: 1 }).concerns[0]!)],
    ['concern resolved', buildConcernResolved(view(), view({ concerns: 1 }).concerns[0]!, 4)],
    ['reminder', buildVoteReminder(view(), { channel: 'C0VOTES00', ts: '1700000000.000100' }, now)],
    ['list', buildVoteList(Array.from({ length: 50 }, () => ({ view: view(), ballot: null })))],
    ['help', buildVoteHelp('bad <!channel>')],
    ['notice', buildVoteNotice('no <!here>')],
  ];
  it.each(cases)('%s', (_name, message) => {
    expect(checkMessage(message)).toEqual([]);
    const json = JSON.stringify(message);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<!here>');
    expect(json).not.toContain('<@U999|boss>');
  });

  it('the open message has the 0–5 buttons and the legend; values stay hidden', () => {
    const message = buildVoteMessage(view({ values: [5, 1, 3] }), now, enhancements);
    const json = JSON.stringify(message);
    for (const v of [0, 1, 2, 3, 4, 5]) expect(json).toContain(`"vote_cast_${v}"`);
    expect(json).toContain('fully support');
    expect(json).toContain('Voted: 3 of 3');
    expect(json).not.toMatch(/<@U000000000> 5/);
  });

  it('the closed message reveals the values and has no buttons', () => {
    const json = JSON.stringify(
      buildVoteMessage(view({ closed: true, values: [5, 1, 3] }), now, enhancements),
    );
    expect(json).not.toContain('vote_cast_');
    expect(json).toContain('<@U000000000> 5');
    expect(json).toContain('Not approved');
  });

  it('a long electorate is cut with "and N more"', () => {
    const json = JSON.stringify(buildVoteMessage(view({ voters: 300 }), now, enhancements));
    expect(json).toMatch(/and \d+ more/);
  });
});

describe('vote modals', () => {
  it('the start modal passes the view limits with hostile pre-fill', () => {
    const modal = buildStartModal({
      question: hostile,
      electorate: { kind: 'people', ids: Array.from({ length: 150 }, (_, i) => `U${i}AAAA`) },
      channel: 'C0VOTES00',
      defaults: { durationMs: 72 * 3_600_000, quorum: { kind: 'share', share: 0.6 }, hideValues: true },
      note: 'two kinds <!channel>',
      readout: `${hostile} ${'x'.repeat(5000)}`,
      metadata: { channel: 'C0VOTES00', threadTs: '1700000000.000100' },
    });
    expect(checkView(modal)).toEqual([]);
    // mrkdwn is escaped; the question input is plain text, so it keeps what was typed
    const mrkdwn = JSON.stringify(modal.blocks.filter((b) => b.type === 'context'));
    expect(mrkdwn).toContain('&lt;!channel&gt;');
    expect(mrkdwn).not.toContain('<!channel>');
  });

  it('the concern modal passes the view limits', () => {
    expect(checkView(buildConcernModal(hostile, { roundId: 3, value: 0 }, 'x'.repeat(5000)))).toEqual([]);
  });
});
