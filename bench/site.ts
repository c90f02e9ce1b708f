/**
 * `npm run bench -- site`: the release page, a SIG page and a KEP page rendered from the digest
 * bench's store (24 SIGs, 2,000 KEPs, 200,000 updates, 3,000 blockers): once with every chart
 * drawn from scratch (and the burn-up's daily states read in full), then as a request usually is
 * (charts drawn before, daily states kept, inputs unchanged), median of 10. The baseline is every SIG's digest built from the same store (the same reads).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDigest } from '../src/app/build-digest.ts';
import { createStore } from '../src/db/create-store.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/open.ts';
import { clearChartCache } from '../src/site/charts.ts';
import type { SiteModelSettings } from '../src/site/release-model.ts';
import { renderSitePage, type SitePage, servedLinks } from '../src/site/site.ts';
import { benchDigestSettings, benchNow, seedBenchStore } from './digest.ts';
import { compared, type Figure, figure, percentile, type Suite } from './figure.ts';

const samples = 10;

function timeMs(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'drumbeat-bench-site-'));
  const db = openDatabase(join(dir, 'bench.db'));
  try {
    migrate(db, undefined, () => benchNow);
    const store = createStore(db);
    seedBenchStore(store);
    const digest = benchDigestSettings();
    const settings: SiteModelSettings = {
      digest,
      repo: 'kubernetes/enhancements',
      showNotes: true,
      trackingStatus: null,
    };
    const links = servedLinks('/release');
    const render = (page: SitePage) => renderSitePage(store, settings, page, links, benchNow);
    const release: SitePage = { kind: 'release' };
    clearChartCache();
    const cold = timeMs(() => render(release));
    const warm = percentile(
      Array.from({ length: samples }, () => timeMs(() => render(release))),
      50,
    );
    const digests = timeMs(() => {
      for (const sig of digest.sigs)
        buildDigest(store, { settings: digest, sig, now: benchNow, channel: null });
    });
    const sigPage = percentile(
      Array.from({ length: samples }, () => timeMs(() => render({ kind: 'sig', dir: digest.sigs[0]!.dir }))),
      50,
    );
    const kepPage = percentile(
      Array.from({ length: samples }, () => timeMs(() => render({ kind: 'kep', number: 1000 }))),
      50,
    );
    const html = render(release)?.html ?? '';
    return [
      compared(
        'site: release page, 2,000 KEPs, charts drawn from scratch (vs every SIG digest)',
        cold,
        digests,
        'ms',
      ),
      compared(
        'site: release page, 2,000 KEPs, charts unchanged (median, vs every SIG digest)',
        warm,
        digests,
        'ms',
      ),
      figure('site: SIG page, 83 KEPs (median)', sigPage, 'ms'),
      figure('site: KEP page (median)', kepPage, 'ms'),
      figure('site: release page size', html.length / 1024, 'KiB'),
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const siteSuite: Suite = { name: 'site', run };
