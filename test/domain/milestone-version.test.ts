import { describe, expect, it } from 'vitest';
import { readMilestoneVersion, releaseParts } from '../../src/domain/milestone-version.ts';

describe('readMilestoneVersion', () => {
  const cases: [string, unknown, ReturnType<typeof readMilestoneVersion>][] = [
    ['quoted with v', 'v1.37', { kind: 'release', version: 'v1.37' }],
    ['quoted without v', '1.37', { kind: 'release', version: 'v1.37' }],
    ['trailing zero kept as text', '1.30', { kind: 'release', version: 'v1.30' }],
    ['capital V and spaces', '  V1.29 ', { kind: 'release', version: 'v1.29' }],
    ['leading zeros', '01.09', { kind: 'release', version: 'v1.9' }],
    ['a YAML number', 1.29, { kind: 'release', version: 'v1.29' }],
    ['0.0 opts out', '0.0', { kind: 'none' }],
    ['v0.0 opts out', 'v0.0', { kind: 'none' }],
    ['missing', undefined, { kind: 'none' }],
    ['null', null, { kind: 'none' }],
    ['empty string', '', { kind: 'none' }],
    ['TBD', 'TBD', { kind: 'invalid', written: 'TBD' }],
    ['never', 'never', { kind: 'invalid', written: 'never' }],
    ['template x.y', 'x.y', { kind: 'invalid', written: 'x.y' }],
    ['two releases', 'v1.35, v1.36', { kind: 'invalid', written: 'v1.35, v1.36' }],
    ['patch release', 'v1.30.1', { kind: 'invalid', written: 'v1.30.1' }],
    ['a list', ['v1.30'], { kind: 'invalid', written: '["v1.30"]' }],
  ];
  it.each(cases)('%s', (_name, value, expected) => {
    expect(readMilestoneVersion(value)).toEqual(expected);
  });
});

describe('releaseParts', () => {
  it.each([
    ['v1.37', [1, 37]],
    ['1.30', [1, 30]],
    ['TBD', null],
    ['0.0', null],
  ] as const)('%s', (text, expected) => {
    expect(releaseParts(text)).toEqual(expected);
  });
});
