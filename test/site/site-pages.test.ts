import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportedLinks,
  parseSitePath,
  renderSitePage,
  type SitePage,
  servedLinks,
} from '../../src/site/site.ts';
import { siteModelSettingsFrom } from '../../src/wiring/site.ts';
import { type ExampleRelease, exampleNow, exampleRelease } from './example-release.ts';

let ex: ExampleRelease;
beforeAll(async () => {
  ex = await exampleRelease();
}, 60_000);
afterAll(() => ex.cleanup());

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Plot writes its own <style> in each chart; the page's layout lives in one <style> in <head>.
    'no-inline-style': 'off',
  },
});

function render(page: SitePage, links = servedLinks('/release')) {
  const settings = siteModelSettingsFrom(ex.config);
  const out = renderSitePage(ex.store, settings, page, links, exampleNow);
  if (!out) throw new Error(`no page for ${JSON.stringify(page)}`);
  return out;
}

async function expectValid(html: string) {
  const report = await validator.validateString(html);
  const messages = report.results.flatMap((r) =>
    r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
  );
  expect(messages).toEqual([]);
}

describe('the release site for the example release (v1.35)', () => {
  it('renders the release page: countdown, charts as SVG with labels, SIG table, graph with the cycle', async () => {
    const { html, lastModified } = render({ kind: 'release' });
    expect(html).toContain('<h1>Kubernetes v1.35 release</h1>');
    expect(html).toMatch(
      /Next freeze: <strong>Begin Code Freeze and Test Freeze<\/strong> at .*, in <strong>4 days<\/strong>/,
    );
    expect(html.match(/<svg[^>]*role="img"/g)?.length).toBeGreaterThanOrEqual(4);
    expect(html).toMatch(/<svg[^>]*role="group"[^>]*aria-label="Open blockers/);
    expect(html).toContain('<a href="/release/sig-node">Node</a>');
    expect(html).toContain('Dependency cycle');
    expect(html).toMatch(/KEP-\d+ → KEP-\d+ → KEP-\d+/);
    expect(html).toContain('url(#state-at-risk)');
    expect(lastModified >= '2025-10-28').toBe(true);
    await expectValid(html);
  });

  it('renders every SIG page and every KEP page of the release as valid HTML', async () => {
    const settings = siteModelSettingsFrom(ex.config);
    const pages: SitePage[] = [
      ...settings.digest.sigs.map((s) => ({ kind: 'sig' as const, dir: s.dir })),
      ...ex.keps.map((k) => ({ kind: 'kep' as const, number: k.number })),
    ];
    expect(pages.length).toBeGreaterThan(20);
    for (const page of pages) {
      const { html } = render(page, exportedLinks(page));
      await expectValid(html);
    }
  }, 120_000);

  it('escapes what people wrote and keeps notes from DMs off the page', () => {
    const kep = ex.keps.find((k) => k.owningSig === 'sig-node')!;
    const { html } = render({ kind: 'kep', number: kep.number });
    expect(html).not.toContain('<b>&</b>');
    expect(html).not.toContain('<script>');
    const node = render({ kind: 'sig', dir: 'sig-node' }).html;
    expect(node).toContain('e2e tests not merged &lt;script&gt;');
    expect(node).toContain('Increment 1');
  });

  it('leaves notes out when site.showNotes is false', () => {
    const settings = { ...siteModelSettingsFrom(ex.config), showNotes: false };
    const atRisk = ex.keps.find((k) => k.number % 6 === 1)!;
    const shown = renderSitePage(
      ex.store,
      siteModelSettingsFrom(ex.config),
      { kind: 'kep', number: atRisk.number },
      servedLinks(''),
      exampleNow,
    )!;
    const hidden = renderSitePage(
      ex.store,
      settings,
      { kind: 'kep', number: atRisk.number },
      servedLinks(''),
      exampleNow,
    )!;
    expect(shown.html).toContain('waiting on API review &lt;b&gt;&amp;&lt;/b&gt; @here');
    expect(hidden.html).not.toContain('waiting on API review');
    const sig = renderSitePage(
      ex.store,
      settings,
      { kind: 'sig', dir: 'sig-node' },
      servedLinks(''),
      exampleNow,
    )!;
    expect(sig.html).not.toContain('e2e tests not merged');
  });

  it('shows the tracking Status when a rule is plugged in', () => {
    const settings = siteModelSettingsFrom(ex.config, (kep, state) =>
      state === 'dropped' ? 'Removed From Milestone' : `Tracked For ${kep.stage ?? 'nothing'}`,
    );
    const out = renderSitePage(ex.store, settings, { kind: 'release' }, servedLinks(''), exampleNow)!;
    expect(out.html).toContain('KEPs by tracking Status');
    expect(out.html).toContain('Removed From Milestone');
  });

  it('reads page paths, and refuses what names no page', () => {
    expect(parseSitePath('')).toEqual({ kind: 'release' });
    expect(parseSitePath('/sig-node/')).toEqual({ kind: 'sig', dir: 'sig-node' });
    expect(parseSitePath('kep/1287')).toEqual({ kind: 'kep', number: 1287 });
    expect(parseSitePath('kep/12x')).toBeNull();
    expect(parseSitePath('../etc/passwd')).toBeNull();
    expect(
      render({ kind: 'sig', dir: 'sig-node' }, exportedLinks({ kind: 'sig', dir: 'sig-node' })).html,
    ).toContain('href="../index.html"');
    expect(
      renderSitePage(
        ex.store,
        siteModelSettingsFrom(ex.config),
        { kind: 'kep', number: 999999 },
        servedLinks(''),
        exampleNow,
      ),
    ).toBeNull();
    expect(
      renderSitePage(
        ex.store,
        siteModelSettingsFrom(ex.config),
        { kind: 'sig', dir: 'sig-nope' },
        servedLinks(''),
        exampleNow,
      ),
    ).toBeNull();
  });
});
