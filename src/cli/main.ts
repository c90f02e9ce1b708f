import { commands } from './commands/index.ts';
import { type CliIo, processIo } from './io.ts';

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: drumbeat <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`drumbeat <command> --help\` for a command's options.\n`;
}

/** Entry point of the `drumbeat` command. Returns the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(usage());
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`drumbeat: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.stderr(`drumbeat ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
