/** What a written release (`v1.37`, `"1.37"`, `1.37`, `"0.0"`, `"TBD"`…) turned out to be. */
export type MilestoneVersionReading =
  /** A release, in `v1.37` form. */
  | { kind: 'release'; version: string }
  /** Nothing there: missing, null, blank, or `0.0` (the "no release" marker of out-of-tree KEPs). */
  | { kind: 'none' }
  /** Something that is not a release; `written` is the value as it was, for the warning. */
  | { kind: 'invalid'; written: string };

const releasePattern = /^v?(\d{1,3})\.(\d{1,3})$/i;

/**
 * Reads a release the way KEP tooling writes it. `1.30` must reach here as the text `"1.30"`
 * (a YAML number would already be `1.3`); numbers are accepted but cannot recover a trailing zero.
 */
export function readMilestoneVersion(value: unknown): MilestoneVersionReading {
  if (value === null || value === undefined) return { kind: 'none' };
  if (typeof value !== 'string' && typeof value !== 'number') {
    return { kind: 'invalid', written: JSON.stringify(value) ?? String(value) };
  }
  const text = String(value).trim();
  if (text === '') return { kind: 'none' };
  const match = releasePattern.exec(text);
  if (!match) return { kind: 'invalid', written: text };
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major === 0 && minor === 0) return { kind: 'none' };
  return { kind: 'release', version: `v${major}.${minor}` };
}

/** `v1.37` → `[1, 37]`, for ordering releases; null for anything that is not a release. */
export function releaseParts(version: string): [number, number] | null {
  const reading = readMilestoneVersion(version);
  if (reading.kind !== 'release') return null;
  const [major, minor] = reading.version.slice(1).split('.').map(Number);
  return [major ?? 0, minor ?? 0];
}
