import type { KnownBlock } from '@slack/types';
import { type Digest, digestDriftLimit } from '../../domain/digest.ts';
import type { RepoLinks } from '../../domain/repo-links.ts';
import type { ReleasePageLinks } from '../../ports/release-page-links.ts';
import { escapeMrkdwn, link, truncate } from '../escape.ts';
import { section } from './block-kit.ts';

function moreLine(d: Digest, more: number, links: ReleasePageLinks | null): string {
  const page = links
    ? `; ${link(links.sig(d.sig.dir), `${d.sig.name} on the release page`)} shows each KEP`
    : '';
  return `…and ${more} more: \`drumbeat drift\` lists every finding${page}.`;
}

/**
 * The digest's GitHub drift: one line per open finding of the SIG's KEPs (labels, milestone, the
 * board and kep.yaml disagree), at most `digestDriftLimit`, the rest counted. None: no block.
 */
export function digestDriftBlocks(d: Digest, repo: RepoLinks, links: ReleasePageLinks | null): KnownBlock[] {
  const drift = d.drift ?? [];
  if (drift.length === 0) return [];
  const lines = [
    `*GitHub drift* (${drift.length} open): where labels, milestone, the board and kep.yaml disagree`,
  ];
  for (const f of drift.slice(0, digestDriftLimit)) {
    const url = links ? links.kep(f.kepNumber) : repo.issue(f.kepNumber);
    lines.push(`• ${link(url, `#${f.kepNumber}`)} ${escapeMrkdwn(truncate(f.message, 200))}`);
  }
  if (drift.length > digestDriftLimit) lines.push(moreLine(d, drift.length - digestDriftLimit, links));
  return [section(lines.join('\n'))];
}
