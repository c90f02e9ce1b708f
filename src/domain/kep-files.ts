import { directoryNumber } from './kep-number.ts';

/**
 * Which files of a kubernetes/enhancements tree belong to which KEP: `keps/<group>/[<sub>/]<n>-<slug>/kep.yaml`
 * and the PRR approval file `keps/prod-readiness/<owning-sig>/<n>.yaml`. Pure path arithmetic.
 */

const prrFile = /^keps\/prod-readiness\/([^/]+)\/(\d+)\.ya?ml$/;

/** The KEP directory of a `…/kep.yaml` path, or null for other paths (and for prod-readiness files). */
export function kepDirOf(path: string): string | null {
  if (!path.startsWith('keps/') || path.startsWith('keps/prod-readiness/')) return null;
  if (!path.endsWith('/kep.yaml')) return null;
  return path.slice(0, -'/kep.yaml'.length);
}

/** The number a KEP directory starts with, or null. */
export function kepDirNumber(dir: string): number | null {
  return directoryNumber(dir.split('/').pop() ?? '');
}

/** The SIG and KEP number of a PRR file path, or null. */
export function readPrrPath(path: string): { sig: string; number: number } | null {
  const match = prrFile.exec(path);
  return match ? { sig: match[1]!, number: Number(match[2]) } : null;
}

/** The PRR approval file a KEP would have. */
export function prrPathFor(owningSig: string, number: number): string {
  return `keps/prod-readiness/${owningSig}/${number}.yaml`;
}

/** The kep.yaml and PRR file paths among `paths` that belong to the KEP numbers in `numbers`. */
export function selectKepFiles(
  paths: Iterable<string>,
  numbers: ReadonlySet<number>,
): { kepYaml: string[]; prr: string[] } {
  const kepYaml: string[] = [];
  const prr: string[] = [];
  for (const path of paths) {
    const dir = kepDirOf(path);
    const dirNumber = dir === null ? null : kepDirNumber(dir);
    if (dirNumber !== null && numbers.has(dirNumber)) kepYaml.push(path);
    const approval = readPrrPath(path);
    if (approval && numbers.has(approval.number)) prr.push(path);
  }
  return { kepYaml, prr };
}
