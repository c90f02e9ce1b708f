import { describe, expect, it } from 'vitest';
import {
  checkChannel,
  checkClockTime,
  checkCron,
  checkDate,
  checkGithubLogin,
  checkInstant,
  checkSlackUser,
  checkTimeZone,
  normalizeInstant,
  parsePercent,
} from '../../src/config/value-formats.ts';

type Check = (value: string) => string | null;

const cases: [name: string, check: Check, valid: string[], invalid: string[]][] = [
  [
    'channel',
    checkChannel,
    ['#sig-node', '#sig_pm', '#release.notes', 'C0123456789', 'G01234567'],
    ['sig-node', '#', '#Sig-Node', '#sig node', 'U0123456789', 'c0123456789', 'C012'],
  ],
  [
    'slack user',
    checkSlackUser,
    ['U0000000001', 'W012ABCDEF'],
    ['alice', 'u0000000001', 'C0000000001', 'U12', '@alice'],
  ],
  [
    'GitHub login',
    checkGithubLogin,
    ['alice-facilitator', 'deads2k', 'A1'],
    ['bob facilitator', '-bob', '', 'a'.repeat(40), 'é'],
  ],
  [
    'time zone',
    checkTimeZone,
    ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata', 'Etc/GMT+5'],
    ['PT', 'EST', 'CET', 'europe/berlin', 'Mars/Olympus', '+01:00', '', 'UTC+2'],
  ],
  [
    'cron',
    checkCron,
    ['0 16 * * 2', '*/15 9-17 * * 1-5', '0 9 * * MON', '0 0 16 * * 2', '@weekly'],
    ['every tuesday', '61 * * * *', '* * *', '', '0 25 * * *', '0 16 L * *', '@reboot', '0 9 30 2 *'],
  ],
  [
    'clock time',
    checkClockTime,
    ['00:00', '08:00', '19:30', '23:59'],
    ['7pm', '24:00', '8:00', '19:60', '1900'],
  ],
  [
    'date',
    checkDate,
    ['2026-06-17', '2024-02-29'],
    ['2026-02-30', '2025-02-29', '2026-13-01', '17/06/2026', '2026-6-17'],
  ],
  [
    'instant',
    checkInstant,
    ['2026-06-19T12:00:00Z', '2026-06-19T14:00+02:00', '2026-06-19T12:00:00.5Z'],
    ['2026-06-19', '2026-06-19 12:00', '2026-06-19T12:00:00', '2026-02-30T12:00:00Z', 'tomorrow'],
  ],
];

describe.each(cases)('%s', (_name, check, valid, invalid) => {
  it.each(valid)('accepts %j', (value) => {
    expect(check(value)).toBeNull();
  });
  it.each(invalid)('refuses %j with what would be valid', (value) => {
    expect(check(value)).toMatch(/^expected /);
  });
});

describe('time zone hints', () => {
  it('suggests the canonical spelling when the runtime knows the zone', () => {
    expect(checkTimeZone('europe/berlin')).toContain('did you mean "Europe/Berlin"?');
  });
});

describe('normalizeInstant', () => {
  it.each([
    ['2026-06-19T14:00+02:00', '2026-06-19T12:00:00Z'],
    ['2026-06-19T12:00:00.000Z', '2026-06-19T12:00:00Z'],
  ])('%j → %j', (input, output) => {
    expect(normalizeInstant(input)).toBe(output);
  });
});

describe('parsePercent', () => {
  it.each([
    ['60%', 0.6],
    ['100%', 1],
    ['0%', 0],
    ['12.5%', 0.125],
  ])('%j → %d', (text, share) => {
    expect(parsePercent(text)).toBe(share);
  });
  it.each(['60', '101%', '-5%', 'half', '%'])('refuses %j', (text) => {
    expect(parsePercent(text)).toBeNull();
  });
});
