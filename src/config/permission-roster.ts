import type { PermissionRoster } from '../domain/permissions.ts';
import type { ResolvedConfig } from './resolved-config.ts';

/** The roles the permission rules check, as the config assigns them. */
export function permissionRosterFrom(
  config: Pick<ResolvedConfig, 'sigs' | 'release' | 'planning'>,
): PermissionRoster {
  return {
    reporters: Object.fromEntries(config.sigs.map((s) => [s.dir, s.statusUpdaters])),
    releaseLead: config.release.lead?.github ?? null,
    releaseTeam: config.release.team,
    exceptionDeciders: config.planning.exceptions.deciders,
  };
}
