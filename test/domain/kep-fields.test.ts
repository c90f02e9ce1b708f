import { describe, expect, it } from 'vitest';
import { readKepStage, readKepStatus, readText } from '../../src/domain/kep-fields.ts';

describe('readKepStatus', () => {
  const cases: [unknown, string | null, RegExp | null][] = [
    ['implementable', 'implementable', null],
    ['  Implemented ', 'implemented', null],
    ['PROVISIONAL', 'provisional', null],
    ['withdrawn', 'withdrawn', null],
    ['replaced', 'replaced', null],
    [
      'superseded',
      null,
      /^status "superseded" is not one of provisional, implementable, .*; treated as unknown$/,
    ],
    ['removed', null, /status "removed" is not one of/],
    ['provisional|implementable|implemented', null, /template placeholder/],
    [undefined, null, /status is missing/],
    ['', null, /status is missing/],
    [['implementable'], null, /not a single word/],
  ];
  it.each(cases)('%j → %j', (value, status, warning) => {
    const reading = readKepStatus(value);
    expect(reading.value).toBe(status);
    if (warning) expect(reading.warning).toMatch(warning);
    else expect(reading.warning).toBeNull();
  });
});

describe('readKepStage', () => {
  const cases: [unknown, string | null, RegExp | null][] = [
    ['alpha', 'alpha', null],
    ['Beta', 'beta', null],
    ['stable', 'stable', null],
    ['deprecated', 'deprecated', null],
    ['disabled', 'disabled', null],
    ['removed', 'removed', null],
    [undefined, null, null],
    [null, null, null],
    ['', null, null],
    [
      'ga',
      null,
      /stage "ga" is not one of alpha, beta, stable, deprecated, disabled, removed; treated as unknown/,
    ],
    ['alpha|beta|stable', null, /template placeholder/],
  ];
  it.each(cases)('%j → %j', (value, stage, warning) => {
    const reading = readKepStage(value);
    expect(reading.value).toBe(stage);
    if (warning) expect(reading.warning).toMatch(warning);
    else expect(reading.warning).toBeNull();
  });
});

describe('readText', () => {
  it.each([
    [' title ', 'title'],
    ['   ', null],
    [42, '42'],
    [true, 'true'],
    [null, null],
    [{ a: 1 }, null],
  ] as const)('%j → %j', (value, expected) => {
    expect(readText(value)).toBe(expected);
  });
});
