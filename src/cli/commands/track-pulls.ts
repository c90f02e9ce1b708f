import { custodyKeps, traceCustody } from '../../app/trace-custody.ts';
import type { TrackSources } from '../../app/track-release.ts';
import type { ResolvedConfig } from '../../config/resolved-config.ts';
import type { LinkedPull } from '../../domain/custody.ts';
import { systemClock } from '../../system/system-clock.ts';
import type { CliIo } from '../io.ts';
import { pullRequestSourceFor, withCustodyStore } from './custody.ts';

/**
 * `drumbeat track --prs`: the sources with the code repository's pull requests linked to each KEP
 * issue of the release (of one SIG with `sig`), read from GitHub, so Code Freeze and Test Freeze are
 * judged from them, through the stored chain of custody of the database `dbFile` (none kept when
 * null). A string says why they cannot be read.
 */
export async function withLinkedPulls(
  sources: TrackSources,
  config: ResolvedConfig,
  sig: string | null,
  io: CliIo,
  dbFile: string | null,
): Promise<TrackSources | string> {
  const token = io.env.GITHUB_TOKEN?.trim();
  if (!token) return '--prs reads GitHub: GITHUB_TOKEN is not set';
  const milestones = new Map([...(sources.issues ?? [])].map(([n, i]) => [n, i.milestone]));
  const keps = custodyKeps(sources.keps, config.release.name, milestones, sig ? { sig } : {});
  try {
    const { report } = await withCustodyStore(dbFile, (store) =>
      traceCustody(
        { github: pullRequestSourceFor(token, io), store, clock: systemClock },
        {
          keps,
          release: config.release.name,
          enhancementsRepo: config.github.repo,
          codeRepo: config.github.codeRepo,
          preFreeze: false,
        },
      ),
    );
    const pulls = new Map<number, readonly LinkedPull[]>(report.keps.map((k) => [k.kep.number, k.pulls]));
    return { ...sources, pulls };
  } catch (error) {
    return `cannot read the pull requests (${error instanceof Error ? error.message : String(error)})`;
  }
}
