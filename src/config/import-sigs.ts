import { load, YAMLException } from 'js-yaml';
import { formatTimeOfDay, readTimeOfDay } from '../domain/time-of-day.ts';
import { zoneFromText } from '../domain/time-zone-names.ts';
import type { Sig, SigKind, SigMeeting, Warning } from '../domain/types.ts';

export interface SigsImport {
  sigs: Sig[];
  warnings: Warning[];
}

/** Thrown only when the input cannot be read at all (not YAML, not the sigs.yaml shape). */
export class ImportError extends Error {
  readonly code = 'drumbeat_import_error';
}

type Fields = Record<string, unknown>;

/** The top-level lists of sigs.yaml and the kind of group each holds, in file order. */
const groupLists: [key: string, kind: SigKind, prefix: string][] = [
  ['sigs', 'sig', 'sig-'],
  ['workinggroups', 'wg', 'wg-'],
  ['usergroups', 'ug', 'ug-'],
  ['committees', 'committee', 'committee-'],
];

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function logins(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const found = value.map((person) => text(isRecord(person) ? person.github : person)?.replace(/^@+/, ''));
  return found.filter((login): login is string => Boolean(login));
}

function readZone(tz: string | null, where: string, warn: (message: string) => void) {
  if (!tz) {
    warn(`${where} gives no time zone; set one (an IANA name such as America/Los_Angeles)`);
    return { zone: null, zoneNote: 'no time zone given' };
  }
  const zone = zoneFromText(tz);
  if (zone) return { zone, zoneNote: null };
  warn(
    `${where} has tz "${tz}", which names no time zone Drumbeat recognises; use an IANA name such as Europe/Berlin`,
  );
  return { zone: null, zoneNote: `"${tz}" is not a recognised time zone` };
}

function readTime(written: string | null, where: string, warn: (message: string) => void): string | null {
  if (!written) return null;
  const time = readTimeOfDay(written);
  if (time) return formatTimeOfDay(time);
  warn(`${where} has time "${written}", which is not a clock time like 09:00 or 2PM; kept as written`);
  return written;
}

function readMeeting(
  value: unknown,
  dir: string,
  index: number,
  warn: (message: string) => void,
): SigMeeting | null {
  if (!isRecord(value)) {
    warn(`${dir}: meetings[${index}] is not a mapping; ignored`);
    return null;
  }
  const description = text(value.description) ?? '';
  const where = `${dir}: meeting "${description || `#${index + 1}`}"`;
  const tz = text(value.tz);
  return {
    description,
    day: text(value.day),
    time: readTime(text(value.time), where, warn),
    tz,
    ...readZone(tz, where, warn),
    frequency: text(value.frequency),
    url: text(value.url),
  };
}

function readGroup(
  value: unknown,
  kind: SigKind,
  prefix: string,
  where: string,
  warn: (m: string) => void,
): Sig | null {
  if (!isRecord(value)) {
    warn(`${where} is not a mapping; skipped`);
    return null;
  }
  const dir = text(value.dir);
  if (!dir) {
    warn(`${where} has no dir; skipped (the dir is how KEPs name a group)`);
    return null;
  }
  if (!dir.startsWith(prefix))
    warn(`${dir}: listed as a ${kind} but its dir does not start with "${prefix}"`);
  const name = text(value.name) ?? dir;
  if (!text(value.name)) warn(`${dir}: has no name; using the dir`);
  const contact = isRecord(value.contact) ? value.contact : {};
  const slackChannel = text(contact.slack)?.replace(/^#/, '') ?? null;
  if (!slackChannel)
    warn(`${dir}: has no Slack channel (contact.slack); set one in the config's sig overrides`);
  const leadership = isRecord(value.leadership) ? value.leadership : {};
  const meetings = Array.isArray(value.meetings) ? value.meetings : [];
  return {
    dir,
    name,
    kind,
    label: text(value.label),
    slackChannel,
    chairs: logins(leadership.chairs),
    techLeads: logins(leadership.tech_leads),
    meetings: meetings
      .map((meeting, index) => readMeeting(meeting, dir, index, warn))
      .filter((meeting): meeting is SigMeeting => meeting !== null),
  };
}

/**
 * Parses the file into plain data. sigs.yaml is ~200 KB and read at every start and on every
 * change, so it goes through js-yaml's plain loader (several times faster than building a
 * document with positions); its errors carry line and column. `json: true` keeps the last of
 * repeated keys instead of refusing the file, as kubernetes/community's tooling does.
 */
function readRoot(text: string, source: string): Fields {
  const body = text.replace(/^\uFEFF/, '');
  let root: unknown = null;
  try {
    if (body.trim() !== '') root = load(body, { filename: source, json: true });
  } catch (error) {
    const at = error instanceof YAMLException && error.mark ? error.mark : null;
    const reason =
      error instanceof YAMLException
        ? `${error.reason}${at ? ` at line ${at.line + 1}, column ${at.column + 1}` : ''}`
        : String(error);
    throw new ImportError(`${source} is not valid YAML (${reason}); pass kubernetes/community's sigs.yaml`);
  }
  if (!isRecord(root) || !groupLists.some(([key]) => key in root)) {
    const keys = groupLists.map(([key]) => key).join(', ');
    throw new ImportError(
      `${source} does not look like kubernetes/community's sigs.yaml (no top-level ${keys}); pass that file`,
    );
  }
  return root;
}

/** Reads a kubernetes/community `sigs.yaml`. Pure: `source` is only used in warnings. */
export function parseSigsYaml(text: string, source: string): SigsImport {
  const root = readRoot(text, source);
  const warnings: Warning[] = [];
  const warn = (message: string) => warnings.push({ source, message });
  const sigs: Sig[] = [];
  const seen = new Set<string>();
  for (const [key, kind, prefix] of groupLists) {
    const list = root[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      warn(`${key} should be a list of groups; ignored`);
      continue;
    }
    list.forEach((entry, index) => {
      const sig = readGroup(entry, kind, prefix, `${key}[${index}]`, warn);
      if (!sig) return;
      if (seen.has(sig.dir)) warn(`${sig.dir}: appears more than once; every entry is kept`);
      seen.add(sig.dir);
      sigs.push(sig);
    });
  }
  return { sigs, warnings };
}
