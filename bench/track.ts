/**
 * `drumbeat track`'s sweep once loaded: every requirement of a freeze and the tracking Status for
 * ~100 KEPs of a release (the fixture's KEPs, retargeted to one release), median of repeated runs.
 * Baseline: the same sweep's membership filter alone, to show what readiness adds.
 */
import { fileURLToPath } from 'node:url';
import { trackKeps } from '../src/app/track-release.ts';
import { releaseMembers } from '../src/domain/release-membership.ts';
import { readKepsFromCheckout } from '../src/github/local-checkout.ts';
import { compared, figure, percentile, type Suite } from './figure.ts';

const root = fileURLToPath(new URL('../test/fixtures/k8s', import.meta.url));
const release = 'v1.99';

function time(run: () => unknown, repeats: number): number {
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return percentile(samples, 50);
}

export const trackSuite: Suite = {
  name: 'track',
  async run() {
    const { keps } = await readKepsFromCheckout(root);
    const sample = keps
      .filter((k) => k.status !== 'withdrawn' && k.status !== 'replaced')
      .slice(0, 100)
      .map((k) => ({ ...k, latestMilestone: release }));
    const sources = {
      keps: sample,
      selfReports: new Map(),
      exceptions: [],
      issues: null,
      readmes: new Map(),
      removed: new Set<string>(),
    };
    const options = { release, freeze: 'enhancements-freeze' as const, optedInLabel: 'lead-opted-in' };
    const rows = trackKeps(sources, options).length;
    const sweep = time(() => trackKeps(sources, options), 50);
    const membership = time(() => releaseMembers(sample, release), 50);
    return [
      figure('track.sweep.keps', rows, 'KEPs'),
      compared('track.sweep.enhancements-freeze.p50', sweep, membership, 'ms'),
    ];
  },
};
