import type { Sig, Warning } from '../domain/types.ts';

export interface SigsImport {
  sigs: Sig[];
  warnings: Warning[];
}

/** Thrown only when the input cannot be read at all (not YAML, not the sigs.yaml shape). */
export class ImportError extends Error {
  readonly code = 'drumbeat_import_error';
}

/** Reads a kubernetes/community `sigs.yaml`. Pure: `source` is only used in warnings. */
export function parseSigsYaml(_text: string, _source: string): SigsImport {
  throw new ImportError('parseSigsYaml is not built yet');
}
