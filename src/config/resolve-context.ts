/**
 * What the resolve steps share: a reporter that locates problems by key path, and file access for
 * imports (injected, so tests need no disk).
 */
import path from 'node:path';
import type { Warning } from '../domain/types.ts';
import { type ConfigProblem, formatPath, type KeyPath } from './problems.ts';
import { locate, type YamlSource } from './yaml-source.ts';

/** File access for imports and `github.localCheckout`. */
export interface ConfigFiles {
  /** Reads a UTF-8 file; throws when it cannot (missing, a directory, unreadable). */
  readFile: (absolutePath: string) => string;
  /** Size in bytes, or null when there is no file. */
  fileSize: (absolutePath: string) => number | null;
  isDirectory: (absolutePath: string) => boolean;
}

export interface ResolveContext {
  source: YamlSource;
  /** Absolute path of the config file. */
  configPath: string;
  /** Absolute directory that relative paths in the config are resolved against. */
  baseDir: string;
  files: ConfigFiles;
  /** Imported files larger than this are refused. */
  maxImportBytes: number;
}

/** Collects errors and warnings, each located at a key path of the config file. */
export class Reporter {
  readonly errors: ConfigProblem[] = [];
  readonly warnings: ConfigProblem[] = [];

  private readonly source: YamlSource;

  constructor(source: YamlSource) {
    this.source = source;
  }

  error(keyPath: KeyPath, message: string): void {
    this.errors.push(this.at(keyPath, message));
  }

  warn(keyPath: KeyPath, message: string): void {
    this.warnings.push(this.at(keyPath, message));
  }

  /** An importer's warning (`source` is `file` or `file:line`), kept in the imported file's terms. */
  importWarning(keyPath: KeyPath, warning: Warning): void {
    const match = /^(.*):(\d+)$/.exec(warning.source);
    const file = match ? match[1]! : warning.source;
    const line = match ? Number(match[2]) : null;
    this.warnings.push({ file, line, column: null, path: formatPath(keyPath), message: warning.message });
  }

  private at(keyPath: KeyPath, message: string): ConfigProblem {
    const position = locate(this.source, keyPath);
    return {
      file: this.source.file,
      line: position?.line ?? null,
      column: position?.column ?? null,
      path: formatPath(keyPath),
      message,
    };
  }
}

/** How the user sees an imported path: relative to where they named the config file. */
export function displayPath(ctx: ResolveContext, relative: string): string {
  return path.isAbsolute(relative) ? relative : path.join(path.dirname(ctx.source.file), relative);
}

export function absolutePath(ctx: ResolveContext, relative: string): string {
  return path.resolve(ctx.baseDir, relative);
}

/** Reads an imported file, or reports why it cannot on `keyPath` and returns null. */
export function readImport(ctx: ResolveContext, reporter: Reporter, keyPath: KeyPath, relative: string) {
  const absolute = absolutePath(ctx, relative);
  const display = displayPath(ctx, relative);
  const size = ctx.files.fileSize(absolute);
  if (size === null) {
    reporter.error(
      keyPath,
      `cannot import "${relative}": no file at ${absolute}; the path is relative to the config file`,
    );
    return null;
  }
  if (size > ctx.maxImportBytes) {
    reporter.error(
      keyPath,
      `cannot import "${relative}": ${size} bytes is over the limit of ${ctx.maxImportBytes}`,
    );
    return null;
  }
  try {
    return { text: ctx.files.readFile(absolute), display };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    reporter.error(keyPath, `cannot import "${relative}": ${reason}`);
    return null;
  }
}

/** Runs an importer; a thrown error (ImportError or a bug) becomes a problem on `keyPath`. */
export function runImporter<T>(
  reporter: Reporter,
  keyPath: KeyPath,
  display: string,
  importer: () => T,
): T | null {
  try {
    return importer();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    reporter.error(keyPath, `cannot import ${display}: ${reason}`);
    return null;
  }
}
