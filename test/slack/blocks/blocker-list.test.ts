import { describe, expect, it } from 'vitest';
import type { Blocker } from '../../../src/domain/status.ts';
import { buildBlockerList } from '../../../src/slack/blocks/kep-status-blocks.ts';
import { checkMessage } from '../../../src/slack/blocks/limits.ts';

const now = new Date('2025-10-13T09:00:00Z');

function blocker(i: number): Blocker {
  return {
    id: i,
    kepPath: `keps/sig-node/${1000 + i}-kep`,
    kepNumber: 1000 + i,
    sig: 'sig-node',
    release: 'v1.35',
    target: { type: 'party', name: `API review for a long enough reason number ${i}` },
    openedBy: 'alice',
    openedAt: '2025-10-10T09:00:00Z',
    openedByUpdate: null,
    closedAt: null,
    closedBy: null,
    closeReason: null,
  };
}

describe('/kep-status blockers', () => {
  it('says there are none in one message', () => {
    const parts = buildBlockerList('v1.35', [], now);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.text).toBe('No open blockers');
  });

  it('continues a long list in further messages, each within Slack limits, losing no blocker', () => {
    const blockers = Array.from({ length: 2500 }, (_, i) => blocker(i));
    const parts = buildBlockerList('v1.35', blockers, now);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(checkMessage(part)).toEqual([]);
      expect(part.blocks.length).toBeLessThanOrEqual(50);
    }
    const shown = JSON.stringify(parts.map((p) => p.blocks));
    for (const b of [blockers[0]!, blockers[1249]!, blockers.at(-1)!])
      expect(shown).toContain(`KEP-${b.kepNumber} `);
    const lines = parts
      .flatMap((p) => p.blocks.map((b) => JSON.stringify(b)))
      .join('')
      .match(/• KEP-/g);
    expect(lines).toHaveLength(2500);
    expect(parts[1]!.text).toBe('2500 open blockers (continued)');
  });
});
