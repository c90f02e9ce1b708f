/**
 * KEP numbers are the kubernetes/enhancements issue numbers, but two folders can carry the same
 * one (a KEP that moved between SIGs and left its old folder behind). Nothing may pick one of them
 * silently: each folder gets a warning naming the others, with the line of its `kep-number`.
 */
import type { Kep, Warning } from './types.ts';

/** Line of each KEP's `kep-number`, by KEP path, when known. */
export type NumberLines = ReadonlyMap<string, number>;

function where(path: string, lines?: NumberLines): string {
  const line = lines?.get(path);
  return line === undefined ? `${path}/kep.yaml` : `${path}/kep.yaml:${line}`;
}

/** KEP paths grouped by number, for numbers used by more than one folder (number 0, "none", left out). */
export function duplicateNumbers(keps: readonly Pick<Kep, 'path' | 'number'>[]): Map<number, string[]> {
  const byNumber = new Map<number, string[]>();
  for (const kep of keps) {
    if (kep.number === 0) continue;
    byNumber.set(kep.number, [...(byNumber.get(kep.number) ?? []), kep.path]);
  }
  for (const [number, paths] of byNumber) if (paths.length < 2) byNumber.delete(number);
  return byNumber;
}

/** One warning per folder whose `kep-number` another folder also uses. */
export function duplicateNumberWarnings(
  keps: readonly Pick<Kep, 'path' | 'number'>[],
  lines?: NumberLines,
): Warning[] {
  const warnings: Warning[] = [];
  for (const [number, paths] of duplicateNumbers(keps)) {
    for (const path of paths) {
      const others = paths.filter((p) => p !== path).map((p) => where(p, lines));
      warnings.push({
        source: where(path, lines),
        message: `kep-number ${number} is also used by ${others.join(', ')}; a lookup of KEP-${number} lists every folder instead of picking one. Fix the number of the folder that is not issue #${number}.`,
      });
    }
  }
  return warnings;
}
