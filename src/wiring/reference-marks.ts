/**
 * Cheap fingerprints of the files the reference data comes from, so a scheduler pass can tell
 * whether anything changed without reading it: a file by mtime and size (its content hash only
 * when those moved), a KEP checkout by its resolved path (git-sync swaps a symlink) and the
 * mtime and size of every YAML file under `keps/`.
 */
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** A file as last seen; null when there was no file. */
export type FileMark = { mtimeMs: number; size: number; hash: string } | null;

/** A KEP checkout as last seen: where its link led, and a digest of its YAML files' mtimes and sizes. */
export interface TreeMark {
  /** The checkout's real path (a git-sync worktree); null when it does not exist. */
  target: string | null;
  digest: string;
  files: number;
}

/** A file now: the previous mark when mtime and size are unchanged, else read and hashed. */
export async function markFile(path: string, before: FileMark | undefined): Promise<FileMark> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    return null;
  }
  if (before && before.mtimeMs === info.mtimeMs && before.size === info.size) return before;
  try {
    const hash = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
    return { mtimeMs: info.mtimeMs, size: info.size, hash };
  } catch {
    return null;
  }
}

/** Every file in `paths` now, reusing the marks of those whose mtime and size did not move. */
export async function markFiles(
  paths: Iterable<string>,
  before: ReadonlyMap<string, FileMark>,
): Promise<Map<string, FileMark>> {
  const marks = new Map<string, FileMark>();
  for (const path of paths) marks.set(path, await markFile(path, before.get(path)));
  return marks;
}

/** The files whose content (or existence) differs between two sets of marks. */
export function changedFiles(before: ReadonlyMap<string, FileMark>, after: ReadonlyMap<string, FileMark>) {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => (before.get(path)?.hash ?? null) !== (after.get(path)?.hash ?? null));
}

/** The checkout's resolved path and the digest of its `keps/` tree (directories, YAML mtimes and sizes). */
export async function markKepTree(root: string): Promise<TreeMark> {
  let target: string;
  try {
    target = await realpath(root);
  } catch {
    return { target: null, digest: '', files: 0 };
  }
  const lines: string[] = [];
  let level = ['keps'];
  while (level.length > 0) {
    const listed = await Promise.all(
      level.map(async (dir) => ({ dir, entries: await listDir(join(target, dir)) })),
    );
    level = listed.flatMap(({ dir, entries }) =>
      entries.filter((e) => e.isDirectory()).map((e) => `${dir}/${e.name}`),
    );
    const yaml = listed.flatMap(({ dir, entries }) =>
      entries.filter((e) => !e.isDirectory() && /\.ya?ml$/.test(e.name)).map((e) => `${dir}/${e.name}`),
    );
    lines.push(
      ...level.map((dir) => `d ${dir}`),
      ...(await Promise.all(yaml.map((file) => fileLine(target, file)))),
    );
  }
  const digest = createHash('sha256').update(target).update(lines.sort().join('\n')).digest('hex');
  return { target, digest, files: lines.filter((line) => line.startsWith('f ')).length };
}

async function fileLine(root: string, file: string): Promise<string> {
  const info = await stat(join(root, file)).catch(() => null);
  return `f ${file} ${info?.mtimeMs ?? -1} ${info?.size ?? -1}`;
}

async function listDir(path: string): Promise<Dirent[]> {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Whether two tree marks describe the same checkout. */
export function sameTree(a: TreeMark | null, b: TreeMark | null): boolean {
  return (a?.target ?? null) === (b?.target ?? null) && (a?.digest ?? '') === (b?.digest ?? '');
}
