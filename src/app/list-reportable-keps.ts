import type { PersonRecord, Store, StoredKep } from '../ports/store.ts';
import { listReleaseKeps } from './list-release-keps.ts';
import { type StatusPolicy, unknownPersonMessage } from './record-status.ts';

/** The repos `listReportableKeps` reads. */
export type ReportableKepsStore = Pick<Store, 'keps' | 'people' | 'sigs' | 'statusUpdates'>;

export interface ListReportableKepsInput {
  slackUser: string;
  /**
   * What the person typed in the type-ahead: KEP numbers (`4222`, `#42`, `KEP-4222`) match by
   * prefix, words match the title (or the SIG dir); every word must match. Empty: every KEP.
   */
  query?: string;
  /** At most this many KEPs (default: all). */
  limit?: number;
}

export type ReportableKeps =
  | {
      ok: true;
      person: PersonRecord;
      /** The SIGs the person may update, by dir, ordered. */
      sigs: string[];
      /** Their KEPs in the release that match the query, best match first, at most `limit`. */
      keps: StoredKep[];
      /** How many matched before `limit` cut the list. */
      total: number;
    }
  | { ok: false; reason: 'unknown-person' | 'no-sigs'; message: string };

/**
 * The KEPs a person may report on: those owned by the SIGs they may update (as facilitator,
 * chair… per the release's updaters, or every SIG for the release team), in the current release.
 * With a query, the best matches first: an exact number, then numbers starting with the digits,
 * then title matches, each by number.
 */
export function listReportableKeps(
  store: ReportableKepsStore,
  policy: StatusPolicy,
  input: ListReportableKepsInput,
): ReportableKeps {
  const person = store.people.getBySlackId(input.slackUser);
  if (!person) return { ok: false, reason: 'unknown-person', message: unknownPersonMessage };
  const sigs = sigsUpdatableBy(store, policy, person.github);
  if (sigs.length === 0) {
    return {
      ok: false,
      reason: 'no-sigs',
      message:
        `You (GitHub @${person.github}) do not report for any SIG in ${policy.release}, so there is no KEP you can update. ` +
        'A release admin can add you as a facilitator under `sigs.overrides.<sig>.facilitators` in drumbeat.yaml.',
    };
  }
  const mine = new Set(sigs);
  const keps = listReleaseKeps(store, policy.release).keps.filter(
    (kep) => kep.owningSig !== null && mine.has(kep.owningSig),
  );
  const ranked = rankByQuery(keps, input.query ?? '');
  const limit = input.limit ?? ranked.length;
  return { ok: true, person, sigs, keps: ranked.slice(0, Math.max(0, limit)), total: ranked.length };
}

/** SIG dirs whose KEPs this login may update: all SIGs for the release team, else where listed. */
function sigsUpdatableBy(store: Pick<Store, 'sigs'>, policy: StatusPolicy, github: string): string[] {
  const login = github.toLowerCase();
  const listed = (logins: string[]) => logins.some((l) => l.toLowerCase() === login);
  const all = store.sigs.list().map((s) => s.dir);
  if (listed(policy.admins)) return all;
  return all.filter((dir) => listed(policy.updaters[dir] ?? []));
}

/** 0 = the exact number, 1 = a number prefix, 2 = a title match; null = no match. */
function matchRank(kep: StoredKep, words: string[]): number | null {
  let rank = 2;
  const title = `${kep.title} ${kep.owningSig ?? ''}`.toLowerCase();
  const number = String(kep.number);
  for (const word of words) {
    const digits = /^(?:#|kep-?)?(\d+)$/.exec(word)?.[1];
    if (digits !== undefined && number === digits) rank = Math.min(rank, 0);
    else if (digits !== undefined && number.startsWith(digits)) rank = Math.min(rank, 1);
    else if (!title.includes(word)) return null;
  }
  return rank;
}

function rankByQuery(keps: StoredKep[], query: string): StoredKep[] {
  const words = query
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (words.length === 0) return keps;
  return keps
    .map((kep) => ({ kep, rank: matchRank(kep, words) }))
    .filter((m): m is { kep: StoredKep; rank: number } => m.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.kep.number - b.kep.number)
    .map((m) => m.kep);
}
