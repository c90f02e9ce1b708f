/**
 * Loads `drumbeat.yaml`: read with limits, parse YAML safely, validate with zod, read imports, check
 * references. Every problem is returned at once, each located (file, line, column, key path). Never throws
 * for bad input and never exits the process.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ConfigProblem, KeyPath } from './problems.ts';
import { referenceProblemsBeside } from './reference-problems.ts';
import { resolveConfig } from './resolve-config.ts';
import type { ConfigFiles } from './resolve-context.ts';
import type { ResolvedConfig } from './resolved-config.ts';
import { configSchema, writtenPeoplePath } from './schema.ts';
import { defaultYamlLimits, parseYamlSafely, type YamlLimits } from './yaml-source.ts';
import { sortProblems, zodIssuesToProblems } from './zod-problems.ts';

export type { ConfigProblem } from './problems.ts';
export { formatProblem } from './problems.ts';
export type { ResolvedConfig, ResolvedSig } from './resolved-config.ts';

/** The config, or why there is none. Warnings never stop a load. */
export type LoadResult =
  | { ok: true; config: ResolvedConfig; warnings: ConfigProblem[] }
  | { ok: false; problems: ConfigProblem[]; warnings?: ConfigProblem[] };

export interface LoadConfigOptions {
  /** Relative config paths are resolved against this; default `process.cwd()`. */
  cwd?: string;
  /** File access for imports and `github.localCheckout`; default node:fs. */
  files?: Partial<ConfigFiles>;
  limits?: Partial<YamlLimits>;
  /** Largest imported file (sigs.yaml, release README) in bytes; default 8 MiB. */
  maxImportBytes?: number;
}

/** The default config path when neither `--config` nor `DRUMBEAT_CONFIG` is given. */
export const defaultConfigPath = './drumbeat.yaml';

/** `--config` wins over `DRUMBEAT_CONFIG`, which wins over `./drumbeat.yaml`. Empty values count as unset. */
export function chooseConfigPath(flag: string | undefined, env: Record<string, string | undefined>): string {
  return flag || env.DRUMBEAT_CONFIG || defaultConfigPath;
}

/** File access through node:fs (the default for imports and `github.localCheckout`). */
export const nodeFiles: ConfigFiles = {
  readFile: (file) => fs.readFileSync(file, 'utf8'),
  fileSize: (file) => {
    try {
      const stat = fs.statSync(file);
      return stat.isFile() ? stat.size : null;
    } catch {
      return null;
    }
  },
  isDirectory: (file) => {
    try {
      return fs.statSync(file).isDirectory();
    } catch {
      return false;
    }
  },
};

function fileProblem(file: string, message: string): LoadResult {
  return { ok: false, problems: [{ file, line: null, column: null, path: '', message }] };
}

/** Validates config text already in memory (tests, `drumbeat check` on stdin). `file` is used in messages. */
export function parseConfigText(text: string, file: string, options: LoadConfigOptions = {}): LoadResult {
  try {
    return parseUnguarded(text, file, options);
  } catch (error) {
    // A bug of ours, not the user's: still an answer, never a crash.
    const reason = error instanceof Error ? error.message : String(error);
    return fileProblem(
      file,
      `drumbeat could not check this file (an internal error; please report it): ${reason}`,
    );
  }
}

/** The files each loaded config was read from or looked for, by config. */
const filesRead = new WeakMap<ResolvedConfig, readonly string[]>();

/**
 * The files `config` was read from or looked for (the config file, then each import read or
 * sized), absolute, as this module loaded it; null for a config it did not load.
 */
export function configFilesRead(config: ResolvedConfig): readonly string[] | null {
  return filesRead.get(config) ?? null;
}

/** `files`, noting in `read` each path it reads or sizes. */
function recordingFiles(files: ConfigFiles, read: Set<string>): ConfigFiles {
  return {
    ...files,
    readFile: (file) => {
      read.add(file);
      return files.readFile(file);
    },
    fileSize: (file) => {
      read.add(file);
      return files.fileSize(file);
    },
  };
}

function parseUnguarded(text: string, file: string, options: LoadConfigOptions): LoadResult {
  const limits = { ...defaultYamlLimits, ...options.limits };
  const parsed = parseYamlSafely(text, file, limits);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const configPath = path.resolve(options.cwd ?? process.cwd(), file);
  const read = new Set([configPath]);
  const ctx = {
    source: parsed.source,
    configPath,
    baseDir: path.dirname(configPath),
    files: recordingFiles({ ...nodeFiles, ...options.files }, read),
    maxImportBytes: options.maxImportBytes ?? 8 * 1_048_576,
  };
  const validated = configSchema.safeParse(parsed.source.data);
  if (validated.success) {
    const result = resolveConfig(validated.data, ctx);
    if (result.ok) filesRead.set(result.config, [...read]);
    return result;
  }
  const { issues } = validated.error;
  const written = (at: KeyPath) => writtenPeoplePath(parsed.source.data, at);
  const problems = [
    ...zodIssuesToProblems(issues, parsed.source, configSchema, written),
    ...referenceProblemsBeside(issues, ctx),
  ];
  return { ok: false, problems: sortProblems(problems) };
}

async function readConfigFile(
  file: string,
  absolute: string,
  maxBytes: number,
): Promise<string | LoadResult> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(absolute);
  } catch {
    return fileProblem(
      file,
      `no config file here (${absolute}); copy drumbeat.example.yaml, or pass --config FILE or set DRUMBEAT_CONFIG`,
    );
  }
  if (!stat.isFile()) return fileProblem(file, `this is not a file (${absolute}); name the YAML file itself`);
  if (stat.size > maxBytes) {
    return fileProblem(
      file,
      `the file is ${stat.size} bytes, over the limit of ${maxBytes}; a drumbeat config is a few kilobytes — is this the right file?`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await fs.promises.readFile(absolute));
  } catch (error) {
    if (error instanceof TypeError)
      return fileProblem(file, 'the file is not UTF-8 text (is it binary?); the config must be UTF-8 YAML');
    return fileProblem(
      file,
      `cannot read the file: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Loads and validates the config file at `file` (relative to `options.cwd`). */
export async function loadConfig(file: string, options: LoadConfigOptions = {}): Promise<LoadResult> {
  const absolute = path.resolve(options.cwd ?? process.cwd(), file);
  const maxBytes = options.limits?.maxBytes ?? defaultYamlLimits.maxBytes;
  const text = await readConfigFile(file, absolute, maxBytes);
  if (typeof text !== 'string') return text;
  return parseConfigText(text, file, options);
}
