/**
 * The wall time to simulate a whole 15-week release (every round, nudge, summary and alert for
 * every SIG in drumbeat.example.yaml) through the real bot and the local workspace, and the peak
 * memory while doing it.
 */
import { loadConfig } from '../src/config/load-config.ts';
import { simulateRelease } from '../src/sandbox/simulate-release.ts';
import { exampleConfigFile } from '../src/sandbox/start-sandbox-bot.ts';
import { figure, type Suite } from './figure.ts';

const mb = (bytes: number) => bytes / 1024 / 1024;

async function run() {
  const loaded = await loadConfig(exampleConfigFile);
  if (!loaded.ok) throw new Error('drumbeat.example.yaml does not load');
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 5);
  const started = performance.now();
  let result: Awaited<ReturnType<typeof simulateRelease>>;
  try {
    result = await simulateRelease({
      config: loaded.config,
      from: new Date('2025-09-15T00:00:00Z'),
      to: new Date('2025-12-20T23:59:59Z'),
    });
  } finally {
    clearInterval(sampler);
  }
  const wallMs = performance.now() - started;
  return [
    figure('simulate-release: 15-week v1.35 simulation wall time', wallMs, 'ms'),
    figure('simulate-release: posts simulated', result.posts.length, 'posts'),
    figure('simulate-release: wall time per post', wallMs / Math.max(1, result.posts.length), 'ms'),
    figure('simulate-release: peak RSS', mb(peakRss), 'MB'),
    figure('simulate-release: peak RSS growth during the run', mb(peakRss - before.rss), 'MB'),
    figure('simulate-release: peak heap used', mb(peakHeap), 'MB'),
  ];
}

export const simulateReleaseSuite: Suite = { name: 'simulate-release', run };
