import { describe, expect, it } from 'vitest';
import { directoryNumber, readKepNumber } from '../../src/domain/kep-number.ts';

describe('readKepNumber', () => {
  const cases: [string, unknown, string, number, RegExp | null][] = [
    ['integer', 1287, '1287-in-place-update-pod-resources', 1287, null],
    ['quoted', '3325', '3325-self-subject-attributes-review-api', 3325, null],
    ['zero padded', '0042', '42-foo', 42, null],
    ['zero padded directory', '752', '0752-endpointslices', 752, null],
    ['process KEP 0000', '0000', '0000-anago-to-krel-migration', 0, null],
    [
      'directory differs',
      '1884',
      '2043-pod-resource-concrete-assigments',
      1884,
      /kep-number is 1884 but the directory name says 2043/,
    ],
    ['missing', undefined, '4321-foo', 4321, /kep-number is missing; took 4321 from the directory name/],
    ['not digits', 'NNNN', '77-foo', 77, /kep-number "NNNN" is not a whole number; took 77/],
    ['negative', '-5', '78-foo', 78, /not a whole number/],
    ['nothing anywhere', undefined, 'foo', 0, /has no number either; using 0/],
  ];
  it.each(cases)('%s', (_name, value, dir, number, warning) => {
    const reading = readKepNumber(value, dir);
    expect(reading.number).toBe(number);
    if (warning) expect(reading.warnings).toEqual([expect.stringMatching(warning)]);
    else expect(reading.warnings).toEqual([]);
  });
});

describe('directoryNumber', () => {
  it.each([
    ['0752-endpointslices', 752],
    ['1287', 1287],
    ['NNNN-kep-template', null],
    ['kubeadm', null],
    ['20190130-node-os-arch-labels', 20190130],
  ] as const)('%s', (name, expected) => {
    expect(directoryNumber(name)).toBe(expected);
  });
});
