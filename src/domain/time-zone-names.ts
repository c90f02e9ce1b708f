/**
 * Free-text time zones (`PT (Pacific Time)`, `CET`, `Poland`, `14:00 PDT`…) → IANA names.
 * Choices: Central European labels map to Europe/Berlin; a country maps to its capital's zone
 * (Poland → Europe/Warsaw); `IST` is read as India. Daylight saving comes from the IANA zone, so a
 * `PST` label in July still means Los Angeles wall time.
 */
const abbreviations: Record<string, string> = {
  PT: 'America/Los_Angeles',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  MT: 'America/Denver',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  CT: 'America/Chicago',
  CDT: 'America/Chicago',
  ET: 'America/New_York',
  EST: 'America/New_York',
  EDT: 'America/New_York',
  UTC: 'UTC',
  GMT: 'UTC',
  UCT: 'UTC',
  Z: 'UTC',
  BST: 'Europe/London',
  WET: 'Europe/Lisbon',
  WEST: 'Europe/Lisbon',
  CET: 'Europe/Berlin',
  CEST: 'Europe/Berlin',
  MET: 'Europe/Berlin',
  MEST: 'Europe/Berlin',
  EET: 'Europe/Athens',
  EEST: 'Europe/Athens',
  IST: 'Asia/Kolkata',
  SGT: 'Asia/Singapore',
  HKT: 'Asia/Hong_Kong',
  JST: 'Asia/Tokyo',
  KST: 'Asia/Seoul',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
};

const phrases: [RegExp, string][] = [
  [/\bcentral europe(?:an)?\b/i, 'Europe/Berlin'],
  [/\bpacific\b/i, 'America/Los_Angeles'],
  [/\bmountain\b/i, 'America/Denver'],
  [/\beastern\b/i, 'America/New_York'],
  [/\bcentral (?:standard |daylight )?time\b/i, 'America/Chicago'],
  [/\bcoordinated universal\b|\bgreenwich\b/i, 'UTC'],
  [/\bpoland\b/i, 'Europe/Warsaw'],
  [/\bgermany\b/i, 'Europe/Berlin'],
  [/\bindia\b/i, 'Asia/Kolkata'],
  [/\bjapan\b/i, 'Asia/Tokyo'],
  [/\bchina\b/i, 'Asia/Shanghai'],
];

/** Names checked so far (a text zone per SIG meeting, mostly the same few). Pure: it only memoises. */
const ianaZones = new Map<string, boolean>();

/** True when the runtime knows `name` as an IANA time zone. */
export function isIanaZone(name: string): boolean {
  if (!name.includes('/') && name !== 'UTC') return false;
  const known = ianaZones.get(name);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    valid = true;
  } catch {
    valid = false;
  }
  ianaZones.set(name, valid);
  return valid;
}

function fromOffset(text: string): string | null {
  const match = /\b(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?00)?\b/i.exec(text);
  if (!match) return null;
  const hours = Number(match[2]);
  if (hours === 0) return 'UTC';
  if (hours > 14) return null;
  return `Etc/GMT${match[1] === '+' ? '-' : '+'}${hours}`;
}

/** The IANA zone a free-text zone names, or null when it names none Drumbeat recognises. */
export function zoneFromText(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const iana = trimmed.split(/[\s(),]+/).find((token) => isIanaZone(token));
  if (iana) return iana;
  const offset = fromOffset(trimmed);
  if (offset) return offset;
  for (const token of trimmed.split(/[^A-Za-z]+/)) {
    const upper = token.toUpperCase();
    const zone = abbreviations[upper];
    if (zone && (token === upper || upper === 'UTC' || upper === 'GMT')) return zone;
  }
  return phrases.find(([pattern]) => pattern.test(trimmed))?.[1] ?? null;
}

const fixedOffsets: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  PST: -480,
  PDT: -420,
  MST: -420,
  MDT: -360,
  CDT: -300,
  EST: -300,
  EDT: -240,
  BST: 60,
  CET: 60,
  CEST: 120,
  IST: 330,
  JST: 540,
  KST: 540,
  AEST: 600,
  AEDT: 660,
};

/** Minutes east of UTC for a zone label that names one fixed offset (`PST` → -480), else null. */
export function fixedOffsetMinutes(label: string): number | null {
  return fixedOffsets[label.trim().toUpperCase()] ?? null;
}
