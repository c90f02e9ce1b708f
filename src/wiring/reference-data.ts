import type { ReferenceData } from '../app/load-reference-data.ts';
import type { ResolvedConfig } from '../config/resolved-config.ts';
import type { Kep } from '../domain/types.ts';
import { readKepsFromCheckout } from '../github/local-checkout.ts';
import type { Logger } from '../ports/logger.ts';
import type { SigRecord } from '../ports/store.ts';

/**
 * What the store should hold according to the config (people, SIGs, the release and its calendar)
 * plus KEPs read elsewhere (null keeps what the store has). `channels` keeps the channel ids the
 * bot resolved before, by SIG dir; they are resolved again at every start.
 */
export function referenceDataFrom(
  config: ResolvedConfig,
  keps: Kep[] | null,
  channels: ReadonlyMap<string, Pick<SigRecord, 'channelId' | 'channelName'>> = new Map(),
): ReferenceData {
  const sigs: SigRecord[] = config.sigs.map((sig) => ({
    dir: sig.dir,
    name: sig.name,
    kind: sig.kind,
    label: sig.label,
    slackChannel: sig.channel ?? sig.slackChannel,
    chairs: sig.chairs,
    techLeads: sig.techLeads,
    meetings: sig.meetings,
    channelId: channels.get(sig.dir)?.channelId ?? null,
    channelName: channels.get(sig.dir)?.channelName ?? null,
    facilitators: sig.facilitators,
  }));
  return {
    people: config.people,
    sigs,
    release: {
      name: config.release.name,
      codingPeriod: config.release.codingPeriod,
      milestones: config.release.milestones,
    },
    keps,
  };
}

/** The reference data for a start: the config, plus the KEPs of the local checkout when one is set. */
export async function readReferenceData(config: ResolvedConfig, logger: Logger): Promise<ReferenceData> {
  if (!config.github.localCheckout) return referenceDataFrom(config, null);
  const read = await readKepsFromCheckout(config.github.localCheckout, {
    knownSigs: config.sigs.map((s) => s.dir),
  });
  // Shared KEP numbers and unreadable files are choices nobody should make silently.
  for (const warning of read.warnings) logger.warn(`${warning.source}: ${warning.message}`);
  logger.info('KEPs read from the local checkout', {
    keps: read.keps.length,
    withWarnings: read.keps.filter((k) => k.warnings.length > 0).length,
    problems: read.warnings.length,
  });
  return referenceDataFrom(config, read.keps);
}
