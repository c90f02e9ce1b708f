/**
 * Durations as people write them in config and commands: `90m`, `24h`, `2d`, `1w`, `1d12h`, `0h`.
 * Pure: no I/O, no clock.
 */

const unitMs = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;

type Unit = keyof typeof unitMs;

const wholePattern = /^(?:\d{1,9}[smhdw])+$/;
const partPattern = /(\d{1,9})([smhdw])/g;

/**
 * Parses a duration such as `24h`, `2d`, `90m`, `14d` or `1d12h` into milliseconds.
 * Units: `s`, `m` (minutes), `h`, `d`, `w`; whole numbers only; parts may repeat in any order.
 * Returns null when the text is not a duration (empty, no unit, decimals, spaces, negative…).
 */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (!wholePattern.test(trimmed)) return null;
  let total = 0;
  for (const match of trimmed.matchAll(partPattern)) {
    total += Number(match[1]) * unitMs[match[2] as Unit];
  }
  return Number.isSafeInteger(total) ? total : null;
}

/**
 * Formats milliseconds in days, hours, minutes and seconds, the way config is written:
 * `172800000` → `2d`, `5400000` → `1h30m`, `0` → `0m`. Weeks are written as days (`14d`).
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 1_000) return '0m';
  const units: Unit[] = ['d', 'h', 'm', 's'];
  let rest = Math.round(ms);
  const parts: string[] = [];
  for (const unit of units) {
    const count = Math.floor(rest / unitMs[unit]);
    if (count > 0) {
      parts.push(`${count}${unit}`);
      rest -= count * unitMs[unit];
    }
  }
  return parts.join('');
}
