import type { MilestoneKind } from './types.ts';

/**
 * Rules in order; the first that matches wins. Exceptions calls and "Code Freeze is coming" come before
 * the freezes they mention, so only the row that *is* the freeze gets its kind.
 */
const rules: [RegExp, MilestoneKind | null][] = [
  [/\bcall for\b.*\bexceptions?\b|\bexceptions? (?:call|requests? open)\b/, 'exceptions-call'],
  [/\bis coming\b|\bbrace yourself\b|\breminder\b/, null],
  [/\b(?:end|lift)(?:s|ed)?\b.*\bcode freeze\b|\bcode freeze (?:ends|lifted)\b/, 'thaw'],
  [/\bthaw\b/, 'thaw'],
  [/\bproduction readiness\b.*\bfreeze\b|\bprr\b.*\bfreeze\b/, 'prr-freeze'],
  [/\benhancements? freeze\b/, 'enhancements-freeze'],
  [/\bfeature blogs? freeze\b/, 'feature-blog-freeze'],
  [/\bcode freeze\b/, 'code-freeze'],
  [/\bdocs? freeze\b|\bdocumentation freeze\b/, 'docs-freeze'],
  [/^(?:begin|start)s?\b.*\bburndown\b|^burndown(?: begins| starts)?$/, 'burndown'],
  [/\bv?\d+\.\d+\.\d+-alpha\.\d+\b.*\breleased?\b/, 'alpha'],
  [/\bv?\d+\.\d+\.\d+-beta\.\d+\b.*\breleased?\b/, 'beta'],
  [/\bv?\d+\.\d+\.\d+-rc\.\d+\b.*\breleased?\b/, 'rc'],
  [/^(?:kubernetes )?v?\d+\.\d+(?:\.0)? (?:is )?released\b|^release day\b/, 'release'],
  [/\bstart of (?:the )?release cycle\b|\brelease cycle (?:begins|starts)\b|^cycle start/, 'cycle-start'],
];

/** The kind of a release-calendar row, from its "What" text; null for rows that are none of the kinds. */
export function classifyMilestone(name: string): MilestoneKind | null {
  const text = name.toLowerCase().replace(/\s+/g, ' ').trim();
  for (const [pattern, kind] of rules) if (pattern.test(text)) return kind;
  return null;
}

/** Kinds a calendar should hold at most once. */
export const singleMilestoneKinds: readonly MilestoneKind[] = [
  'cycle-start',
  'prr-freeze',
  'enhancements-freeze',
  'feature-blog-freeze',
  'code-freeze',
  'docs-freeze',
  'burndown',
  'release',
  'thaw',
];
