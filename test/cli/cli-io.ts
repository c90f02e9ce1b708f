import type { CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/main.ts';

export const repoRoot = new URL('../..', import.meta.url).pathname;

/** A CliIo that keeps what a command prints; `out` and `err` are what it has printed so far. */
export function captureIo(options: { cwd?: string; env?: Record<string, string | undefined> } = {}): CliIo & {
  out: string;
  err: string;
} {
  const state = { out: '', err: '' };
  return Object.assign(state, {
    stdout: (t: string) => {
      state.out += t;
    },
    stderr: (t: string) => {
      state.err += t;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? repoRoot,
    isTty: false,
  });
}

/** Runs `drumbeat ARGS` in-process and returns its exit code, output and non-empty stdout lines. */
export async function runDrumbeat(args: string[], cwd = repoRoot) {
  const io = captureIo({ cwd });
  const code = await runCli(args, io);
  return { code, stdout: io.out, stderr: io.err, lines: io.out.split('\n').filter(Boolean) };
}
