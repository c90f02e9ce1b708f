/**
 * The release site: one renderer for the bot's HTTP route and the static export. A page is named
 * by its path under the site root: '' (the release), a SIG's dir (`sig-node`), or `kep/<number>`.
 */
import type { Store } from '../ports/store.ts';
import { buildKepModel, buildSigModel } from './detail-models.ts';
import { renderKepPage, renderSigPage } from './detail-pages.ts';
import type { SiteLinks } from './html.ts';
import { buildReleaseModel, type SiteModelSettings } from './release-model.ts';
import { renderReleasePage } from './release-page.ts';
import type { RenderedPage, SitePage } from './site-paths.ts';

export {
  exportedLinks,
  parseSitePath,
  type RenderedPage,
  type SitePage,
  servedLinks,
  sitePath,
} from './site-paths.ts';

/** Renders a page from the store as of `now`; null when the SIG or KEP is unknown. */
export function renderSitePage(
  store: Store,
  settings: SiteModelSettings,
  page: SitePage,
  links: SiteLinks,
  now: Date,
): RenderedPage | null {
  if (page.kind === 'release') {
    const model = buildReleaseModel(store, settings, now);
    return { html: renderReleasePage(model, links), lastModified: model.lastModified };
  }
  if (page.kind === 'sig') {
    const sig = settings.digest.sigs.find((s) => s.dir === page.dir);
    if (!sig) return null;
    const model = buildSigModel(store, settings, sig, now);
    return { html: renderSigPage(model, links), lastModified: model.lastModified };
  }
  const model = buildKepModel(store, settings, page.number, now);
  return model ? { html: renderKepPage(model, links), lastModified: model.lastModified } : null;
}
