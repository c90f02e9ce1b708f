import { creationDateWarning } from './kep-dates.ts';
import { readKepStage, readKepStatus, readText } from './kep-fields.ts';
import { normalizeKepLinks } from './kep-links.ts';
import { readKepNumber } from './kep-number.ts';
import { readMilestoneVersion } from './milestone-version.ts';
import { unknownSigWarning } from './sig-names.ts';
import { type Kep, type KepStage, kepStages } from './types.ts';

export interface KepInput {
  /** The KEP directory relative to the checkout root, e.g. `keps/sig-node/1287-in-place-update-pod-resources`. */
  path: string;
  /**
   * kep.yaml parsed to plain data (whatever it holds). Numbers should arrive as the text they were written
   * as (`"1.30"`, `"0042"`), as `readKepsFromCheckout` does; real numbers are accepted too.
   */
  raw: unknown;
  /** The PRR approval file parsed to plain data, when one exists. */
  prr?: unknown;
  /** Where the PRR file is, for warnings (e.g. `keps/prod-readiness/sig-node/2033.yaml`). */
  prrPath?: string;
  /** Known group dirs (sigs.yaml `dir:` values). When given, unknown owning/participating SIGs warn. */
  knownSigs?: ReadonlySet<string>;
  /** Problems found while reading the file (not YAML, duplicate keys…); they come first in `warnings`. */
  readWarnings?: string[];
  /**
   * The 1-based line of each top-level key and `milestone.<stage>`, for the warnings: asked for only
   * when there is a warning to place (finding lines can cost a second parse).
   */
  lines?: () => Readonly<Record<string, number>>;
}

type Lines = () => Readonly<Record<string, number>>;

/** `line 30: ` when the key's line is known, so a warning points at the value to fix. */
function at(lines: Lines | undefined, key: string): string {
  const line = lines?.()[key];
  return line === undefined ? '' : `line ${line}: `;
}

/** Prefixes the warnings added since `from` with the line of `key` (`line 12: `), when known. */
function locateSince(warnings: string[], from: number, lines: Lines | undefined, key: string): void {
  if (from === warnings.length) return;
  const prefix = at(lines, key);
  for (let i = from; i < warnings.length; i++) warnings[i] = prefix + warnings[i];
}

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeShape(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'plain text' : `a ${typeof value}`;
}

function rawFields(raw: unknown, warnings: string[]): Fields {
  if (isRecord(raw)) return raw;
  if (raw === undefined && warnings.length > 0) return {};
  const why = raw === null || raw === undefined ? 'is empty' : `holds ${describeShape(raw)}`;
  warnings.push(`kep.yaml ${why}, not a mapping of KEP fields; every field is unknown`);
  return {};
}

function directoryName(path: string): string {
  return path.split('/').filter(Boolean).pop() ?? path;
}

function readTitle(value: unknown, path: string, warnings: string[]): string {
  const title = readText(value);
  if (title) return title;
  warnings.push('title is missing; using the directory name instead');
  return directoryName(path);
}

function readOwningSig(value: unknown, warnings: string[], known?: ReadonlySet<string>): string | null {
  const sig = readText(value);
  if (!sig) {
    warnings.push('owning-sig is missing');
    return null;
  }
  const unknown = known ? unknownSigWarning('owning-sig', sig, known) : null;
  if (unknown) warnings.push(unknown);
  return sig;
}

function readParticipatingSigs(value: unknown, warnings: string[], known?: ReadonlySet<string>): string[] {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  if (!Array.isArray(value))
    warnings.push('participating-sigs should be a list; read the single value as one');
  const sigs: string[] = [];
  for (const item of items) {
    const sig = readText(item);
    if (!sig) {
      if (item !== null)
        warnings.push(`participating-sigs entry ${JSON.stringify(item)} is not a name; ignored`);
      continue;
    }
    const unknown = known ? unknownSigWarning('participating-sigs entry', sig, known) : null;
    if (unknown) warnings.push(unknown);
    sigs.push(sig);
  }
  return sigs;
}

function readLatestMilestone(value: unknown, warnings: string[], lines?: Lines): string | null {
  const reading = readMilestoneVersion(value);
  if (reading.kind === 'release') return reading.version;
  if (reading.kind === 'invalid') {
    warnings.push(
      `${at(lines, 'latest-milestone')}latest-milestone "${reading.written}" is not a release like v1.37; the KEP is in no release until it is fixed`,
    );
  }
  return null;
}

function readMilestones(
  value: unknown,
  warnings: string[],
  lines?: Lines,
): Partial<Record<KepStage, string>> {
  const milestones: Partial<Record<KepStage, string>> = {};
  if (value === null || value === undefined) return milestones;
  if (!isRecord(value)) {
    warnings.push(`milestone should map stages to releases but holds ${describeShape(value)}; ignored`);
    return milestones;
  }
  for (const [key, written] of Object.entries(value)) {
    const stage = kepStages.find((candidate) => candidate === key.trim().toLowerCase());
    if (!stage) {
      warnings.push(`milestone key "${key}" is not a stage (${kepStages.join(', ')}); ignored`);
      continue;
    }
    const reading = readMilestoneVersion(written);
    if (reading.kind === 'release') milestones[stage] = reading.version;
    if (reading.kind === 'invalid') {
      warnings.push(
        `${at(lines, `milestone.${key}`)}milestone.${key} "${reading.written}" is not one release like v1.37; readiness reports it as unreadable until it is fixed`,
      );
    }
  }
  return milestones;
}

