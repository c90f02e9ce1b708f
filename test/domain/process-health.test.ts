import { describe, expect, it } from 'vitest';
import { processHealthLine } from '../../src/domain/process-health.ts';
import type { ReleaseFacts } from '../../src/domain/program-facts.ts';
import { releaseMetrics } from '../../src/domain/program-metrics.ts';

const hour = 3_600_000;
const facts: ReleaseFacts = {
  release: 'v1.35',
  freezes: [],
  sightings: [{ kep: 1, sig: 'sig-node', at: '2025-10-01T00:00:00.000Z', source: 'status' }],
  updates: [
    { kep: 1, kepPath: 'k/1', sig: 'sig-node', state: 'on-track', createdAt: '2025-10-01T03:00:00.000Z' },
  ],
  rounds: [
    {
      sig: 'sig-node',
      openedAt: '2025-10-01T00:00:00.000Z',
      endsAt: '2025-10-02T00:00:00.000Z',
      kepPaths: ['k/1', 'k/2'],
    },
  ],
  blockers: [
    {
      id: 1,
      sig: 'sig-node',
      kep: 1,
      openedAt: '2025-10-01T00:00:00.000Z',
      closedAt: '2025-10-01T05:00:00.000Z',
      highestStep: 0,
    },
  ],
  exceptions: [{ kep: 1, sig: 'sig-node', freeze: 'code-freeze', status: 'approved' }],
  votes: [],
  commitments: [],
  keps: [],
};

describe('process health line', () => {
  it('sums up round response, blockers and exceptions in one line', () => {
    const m = releaseMetrics(facts, '2025-12-01T00:00:00.000Z').overall;
    expect(m.rounds.medianFirstUpdateMs).toBe(3 * hour);
    expect(processHealthLine(m)).toBe(
      'Process health: 50% of round check-ins answered (median 3h to the first update) · 1 blocker (0 open; median 5h to resolve) · 1 exception request (1 approved)',
    );
  });
});
