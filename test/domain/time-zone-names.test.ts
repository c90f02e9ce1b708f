import { describe, expect, it } from 'vitest';
import { fixedOffsetMinutes, zoneFromText } from '../../src/domain/time-zone-names.ts';

describe('zoneFromText', () => {
  it.each([
    ['PT (Pacific Time)', 'America/Los_Angeles'],
    ['PST', 'America/Los_Angeles'],
    ['PDT', 'America/Los_Angeles'],
    ['Eastern Time (ET)', 'America/New_York'],
    ['EST (Eastern Time)', 'America/New_York'],
    ['EDT', 'America/New_York'],
    ['CET (Central European Time)', 'Europe/Berlin'],
    ['CEST', 'Europe/Berlin'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['GMT', 'UTC'],
    ['Poland', 'Europe/Warsaw'],
    ['IST', 'Asia/Kolkata'],
    ['Europe/Paris', 'Europe/Paris'],
    ['America/Sao_Paulo', 'America/Sao_Paulo'],
    ['UTC+2', 'Etc/GMT-2'],
    ['GMT-5', 'Etc/GMT+5'],
    ['Moon Time', null],
    ['Mars/Olympus', null],
    ['', null],
  ] as const)('%s → %s', (text, zone) => {
    expect(zoneFromText(text)).toBe(zone);
  });
});

describe('fixedOffsetMinutes', () => {
  it.each([
    ['PST', -480],
    ['pdt', -420],
    ['CEST', 120],
    ['UTC', 0],
    ['PT', null],
  ] as const)('%s → %s', (label, offset) => {
    expect(fixedOffsetMinutes(label)).toBe(offset);
  });
});
