import { join } from 'node:path';
import { withEnvFile } from '../config/env-file.ts';

/** What a CLI command may touch: its output streams, environment and working directory. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** True when stdout is a terminal (progress lines, colours). */
  isTty: boolean;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. Never throws for bad input: it prints what was wrong. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** The process's streams and working directory; its environment over `./.env` when there is one. */
export function processIo(): CliIo {
  const source = withEnvFile(process.env, join(process.cwd(), '.env'));
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: source.ok ? source.env : process.env,
    cwd: process.cwd(),
    isTty: Boolean(process.stdout.isTTY),
  };
}