function readApprover(block: unknown): string | null {
  const written = isRecord(block) ? block.approver : block;
  const text = readText(written);
  return text ? text.replace(/^@+/, '').trim() || null : null;
}

function readPrrApprovals(
  input: KepInput,
  number: number,
  warnings: string[],
): Partial<Record<KepStage, string>> {
  const approvals: Partial<Record<KepStage, string>> = {};
  if (input.prr === undefined) return approvals;
  const where = `PRR file ${input.prrPath ?? ''}`.trim();
  if (!isRecord(input.prr)) {
    warnings.push(`${where} holds ${describeShape(input.prr)}, not stage approvals; ignored`);
    return approvals;
  }
  const written = readText(input.prr['kep-number']);
  if (written !== null && Number(written) !== number) {
    warnings.push(`${where} says kep-number ${written}, not ${number}`);
  }
  for (const stage of kepStages) {
    if (!(stage in input.prr)) continue;
    const approver = readApprover(input.prr[stage]);
    if (approver) approvals[stage] = approver;
    else warnings.push(`${where}: the ${stage} block has no approver`);
  }
  return approvals;
}

function consistencyWarnings(kep: Pick<Kep, 'status' | 'stage'>): string[] {
  if (kep.status === 'implemented' && kep.stage !== null && kep.stage !== 'stable') {
    return [`status is implemented but stage is ${kep.stage} (an implemented KEP is normally stable)`];
  }
  return [];
}

/**
 * Normalises one kep.yaml (pure, never throws): keeps the raw value, reports what is wrong in `warnings`.
 * Choices: approvers are GitHub logins without the leading `@` (sigs.yaml has none); SIG names are kept as
 * written (trimmed) even when unknown; a missing title (or an unreadable file) falls back to the directory
 * name, so `title` is never null; with no usable number anywhere, `number` is 0. Empty or `0.0` milestones
 * mean "none" and do not warn.
 */
export function normalizeKep(input: KepInput): Kep {
  const warnings = [...(input.readWarnings ?? [])];
  const raw = rawFields(input.raw, warnings);
  const { lines } = input;
  const numberReading = readKepNumber(raw['kep-number'], directoryName(input.path));
  const fromNumber = warnings.length;
  warnings.push(...numberReading.warnings);
  locateSince(warnings, fromNumber, lines, 'kep-number');
  const title = readTitle(raw.title, input.path, warnings);
  const fromOwning = warnings.length;
  const owningSig = readOwningSig(raw['owning-sig'], warnings, input.knownSigs);
  locateSince(warnings, fromOwning, lines, 'owning-sig');
  const fromParticipating = warnings.length;
  const participatingSigs = readParticipatingSigs(raw['participating-sigs'], warnings, input.knownSigs);
  locateSince(warnings, fromParticipating, lines, 'participating-sigs');
  const status = readKepStatus(raw.status);
  const stage = readKepStage(raw.stage);
  if (status.warning) warnings.push(at(lines, 'status') + status.warning);
  if (stage.warning) warnings.push(at(lines, 'stage') + stage.warning);
  const latestMilestone = readLatestMilestone(raw['latest-milestone'], warnings, input.lines);
  const milestones = readMilestones(raw.milestone, warnings, input.lines);
  const prrApprovals = readPrrApprovals(input, numberReading.number, warnings);
  const dateWarning = creationDateWarning(raw['creation-date']);
  if (dateWarning) warnings.push(at(lines, 'creation-date') + dateWarning);
  warnings.push(...consistencyWarnings({ status: status.value, stage: stage.value }));
  return {
    path: input.path,
    number: numberReading.number,
    title,
    owningSig,
    participatingSigs,
    status: status.value,
    stage: stage.value,
    latestMilestone,
    milestones,
    prrApprovals,
    seeAlso: normalizeKepLinks(raw['see-also']),
    replaces: normalizeKepLinks(raw.replaces),
    supersededBy: normalizeKepLinks(raw['superseded-by']),
    warnings,
    raw,
  };
}

/**
 * True for a KEP template rather than a KEP: a directory named `NNNN-…`, or one whose `kep-number` is 0
 * and whose name ends in `-template` (a real KEP may end in `-template`, but it has a number).
 */
export function isKepTemplate(path: string, raw: unknown): boolean {
  const name = directoryName(path);
  if (/^NNNN-/i.test(name)) return true;
  if (!name.endsWith('-template')) return false;
  const written = isRecord(raw) ? raw['kep-number'] : undefined;
  return readKepNumber(written, name).number === 0;
}
