import { describe, expect, it } from 'vitest';
import { removedKepPaths } from '../../src/app/removed-keps.ts';
import { syntheticGithubSeed } from '../../src/sandbox/github/fixture-github.ts';
import { githubHarness } from './github-harness.ts';

const release = 'v1.37';

describe('a Slack removal against the synced board (fake GitHub)', () => {
  it('the board wins: a contradicting Status is a slack-removal finding until the board says Removed From Milestone', async () => {
    const h = await githubHarness({
      seed: syntheticGithubSeed(4, release),
      start: '2026-02-01T12:00:00.000Z',
      options: { release },
    });
    try {
      await h.sync();
      const [kep] = h.store.keps.findByNumber(10_000);
      h.clock.advance(60_000);
      h.store.milestoneRemovals.remove({
        release,
        kepNumber: 10_000,
        kepPath: kep!.path,
        sig: kep!.owningSig,
        reason: 'missed code freeze',
        removedBy: 'U0000000002',
        removedAt: h.clock.now().toISOString(),
        board: 'kubernetes/264',
      });
      expect(removedKepPaths(h.store, release).has(kep!.path)).toBe(false);
      const contradicted = await h.sync();
      expect(contradicted.drift.news.filter((f) => f.kind === 'slack-removal').map((f) => f.message)).toEqual(
        [
          expect.stringMatching(
            /^removed from the milestone in Slack on 2026-02-01 but board Status is Tracked For /,
          ),
        ],
      );

      h.clock.advance(60_000);
      h.state.setBoardField(10_000, 'Status', 'Removed From Milestone');
      const agreed = await h.sync();
      expect(h.store.githubDrift.list().filter((f) => f.kind === 'slack-removal')).toEqual([]);
      expect(agreed.drift.news.map((f) => f.key)).not.toContain('slack-removal:#10000');
      expect(removedKepPaths(h.store, release).has(kep!.path)).toBe(true);
    } finally {
      await h.close();
    }
  });
});
