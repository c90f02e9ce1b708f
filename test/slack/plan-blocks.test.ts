import { describe, expect, it } from 'vitest';
import type { ExceptionRequest } from '../../src/domain/exception.ts';
import type { PlanEntry, SigPlan } from '../../src/domain/plan.ts';
import {
  buildExceptionDecision,
  buildExceptionPost,
  buildOpenExceptionsSection,
} from '../../src/slack/blocks/exception-messages.ts';
import { buildExceptionModal } from '../../src/slack/blocks/exception-modal.ts';
import { checkMessage, checkView } from '../../src/slack/blocks/limits.ts';
import {
  buildPlanApproved,
  buildPlanReply,
  buildReadoutParent,
} from '../../src/slack/blocks/plan-messages.ts';
import { buildPlanModal, buildPlanPickModal, maxKepsPerForm } from '../../src/slack/blocks/plan-modal.ts';

const long = 'x<&>'.repeat(400);
const entry = (kep: number): PlanEntry => ({
  kep,
  kepPath: `keps/sig-node/${kep}`,
  title: long,
  stage: 'beta',
  increments: [{ increment: 4, confidence: 40 }],
  dependsOn: [kep + 100_000],
  releaseNote: long,
});
const plan: SigPlan = {
  id: 1,
  release: 'v1.35',
  sig: 'sig-node',
  version: 3,
  entries: Array.from({ length: 60 }, (_, i) => entry(i + 1)),
  author: 'U1',
  savedAt: '2025-09-22T10:00:00Z',
  approvedAt: null,
};
const increments = {
  all: [1, 2, 3, 4].map((n) => ({
    number: n,
    weeks: [2 * n - 1, 2 * n] as [number, number],
    start: '',
    end: '',
  })),
  current: 2,
  caps: [100, 80, 60, 40],
};
const rows = Array.from({ length: 150 }, (_, i) => ({
  kep: i + 1,
  title: long,
  stage: 'alpha',
  planned: entry(i + 1),
}));
const request: ExceptionRequest = {
  id: 7,
  release: 'v1.35',
  kep: 5532,
  kepTitle: long,
  sig: 'sig-node',
  freeze: 'code-freeze',
  missing: 'x'.repeat(1000),
  additionalTime: 'x'.repeat(1000),
  risk: 'x'.repeat(1000),
  pullRequests: Array.from({ length: 20 }, (_, i) => `https://github.com/kubernetes/kubernetes/pull/${i}`),
  requester: 'U1',
  requestedAt: '2025-11-06T09:00:00Z',
  status: 'open',
  decidedBy: null,
  decidedAt: null,
  postKey: 'exception:v1',
  threadUrl: null,
};

describe('planning builders stay inside Slack limits with extreme input', () => {
  it('plan form (capped at the per-form KEP count) and picker (100 options)', () => {
    const form = buildPlanModal({
      release: 'v1.35',
      sig: 'sig-node',
      rows,
      increments,
      metadata: { v: 1, sig: 'sig-node', keps: [], channel: null },
    });
    expect(checkView(form)).toEqual([]);
    expect(JSON.parse(form.private_metadata!).keps).toHaveLength(maxKepsPerForm);
    expect(form.blocks.length).toBeLessThanOrEqual(100);
    const pick = buildPlanPickModal({
      release: 'v1.35',
      sig: 'sig-node',
      rows,
      metadata: { v: 1, sig: 'sig-node', keps: [], channel: null },
    });
    expect(checkView(pick)).toEqual([]);
  });
  it('readout parent, plan reply and approval', () => {
    const uncommitted = plan.entries.map((e) => ({
      sig: 'sig-node',
      kep: e.kep,
      dependsOn: e.dependsOn[0]!,
      owner: null,
    }));
    expect(
      checkMessage(
        buildReadoutParent({
          release: 'v1.35',
          plans: [plan],
          uncommitted,
          missing: rows.map((r) => `sig-${r.kep}`),
        }),
      ),
    ).toEqual([]);
    const reply = buildPlanReply({
      plan,
      increments: increments.all,
      risks: new Map(plan.entries.map((e) => [e.kep, ['r'.repeat(500)]])),
      uncommitted,
      updated: true,
    });
    expect(checkMessage(reply)).toEqual([]);
    expect(JSON.stringify(reply.blocks)).not.toContain('<&>');
    expect(
      checkMessage(
        buildPlanApproved({
          release: 'v1.35',
          sigs: ['a'],
          labelsPlanned: rows.map((r) => r.kep * 1000),
          alreadyPlanned: [1],
        }),
      ),
    ).toEqual([]);
  });
  it('exception modal, post (open and decided), decision and the open list', () => {
    expect(
      checkView(
        buildExceptionModal({
          release: 'v1.35',
          freezes: ['enhancements-freeze', 'code-freeze', 'docs-freeze'],
          kep: 5532,
          metadata: { v: 1, channel: null },
        }),
      ),
    ).toEqual([]);
    expect(checkMessage(buildExceptionPost(request, ['U1', 'U2']))).toEqual([]);
    const decided = {
      ...request,
      status: 'rejected' as const,
      decidedBy: 'U2',
      decidedAt: '2025-11-10T09:00:00Z',
    };
    const post = buildExceptionPost(decided, ['U1']);
    expect(checkMessage(post)).toEqual([]);
    expect(JSON.stringify(post.blocks)).not.toContain('exception_reject');
    expect(checkMessage(buildExceptionDecision(decided))).toEqual([]);
    const section = buildOpenExceptionsSection(Array.from({ length: 30 }, () => request));
    expect(section && checkMessage({ text: 'x', blocks: [section] })).toEqual([]);
    expect(buildOpenExceptionsSection([decided])).toBeNull();
  });
});
