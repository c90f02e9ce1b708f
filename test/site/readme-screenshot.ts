/**
 * Writes the README's picture of the release page: the v1.35 example release (as the browser test
 * builds it) in headless Chromium, 1280 px wide, the top of the page.
 * `npx tsx test/site/readme-screenshot.ts [docs/release-page-v1.35.png]`; CHROMIUM_PATH as for the tests.
 */
import { chromium } from 'playwright-core';
import { renderSitePage, servedLinks } from '../../src/site/site.ts';
import { siteModelSettingsFrom } from '../../src/wiring/site.ts';
import { exampleNow, exampleRelease } from './example-release.ts';

const out = process.argv[2] ?? 'docs/release-page-v1.35.png';
const height = Number(process.env.SCREENSHOT_HEIGHT ?? 1880);
const ex = await exampleRelease();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = renderSitePage(
    ex.store,
    siteModelSettingsFrom(ex.config),
    { kind: 'release' },
    servedLinks('/release'),
    exampleNow,
  );
  const tab = await browser.newPage({ viewport: { width: 1280, height } });
  await tab.setContent(page!.html, { waitUntil: 'load' });
  await tab.screenshot({ path: out, type: 'png' });
  console.info(`wrote ${out}`);
} finally {
  await browser.close();
  ex.cleanup();
}
