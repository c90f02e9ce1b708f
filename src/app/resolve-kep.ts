import { isInRelease, releaseMembers } from '../domain/release-membership.ts';
import type { Store, StoredKep } from '../ports/store.ts';

export type KepLookup =
  /** `alsoNumbered`: other folders with the same number, which are not in the release. */
  | { ok: true; kep: StoredKep; alsoNumbered: StoredKep[] }
  | { ok: false; message: string; suggestions: StoredKep[] };

/**
 * Finds the KEP a person means by its number in the enhancements `repo` (`owner/name`, named in
 * the answers). Numbers are not unique (a KEP that moved between
 * SIGs can leave two folders with one number): when exactly one of them is in the release it is
 * the one meant, and the others are named; otherwise the lookup says which folders share the
 * number rather than picking one. Unknown numbers get up to three "did you mean" suggestions from
 * the release: numbers one typo away.
 */
export function resolveKep(
  store: Pick<Store, 'keps'>,
  number: number,
  release: string,
  repo: string,
): KepLookup {
  const found = store.keps.findByNumber(number);
  if (found.length === 1) return { ok: true, kep: found[0]!, alsoNumbered: [] };
  if (found.length > 1) return chooseAmong(found, number, release, repo);
  const wanted = String(number);
  const suggestions = releaseMembers(store.keps.list({ latestMilestone: release }), release)
    .filter((k) => editDistance(String(k.number), wanted) <= 1)
    .slice(0, 3);
  const hint =
    suggestions.length > 0
      ? ` Did you mean ${suggestions.map((k) => `KEP-${k.number} (${k.title})`).join(', ')}?`
      : '';
  return {
    ok: false,
    message: `KEP-${number} is not a KEP Drumbeat knows (it reads ${repo}).${hint}`,
    suggestions,
  };
}

function chooseAmong(found: StoredKep[], number: number, release: string, repo: string): KepLookup {
  const members = found.filter((k) => isInRelease(k, release));
  if (members.length === 1) {
    const kep = members[0]!;
    return { ok: true, kep, alsoNumbered: found.filter((k) => k !== kep) };
  }
  const where =
    members.length === 0 ? `none of them is in ${release}` : `${members.length} of them are in ${release}`;
  return {
    ok: false,
    message: `KEP-${number} is the number of ${found.length} folders (${found.map((k) => k.path).join(', ')}) and ${where}, so Drumbeat does not guess which one you mean. The kep-number of the folder that is not issue #${number} needs fixing in ${repo}.`,
    suggestions: members.length > 0 ? members : found,
  };
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
