import { type ExceptionsYaml, toExceptionsYaml } from '../domain/exception-export.ts';
import type { Store } from '../ports/store.ts';

/** The repos `exportExceptions` reads. */
export type ExceptionsExportStore = Pick<Store, 'planning'>;

export interface ExportExceptionsResult {
  /** The decided requests in sig-release's exceptions.yaml shape. */
  file: ExceptionsYaml;
  /** Requests still waiting for a decision (not in the file). */
  open: number;
}

/** The release's exception requests, as sig-release's `exceptions.yaml` would list them. */
export function exportExceptions(store: ExceptionsExportStore, release: string): ExportExceptionsResult {
  const requests = store.planning.listExceptions(release);
  return { file: toExceptionsYaml(requests), open: requests.filter((r) => r.status === 'open').length };
}
