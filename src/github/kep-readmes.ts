import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type KepReadme, readKepReadme } from '../domain/kep-readme.ts';

const maxReadmeBytes = 2 * 1024 * 1024;

async function readOne(path: string): Promise<KepReadme | null> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > maxReadmeBytes) return null;
    return readKepReadme(await readFile(path, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * The headings of each KEP's README.md in a kubernetes/enhancements checkout, by KEP path. A KEP
 * whose README is missing or unreadable is left out (its README requirements stay unverified).
 */
export async function readKepReadmes(
  root: string,
  kepPaths: readonly string[],
): Promise<Map<string, KepReadme>> {
  const readmes = new Map<string, KepReadme>();
  for (const path of kepPaths) {
    const readme = await readOne(join(root, path, 'README.md'));
    if (readme) readmes.set(path, readme);
  }
  return readmes;
}
