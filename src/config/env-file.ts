import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

export type EnvSource = Record<string, string | undefined>;

export type EnvFileResult =
  | { ok: true; env: EnvSource; file: string | null; fromFile: string[] }
  | { ok: false; message: string };

/**
 * The environment with a `.env` file under it: a variable set in the environment wins over the
 * file's. No file is no error. Returns the names taken from the file (never their values).
 */
export function withEnvFile(env: EnvSource, file: string): EnvFileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { ok: true, env, file: null, fromFile: [] };
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Drumbeat cannot start: ${file} cannot be read (${reason}).\n` };
  }
  const parsed = parseEnv(text);
  const fromFile = Object.keys(parsed)
    .filter((name) => env[name] === undefined)
    .sort();
  const merged: EnvSource = { ...env };
  for (const name of fromFile) merged[name] = parsed[name];
  return { ok: true, env: merged, file, fromFile };
}
