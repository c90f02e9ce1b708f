/** What a reload changes, for its log line, and the parts of the config only a restart applies. */
import type { ResolvedConfig } from '../config/resolved-config.ts';

/** Added, removed and changed entries of a keyed list. */
export interface ListChanges {
  added: number;
  removed: number;
  changed: number;
}

/** Config sections composed once at start (Slack channels, delivery, the site's routes, the GitHub sync). */
const restartOnly = {
  workspace: (c: ResolvedConfig) => c.workspace,
  delivery: (c: ResolvedConfig) => c.delivery,
  site: (c: ResolvedConfig) => c.site,
  github: (c: ResolvedConfig) => ({ ...c.github, localCheckout: null }),
} as const;

/** The restart-only sections that differ, by name (e.g. `delivery`, `workspace`). */
export function restartOnlyChanges(before: ResolvedConfig, after: ResolvedConfig): string[] {
  return Object.entries(restartOnly)
    .filter(([, section]) => JSON.stringify(section(before)) !== JSON.stringify(section(after)))
    .map(([name]) => name);
}

/** `after` with the restart-only sections as they were: those wait for a restart, all of them. */
export function keepRestartOnly(before: ResolvedConfig, after: ResolvedConfig): ResolvedConfig {
  return {
    ...after,
    workspace: before.workspace,
    delivery: before.delivery,
    site: before.site,
    github: { ...before.github, localCheckout: after.github.localCheckout },
  };
}

/** How two keyed lists differ (entries compared by their JSON). */
export function listChanges<T>(before: T[], after: T[], key: (item: T) => string): ListChanges {
  const old = new Map(before.map((item) => [key(item), JSON.stringify(item)]));
  const now = new Map(after.map((item) => [key(item), JSON.stringify(item)]));
  let added = 0;
  let changed = 0;
  for (const [k, json] of now) {
    if (!old.has(k)) added++;
    else if (old.get(k) !== json) changed++;
  }
  return { added, removed: [...old.keys()].filter((k) => !now.has(k)).length, changed };
}

/** The SIGs, people and calendar of two configs, compared. */
export function referenceChanges(before: ResolvedConfig, after: ResolvedConfig) {
  return {
    sigs: listChanges(before.sigs, after.sigs, (s) => s.dir),
    people: listChanges(before.people, after.people, (p) => p.github.toLowerCase()),
    calendar: {
      release: after.release.name,
      changed:
        before.release.name !== after.release.name ||
        JSON.stringify(before.release.milestones) !== JSON.stringify(after.release.milestones),
      milestones: after.release.milestones.length,
    },
  };
}

/** Whether each SIG's channel (and the set of SIGs with one) is the same: no new lookup needed. */
export function sameSigChannels(before: ResolvedConfig, after: ResolvedConfig): boolean {
  const channels = (c: ResolvedConfig) => JSON.stringify(c.sigs.map((s) => [s.dir, s.channel]));
  return channels(before) === channels(after);
}

/** `+2/−1/~3`: added, removed, changed. */
export function formatChanges(changes: ListChanges): string {
  return `+${changes.added}/−${changes.removed}/~${changes.changed}`;
}
