/**
 * Exception requests made in Slack are written to the tracking board as the handbook keeps them:
 * planned as `set-board-field` actions, applied through the API by a sync with write-back on (also
 * when labels go through Prow), once, and verified by the next sync.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultBoardFieldNames } from '../../src/domain/board.ts';
import { boardFieldsForRequest, planBoardFieldActions } from '../../src/domain/board-exception.ts';
import type { ExceptionRequest } from '../../src/domain/exception.ts';
import { type GithubHarness, githubHarness } from './github-harness.ts';

let h: GithubHarness;
afterEach(async () => h?.close());

const repo = 'kubernetes/enhancements';
const thread = 'https://slack.com/archives/C0RELEASE0/p1760781600000200';

function request(kep: number, over: Partial<ExceptionRequest> = {}): ExceptionRequest {
  return {
    id: 7,
    kep,
    freeze: 'code-freeze',
    status: 'approved',
    pullRequests: ['https://github.com/kubernetes/kubernetes/pull/1'],
    additionalTime: '3',
    requestedAt: '2025-11-06T09:00:00.000Z',
    decidedAt: '2025-11-07T10:00:00.000Z',
    ...over,
  } as ExceptionRequest;
}

async function planned(via: 'api' | 'prow') {
  h = await githubHarness({ options: { writeBack: true, writeBackVia: via } });
  await h.sync();
  const item = h.store.githubSnapshots.listBoardItems('kubernetes/264').find((i) => i.issueNumber !== null)!;
  const kep = item.issueNumber!;
  const actions = planBoardFieldActions({
    repo,
    issueNumber: kep,
    wanted: boardFieldsForRequest(request(kep), thread),
    names: defaultBoardFieldNames,
    current: item.fields,
    reason: 'exception request #7 approved in Slack',
  });
  h.store.githubWriteBack.plan(actions, h.clock.now());
  h.fake.requests.length = 0;
  return { kep, actions };
}

const mutations = () => h.fake.requests.filter((r) => r.operationName === 'SetBoardField');

describe('exception requests written to the board', () => {
  it.each(['api', 'prow'] as const)(
    'via %s: each field set once through the API, then verified',
    async (via) => {
      const { kep, actions } = await planned(via);
      expect(actions.map((a) => a.label)).toEqual(
        expect.arrayContaining([
          'Status',
          'Exception Request Type',
          'Exception Status',
          'Exception Request Slack Thread',
        ]),
      );
      const first = await h.sync();
      expect(first.writeBack?.actions.map((a) => a.outcome)).toEqual(actions.map(() => 'applied'));
      expect(mutations()).toHaveLength(actions.length);
      const fields = h.state.board!.items.find((i) => i.issueNumber === kep)!.fields;
      expect(fields).toMatchObject({
        Status: 'Exception Approved',
        'Exception Request Type': 'Code and Test Freeze',
        'Exception Status': 'Approved',
        'Exception Request Slack Thread': thread,
        'Exception Related PRs': 'https://github.com/kubernetes/kubernetes/pull/1',
        'Additional Time': '3',
        'Exception Request Date': '2025-11-06',
        'Exception Decision Date': '2025-11-07',
      });
      h.fake.requests.length = 0;
      h.clock.advance(60 * 60_000);
      const second = await h.sync();
      expect(mutations()).toEqual([]);
      expect(second.writeBackChecks.verified).toBe(actions.length);
      expect(h.store.githubWriteBack.list().every((a) => a.verifiedAt !== null)).toBe(true);
    },
  );

  it('a field the board lacks, or a value it has no option for, fails with what to fix', async () => {
    const { kep } = await planned('api');
    h.store.githubWriteBack.plan(
      [
        {
          key: 'x1',
          kind: 'set-board-field',
          repo,
          issueNumber: kep,
          label: 'Stage',
          value: 'Sideways',
          reason: 'r',
          description: 'd',
        },
        {
          key: 'x2',
          kind: 'set-board-field',
          repo,
          issueNumber: 999_999,
          label: 'Status',
          value: 'Deferred',
          reason: 'r',
          description: 'd',
        },
      ],
      h.clock.now(),
    );
    const summary = await h.sync();
    const failed = summary.writeBack!.actions.filter((a) => a.outcome === 'failed').map((a) => a.error);
    expect(failed).toEqual([
      'the board\'s field Stage has no option "Sideways"; add it on the board',
      `${repo}#999999 is not on the board; add it there`,
    ]);
  });
});
