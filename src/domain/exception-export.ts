/**
 * Decided exception requests in the shape of kubernetes/sig-release's
 * `releases/release-1.NN/exceptions.yaml`: one list per freeze, each entry with name, issue,
 * date_requested, date_reviewed, thread, pull_requests and status (approved | rejected).
 */
import type { ExceptionFreeze, ExceptionRequest } from './exception.ts';

/** The section of exceptions.yaml each freeze goes in, in file order. */
export const exceptionsYamlSections: Readonly<Record<ExceptionFreeze, ExceptionsYamlSection>> = {
  'enhancements-freeze': 'enhancementFreeze',
  'code-freeze': 'codeFreeze',
  'docs-freeze': 'docsFreeze',
};

export type ExceptionsYamlSection = 'enhancementFreeze' | 'codeFreeze' | 'docsFreeze';

/** One entry, as sig-release writes it. */
export interface ExceptionsYamlEntry {
  name: string;
  issue: number;
  /** `YYYY-MM-DD` (written unquoted, as in the sig-release files). */
  date_requested: string;
  date_reviewed: string;
  thread: string;
  pull_requests: string[];
  status: 'approved' | 'rejected';
}

export type ExceptionsYaml = Partial<Record<ExceptionsYamlSection, ExceptionsYamlEntry[]>>;

/**
 * The decided requests of a release, by freeze (sections without requests are left out), each
 * section in request order. Open requests are not in the file: they have no review date or status yet.
 */
export function toExceptionsYaml(requests: readonly ExceptionRequest[]): ExceptionsYaml {
  const out: ExceptionsYaml = {};
  const decided = [...requests]
    .filter((r) => r.status !== 'open' && r.decidedAt !== null)
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.id - b.id);
  for (const freeze of Object.keys(exceptionsYamlSections) as ExceptionFreeze[]) {
    const entries = decided.filter((r) => r.freeze === freeze).map(toEntry);
    if (entries.length > 0) out[exceptionsYamlSections[freeze]] = entries;
  }
  return out;
}

function toEntry(request: ExceptionRequest): ExceptionsYamlEntry {
  return {
    name: request.kepTitle,
    issue: request.kep,
    date_requested: request.requestedAt.slice(0, 10),
    date_reviewed: (request.decidedAt ?? request.requestedAt).slice(0, 10),
    thread: request.threadUrl ?? '',
    pull_requests: [...request.pullRequests],
    status: request.status === 'approved' ? 'approved' : 'rejected',
  };
}
