/**
 * What a KEP's README.md shows: its section headings, read from Markdown `#` lines outside code
 * fences. Readiness checks them against the KEP template's required sections. Pure.
 */
export type ReadmeSection =
  | 'Release Signoff Checklist'
  | 'Summary'
  | 'Motivation'
  | 'Proposal'
  | 'Design Details'
  | 'Graduation Criteria'
  | 'Test Plan'
  | 'Production Readiness Review Questionnaire';

export interface KepReadme {
  /** Headings, lower-cased with spaces collapsed. */
  headings: string[];
}

const fence = /^\s*(```|~~~)/;
const heading = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/;

function normalize(text: string): string {
  return text.replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The headings of README text. */
export function readKepReadme(text: string): KepReadme {
  const headings: string[] = [];
  let inFence = false;
  for (const line of text.split(/\r?\n/)) {
    if (fence.test(line)) inFence = !inFence;
    if (inFence) continue;
    const match = heading.exec(line);
    if (match) headings.push(normalize(match[1]!));
  }
  return { headings };
}

/** The sections (of `wanted`) no heading of the README starts with. */
export function missingSections(readme: KepReadme, wanted: readonly ReadmeSection[]): ReadmeSection[] {
  return wanted.filter((section) => !readme.headings.some((h) => h.startsWith(normalize(section))));
}
