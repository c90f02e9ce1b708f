/**
 * Every page of the example release in a real headless Chromium (Debian's `chromium`, driven by
 * playwright-core): no console errors, the charts' SVG present and drawn, no serious axe-core
 * violations, on a desktop and a phone viewport. Screenshots go to `.vitest/site/` (gitignored).
 * `.ci/run` installs chromium; where it cannot be installed the suite says so and does not run.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteDefaults } from '../../src/config/site-config.ts';
import { releasePages } from '../../src/site/export-site.ts';
import { createSiteHandler } from '../../src/site/serve-site.ts';
import { sitePath } from '../../src/site/site.ts';
import { siteModelSettingsFrom } from '../../src/wiring/site.ts';
import { silentLogger } from '../app/vote-helpers.ts';
import { type ExampleRelease, exampleNow, exampleRelease } from './example-release.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const screenshots = join(process.cwd(), '.vitest', 'site');
if (!hasChromium) {
  const message = `chromium not found at ${chromiumPath}: the browser tests of the release page do not run here (install it with \`apt-get install -y chromium\`, or set CHROMIUM_PATH)`;
  console.warn(message);
}

const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe.runIf(hasChromium)('the release site in headless Chromium', () => {
  let ex: ExampleRelease;
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    ex = await exampleRelease();
    const handler = createSiteHandler({
      store: ex.store,
      models: siteModelSettingsFrom(ex.config),
      site: { ...siteDefaults, access: 'public' },
      now: () => exampleNow,
      logger: silentLogger,
    });
    server = createServer((req, res) => {
      if (!handler(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: flags });
    mkdirSync(screenshots, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    ex?.cleanup();
  });

  /** Loads a page; returns the console errors and failed requests it caused. */
  async function load(page: Page, path: string): Promise<string[]> {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    const res = await page.goto(`${base}/release${path}`);
    expect(res?.status(), path).toBe(200);
    return problems;
  }

  /** Every chart's SVG: its accessible name, how many shapes it draws, and its size on screen. */
  function charts(page: Page) {
    return page.$$eval('figure svg[aria-label]', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return {
          label: svg.getAttribute('aria-label') ?? '',
          shapes: svg.querySelectorAll('rect, path, circle, text').length,
          width: box.width,
          height: box.height,
        };
      }),
    );
  }

  async function seriousViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: axe.source });
    const found = await page.evaluate(async () => {
      const g = globalThis as unknown as { axe: typeof axe; document: Parameters<typeof axe.run>[0] };
      const result = await g.axe.run(g.document);
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      }));
    });
    return found
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.join(', ')}`);
  }

  it('loads every page with no console errors, drawn charts and no serious accessibility violations', async () => {
    const pages = releasePages(ex.store, siteModelSettingsFrom(ex.config), exampleNow);
    expect(pages.length).toBeGreaterThan(20);
    // bypassCSP: the page allows no script, and axe-core is one
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, bypassCSP: true });
    try {
      for (const target of pages) {
        const path = sitePath(target) === '' ? '' : `/${sitePath(target)}`;
        const page = await context.newPage();
        const problems = await load(page, path);
        const drawn = await charts(page);
        if (target.kind === 'release') {
          expect(drawn.length).toBeGreaterThanOrEqual(5);
          await page.screenshot({ path: join(screenshots, 'release.png'), fullPage: true });
        }
        for (const chart of drawn) {
          expect(chart.label, path).not.toBe('');
          expect(chart.shapes, `${path} ${chart.label}`).toBeGreaterThan(2);
          expect(chart.width * chart.height, `${path} ${chart.label}`).toBeGreaterThan(0);
        }
        expect(await seriousViolations(page), path).toEqual([]);
        expect(problems, path).toEqual([]);
        if (target.kind !== 'release')
          await page.screenshot({
            path: join(screenshots, `${sitePath(target).replace('/', '-')}.png`),
            fullPage: true,
          });
        await page.close();
      }
    } finally {
      await context.close();
    }
  }, 600_000);

  it('fits a phone: no page wider than the screen, charts scaled down', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      bypassCSP: true,
    });
    try {
      for (const path of ['', '/sig-node', `/kep/${ex.keps[0]!.number}`]) {
        const page = await context.newPage();
        expect(await load(page, path)).toEqual([]);
        const overflow = await page.evaluate(() => {
          const g = globalThis as unknown as {
            document: { documentElement: { scrollWidth: number } };
            innerWidth: number;
          };
          return g.document.documentElement.scrollWidth - g.innerWidth;
        });
        expect(overflow, path).toBeLessThanOrEqual(0);
        for (const chart of await charts(page))
          expect(chart.width, `${path} ${chart.label}`).toBeLessThanOrEqual(390);
        expect(await seriousViolations(page), path).toEqual([]);
        await page.screenshot({
          path: join(screenshots, `phone${path.replace(/\//g, '-') || '-release'}.png`),
          fullPage: true,
        });
        await page.close();
      }
    } finally {
      await context.close();
    }
  }, 300_000);
});
