import { describe, expect, it } from 'vitest';
import { closestMatch, describeValue, formatPath, formatProblem } from '../../src/config/problems.ts';

describe('formatPath', () => {
  it.each([
    [['sigs', 'overrides', 'sig-node', 'channel'], 'sigs.overrides.sig-node.channel'],
    [['people', 2, 'slack'], 'people[2].slack'],
    [['sigs', 'overrides', 'odd key.x'], 'sigs.overrides["odd key.x"]'],
    [[], ''],
  ])('%j → %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});

describe('formatProblem', () => {
  it.each([
    [
      {
        file: 'drumbeat.yaml',
        line: 14,
        column: 7,
        path: 'sigs.overrides.sig-node.channel',
        message: 'expected "#name"',
      },
      'drumbeat.yaml:14:7 sigs.overrides.sig-node.channel: expected "#name"',
    ],
    [
      { file: 'drumbeat.yaml', line: null, column: null, path: '', message: 'the file is empty' },
      'drumbeat.yaml: the file is empty',
    ],
    [{ file: 'drumbeat.yaml', line: 3, column: 1, path: '', message: 'tabs' }, 'drumbeat.yaml:3:1: tabs'],
    [
      { file: 'sigs.yaml', line: 120, column: null, path: 'sigs.import', message: 'w' },
      'sigs.yaml:120:1 sigs.import: w',
    ],
  ])('%j', (problem, text) => {
    expect(formatProblem(problem)).toBe(text);
  });
});

describe('describeValue', () => {
  it.each([
    ['sig-node', '"sig-node"'],
    [5, '5'],
    [null, 'an empty value'],
    [[1], 'a list (1 item)'],
    [{ a: 1 }, 'a mapping'],
    [true, 'true'],
    ['x'.repeat(100), `"${'x'.repeat(57)}…"`],
  ])('%j → %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});

describe('closestMatch', () => {
  it.each([
    ['facilitator', ['channel', 'facilitators', 'chairs'], 'facilitators'],
    ['sig-nod', ['sig-node', 'sig-apps'], 'sig-node'],
    ['zzz', ['channel', 'facilitators'], null],
    ['Quorom', ['quorum', 'duration'], 'quorum'],
  ])('%s among %j → %s', (word, candidates, match) => {
    expect(closestMatch(word, candidates)).toBe(match);
  });
});
