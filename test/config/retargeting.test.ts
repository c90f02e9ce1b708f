import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load-config.ts';
import { configOf, problemsOf } from './helpers.ts';

const repoRoot = path.join(import.meta.dirname, '..', '..');
const example = readFileSync(path.join(repoRoot, 'drumbeat.example.yaml'), 'utf8');

function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  expect(index, needle).toBeGreaterThanOrEqual(0);
  return index + 1;
}

function edit(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

const load = (text: string) => parseConfigText(text, 'drumbeat.example.yaml', { cwd: repoRoot });

/** The example retargeted to v1.34: name and calendar changed, everything else as copied. */
const onV134 = edit(
  edit(example, 'name: v1.35', 'name: v1.34'),
  'schedules/release-1.35/README.md',
  'schedules/release-1.34/README.md',
);

// The v1.34 README: "Start of Release Cycle" Monday 19th May 2025, "v1.34.0 released" Wednesday
// 27th August 2025, last row "Feature blog publication starts" Thursday 28th August 2025.
const v134Cycle = 'the imported v1.34 cycle, 2025-05-19 to 2025-08-28 (release 2025-08-27)';

describe('retargeting the example to another release', () => {
  it('the example itself loads (its dates are in the v1.35 cycle)', () => {
    configOf(load(example));
  });

  it('a release name that disagrees with the imported calendar is an error on release.name', () => {
    const text = edit(example, 'name: v1.35', 'name: v1.36');
    expect(problemsOf(load(text))).toEqual([
      {
        file: 'drumbeat.example.yaml',
        line: lineOf(text, 'name: v1.36'),
        column: expect.any(Number),
        path: 'release.name',
        message:
          '"v1.36" differs from the imported calendar\'s release "v1.35" (test/fixtures/k8s/schedules/release-1.35/README.md); set release.name to v1.35, or import the v1.36 README',
      },
    ]);
  });

  it("a copied coding period and readout are errors that give the new cycle's dates", () => {
    const problems = problemsOf(load(onV134));
    expect(problems.map((p) => [p.line, p.path, p.message])).toEqual([
      [
        lineOf(onV134, 'start: 2025-09-15'),
        'release.codingPeriod.start',
        `2025-09-15 is outside ${v134Cycle}; start the coding period in this cycle (e.g. 2025-05-19)`,
      ],
      [
        lineOf(onV134, 'readoutAt:'),
        'planning.readoutAt',
        `2025-10-08T16:00:00Z is outside ${v134Cycle}; set the readout in this cycle, before its Enhancements Freeze`,
      ],
    ]);
  });

  it('loads once both are moved into the cycle', () => {
    const fixed = edit(
      edit(onV134, 'start: 2025-09-15', 'start: 2025-05-19'),
      'readoutAt: "2025-10-08T16:00:00Z"',
      'readoutAt: "2025-06-04T16:00:00Z"',
    );
    expect(configOf(load(fixed)).config.release.codingPeriod?.start).toBe('2025-05-19');
  });

  it('a coding period that runs past the cycle is an error on its increments', () => {
    const text = edit(example, 'increments: 4', 'increments: 8');
    expect(problemsOf(load(text)).map((p) => [p.line, p.path, p.message])).toEqual([
      [
        lineOf(text, 'increments: 8'),
        'release.codingPeriod.increments',
        'the coding period runs to 2026-01-05, past the end of the imported v1.35 cycle, 2025-09-15 to 2025-12-18 (release 2025-12-17); use fewer or shorter increments',
      ],
    ]);
  });

  it('inline milestones outside the imported cycle are errors on their date or instant', () => {
    const text = edit(
      example,
      '    # milestones:\n',
      '    milestones:\n      - { name: Kickoff, date: 2025-09-20 }\n      - { name: Old readout, at: "2025-06-04T16:00:00Z" }\n      - { name: Retro, date: 2026-01-10 }\n',
    );
    const cycle = 'the imported v1.35 cycle, 2025-09-15 to 2025-12-18 (release 2025-12-17)';
    expect(problemsOf(load(text)).map((p) => [p.line, p.path, p.message])).toEqual([
      [
        lineOf(text, 'Old readout'),
        'release.calendar.milestones[1].at',
        `"Old readout" on 2025-06-04 is outside ${cycle}; was it copied from another release?`,
      ],
      [
        lineOf(text, 'Retro'),
        'release.calendar.milestones[2].date',
        `"Retro" on 2026-01-10 is outside ${cycle}; was it copied from another release?`,
      ],
    ]);
  });
});
