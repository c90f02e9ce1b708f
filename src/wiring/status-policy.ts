import type { StatusPolicy } from '../app/record-status.ts';
import type { ResolvedConfig } from '../config/resolved-config.ts';

/** The status rules from the config: current release, coding period, who may update which SIG. */
export function statusPolicyFrom(config: ResolvedConfig): StatusPolicy {
  return {
    release: config.release.name,
    codingPeriod: config.release.codingPeriod,
    admins: config.release.team,
    updaters: Object.fromEntries(config.sigs.map((s) => [s.dir, s.statusUpdaters])),
    repo: config.github.repo,
  };
}
