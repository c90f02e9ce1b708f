import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ImportError } from '../config/import-sigs.ts';
import type { Warning } from '../domain/types.ts';
import type { CliCommand, CliIo } from './io.ts';

/** What an importer command needs: how to read one file, and how to print what it read. */
export interface FileImportSpec<T> {
  name: string;
  summary: string;
  usage: string;
  /** What to pass when the file cannot be read, e.g. "kubernetes/community's sigs.yaml". */
  expected: string;
  /** The pure importer; throws ImportError only when the input cannot be read at all. */
  read(text: string, source: string): T & { warnings: Warning[] };
  jsonLines(result: T): string[];
  /** The readable table and its closing count line. */
  table(result: T): string;
}

/**
 * `drumbeat <name> --from FILE [--json]`: reads one file with a pure importer, prints warnings to
 * stderr and the result as a table or JSON lines; exit 0 unless the file cannot be read at all
 * (1), or the options are wrong (2).
 */
export function fileImportCommand<T>(spec: FileImportSpec<T>): CliCommand {
  const fail = (io: CliIo, message: string, code: number) => {
    io.stderr(`drumbeat ${spec.name}: ${message}\n`);
    return code;
  };
  return {
    name: spec.name,
    summary: spec.summary,
    usage: spec.usage,
    async run(args, io) {
      let options: { from: string; json: boolean };
      try {
        const { values } = parseArgs({
          args,
          options: { from: { type: 'string' }, json: { type: 'boolean', default: false } },
          strict: true,
        });
        if (!values.from) throw new Error('--from is required');
        options = { from: values.from, json: values.json };
      } catch (error) {
        return fail(io, `${error instanceof Error ? error.message : String(error)}\n\n${spec.usage}`, 2);
      }
      let text: string;
      try {
        text = await readFile(resolve(io.cwd, options.from), 'utf8');
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return fail(io, `cannot read ${options.from} (${reason}); pass ${spec.expected}`, 1);
      }
      let result: T & { warnings: Warning[] };
      try {
        result = spec.read(text, options.from);
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        return fail(io, error.message, 1);
      }
      for (const warning of result.warnings) io.stderr(`${warning.source}: ${warning.message}\n`);
      io.stdout(
        options.json
          ? spec
              .jsonLines(result)
              .map((line) => `${line}\n`)
              .join('')
          : spec.table(result),
      );
      return 0;
    },
  };
}
