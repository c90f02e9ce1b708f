import type { Store, StoredKep } from '../ports/store.ts';

export type KepLookup =
  | { ok: true; kep: StoredKep }
  | { ok: false; message: string; suggestions: StoredKep[] };

/**
 * Finds the KEP a person means by its number. Numbers are not unique across SIGs (a KEP that
 * moved), so the one in the release wins. Unknown numbers get up to three "did you mean"
 * suggestions from the release: numbers one typo away.
 */
export function resolveKep(store: Pick<Store, 'keps'>, number: number, release: string): KepLookup {
  const found = store.keps.findByNumber(number);
  if (found.length > 0) {
    return { ok: true, kep: found.find((k) => k.latestMilestone === release) ?? found[0]! };
  }
  const wanted = String(number);
  const suggestions = store.keps
    .list({ latestMilestone: release })
    .filter((k) => editDistance(String(k.number), wanted) <= 1)
    .slice(0, 3);
  const hint =
    suggestions.length > 0
      ? ` Did you mean ${suggestions.map((k) => `KEP-${k.number} (${k.title})`).join(', ')}?`
      : '';
  return {
    ok: false,
    message: `KEP-${number} is not a KEP Drumbeat knows (it reads kubernetes/enhancements).${hint}`,
    suggestions,
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
