/**
 * The static export: every page of the site as `<path>/index.html` under a folder, with relative
 * links, for GitHub Pages or any static host. Same renderer as the bot's route.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../ports/store.ts';
import { readSigDigest, type SiteModelSettings } from './release-model.ts';
import { exportedLinks, renderSitePage, type SitePage, sitePath } from './site.ts';

export interface ExportResult {
  pages: number;
  /** The files written, relative to the folder. */
  files: string[];
}

export function exportSite(store: Store, settings: SiteModelSettings, now: Date, dir: string): ExportResult {
  const files: string[] = [];
  for (const page of releasePages(store, settings, now)) {
    const rendered = renderSitePage(store, settings, page, exportedLinks(page), now);
    if (!rendered) continue;
    const file = join(sitePath(page), 'index.html');
    mkdirSync(join(dir, sitePath(page)), { recursive: true });
    writeFileSync(join(dir, file), rendered.html);
    files.push(file);
  }
  // GitHub Pages: serve the folders as they are
  writeFileSync(join(dir, '.nojekyll'), '');
  return { pages: files.length, files };
}

/** The release page, each SIG's page, and the page of each KEP the SIG pages list (the digest's KEPs). */
export function releasePages(store: Store, settings: SiteModelSettings, now: Date): SitePage[] {
  const numbers = new Set<number>();
  for (const sig of settings.digest.sigs)
    for (const row of readSigDigest(store, settings, sig, now).keps) numbers.add(row.number);
  return [
    { kind: 'release' },
    ...settings.digest.sigs.map((s): SitePage => ({ kind: 'sig', dir: s.dir })),
    ...[...numbers].sort((a, b) => a - b).map((number): SitePage => ({ kind: 'kep', number })),
  ];
}
