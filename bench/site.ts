/**
 * `npm run bench -- site`: the release page, a SIG page and a KEP page rendered from the digest
 * bench's store (24 SIGs, 2,000 KEPs, 200,000 updates, 3,000 blockers): once with every chart
 * drawn from scratch (and the burn-up's daily states read in full), then as a request usually is
 * (charts drawn before, daily states kept, inputs unchanged), median of 10. Baselines: every SIG's
 * digest built from the same store (the reads the release page once made), and one SIG's digest as
 * the pages read it (no "what changed" window, no process-health line), median of 10 measured in
 * turn with the pages (so both see the same load). Then a revalidation through the HTTP handler: a request carrying the page's ETag, answered
 * 304 without rendering while nothing changed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDigest, digestPass } from '../src/app/build-digest.ts';
import { siteDefaults } from '../src/config/site-config.ts';
import { createStore } from '../src/db/create-store.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/open.ts';
import type { Logger } from '../src/ports/logger.ts';
import type { Store } from '../src/ports/store.ts';
import { clearChartCache } from '../src/site/charts.ts';
import { readSigDigest, type SiteModelSettings } from '../src/site/release-model.ts';
import { createSiteHandler, type SiteHandler } from '../src/site/serve-site.ts';
import { renderSitePage, type SitePage, servedLinks } from '../src/site/site.ts';
import { benchDigestSettings, benchNow, seedBenchStore } from './digest.ts';
import { compared, type Figure, figure, percentile, type Suite } from './figure.ts';

const samples = 10;

function timeMs(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

/**
 * The median time of each task, measured in rounds (each task once per round, in turn), so every
 * task and the baseline among them see the same load on the machine.
 */
function interleaved<K extends string>(tasks: Record<K, () => unknown>): Record<K, number> {
  const times = Object.fromEntries(Object.keys(tasks).map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < samples; round++)
    for (const key of Object.keys(tasks) as K[]) times[key].push(timeMs(tasks[key]));
  return Object.fromEntries(
    Object.entries<number[]>(times).map(([k, t]) => [k, percentile(t, 50)]),
  ) as Record<K, number>;
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

/**
 * One GET through the handler, as the bot's HTTP server would pass it; resolves with the answer's
 * status and ETag once it has ended (the handler answers after its renderer has loaded).
 */
function get(
  handler: SiteHandler,
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; etag: string }> {
  return new Promise((resolve) => {
    const answer = { status: 0, etag: '' };
    const res = {
      writeHead(status: number, head: Record<string, string> = {}) {
        answer.status = status;
        answer.etag = head.etag ?? '';
        return res;
      },
      end: () => {
        resolve(answer);
        return res;
      },
    };
    handler({ url, method: 'GET', headers } as unknown as IncomingMessage, res as unknown as ServerResponse);
  });
}

/** The median time of a revalidation of the release page that is answered 304. */
async function revalidation(store: Store, settings: SiteModelSettings): Promise<number> {
  const handler = createSiteHandler({
    store,
    models: settings,
    site: { ...siteDefaults, access: 'public' },
    now: () => benchNow,
    logger: silent,
  });
  const { etag } = await get(handler, '/release');
  const statuses = new Set<number>();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    statuses.add((await get(handler, '/release', { 'if-none-match': etag })).status);
    times.push(performance.now() - started);
  }
  if (statuses.size !== 1 || !statuses.has(304)) throw new Error(`revalidation answered ${[...statuses]}`);
  return percentile(times, 50);
}

async function measure(store: Store): Promise<Figure[]> {
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
  const { warm, sigPage, kepPage, oneDigest } = interleaved({
    warm: () => render(release),
    sigPage: () => render({ kind: 'sig', dir: digest.sigs[0]!.dir }),
    kepPage: () => render({ kind: 'kep', number: 1000 }),
    oneDigest: () => readSigDigest(store, settings, digest.sigs[0]!, benchNow),
  });
  const revalidated = await revalidation(store, settings);
  const digests = timeMs(() => {
    const pass = digestPass(store, digest.release, benchNow);
    for (const sig of digest.sigs)
      buildDigest(store, { settings: digest, sig, now: benchNow, channel: null }, pass);
  });
  const html = render(release)?.html ?? '';
  const vsOne = (name: string, ms: number) =>
    compared(`${name} (median, vs one SIG digest)`, ms, oneDigest, 'ms');
  return [
    compared(
      'site: release page, 2,000 KEPs, charts drawn from scratch (vs every SIG digest)',
      cold,
      digests,
      'ms',
    ),
    vsOne('site: release page, 2,000 KEPs, charts unchanged', warm),
    vsOne('site: SIG page, 83 KEPs', sigPage),
    vsOne('site: KEP page', kepPage),
    vsOne('site: release page revalidated, 304 without rendering', revalidated),
    figure('site: one SIG digest as the pages read it, 83 KEPs (median)', oneDigest, 'ms'),
    figure('site: release page size', html.length / 1024, 'KiB'),
  ];
}

async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'drumbeat-bench-site-'));
  const db = openDatabase(join(dir, 'bench.db'));
  try {
    migrate(db, undefined, () => benchNow);
    const store = createStore(db);
    seedBenchStore(store);
    return await measure(store);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const siteSuite: Suite = { name: 'site', run };
