/**
 * Where readers find the release page (`site.url`): the addresses Slack messages link to. Built
 * once by the composition root (`wiring/release-page-links.ts`); null wherever there is no page.
 */
export interface ReleasePageLinks {
  /** The release page, e.g. `https://drumbeat.example.org/release`. */
  release: string;
  /** A SIG's page, e.g. `…/release/sig-node`. */
  sig(dir: string): string;
  /** A KEP's page, e.g. `…/release/kep/1287`. */
  kep(number: number): string;
}
