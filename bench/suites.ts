import type { Suite } from './figure.ts';

/** Every bench suite, in the order `npm run bench` runs them. Each feature adds its suite here. */
export const suites: Suite[] = [
  { name: 'github-sync', run: async () => (await import('./github-sync.ts')).githubSyncSuite.run() },
  { name: 'custody', run: async () => (await import('./custody.ts')).custodySuite.run() },
  { name: 'votes', run: async () => (await import('./votes.ts')).votesSuite.run() },
  { name: 'slack-ack', run: async () => (await import('./slack-ack.ts')).slackAckSuite.run() },
  {
    name: 'outbox-throughput',
    run: async () => (await import('./outbox-throughput.ts')).outboxThroughputSuite.run(),
  },
  {
    name: 'simulate-release',
    run: async () => (await import('./simulate-release.ts')).simulateReleaseSuite.run(),
  },
  { name: 'digest', run: async () => (await import('./digest.ts')).digestSuite.run() },
  { name: 'site', run: async () => (await import('./site.ts')).siteSuite.run() },
  { name: 'read-paths', run: async () => (await import('./read-paths.ts')).readPathsSuite.run() },
  { name: 'cold-start', run: async () => (await import('./cold-start.ts')).coldStartSuite.run() },
  { name: 'track', run: async () => (await import('./track.ts')).trackSuite.run() },
  { name: 'reliability', run: async () => (await import('./reliability.ts')).reliabilitySuite.run() },
  {
    name: 'reference-reload',
    run: async () => (await import('./reference-reload.ts')).referenceReloadSuite.run(),
  },
];
