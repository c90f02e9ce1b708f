import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText } from '../../src/config/load-config.ts';
import { fixturePath, minimalConfig, problemsOf } from './helpers.ts';

describe('unknown keys (unknown-keys.yaml)', () => {
  it.each([
    ['workspace.channel', 4, 3, 'did you mean "channels"?'],
    ['release.calender', 7, 3, 'did you mean "calendar"?'],
    [
      'release.calendar.milestones[0].colour',
      9,
      57,
      'valid keys here: name, kind, at, date, endDate, aoe, who, week',
    ],
    ['people[0].slackId', 11, 34, 'did you mean "slack"?'],
    ['sigs.overrides.sig-node.facilitator', 15, 17, 'did you mean "facilitators"?'],
    ['votes.quorom', 16, 10, 'did you mean "quorum"?'],
    ['extra', 17, 1, 'valid keys here: workspace, github, release, people, sigs, escalation, votes'],
  ])('%s at %i:%i (%s)', async (path, line, column, hint) => {
    const problems = problemsOf(await loadConfig(fixturePath('unknown-keys.yaml')));
    const problem = problems.find((p) => p.path === path);
    expect(problem).toMatchObject({ line, column });
    expect(problem?.message).toMatch(/^unknown key "/);
    expect(problem?.message).toContain(hint);
  });

  it('also reports the key that is then missing, at its parent', async () => {
    const problems = problemsOf(await loadConfig(fixturePath('unknown-keys.yaml')));
    expect(problems.find((p) => p.path === 'workspace.channels')).toMatchObject({
      line: 2,
      message: 'is required; expected a mapping (key: value)',
    });
    expect(problems).toHaveLength(8);
  });

  it('gives one problem per unknown key in the same mapping', () => {
    const problems = problemsOf(parseConfigText(`${minimalConfig}votes: { a: 1, b: 2 }\n`, 'drumbeat.yaml'));
    expect(problems.map((p) => [p.path, p.line, p.column])).toEqual([
      ['votes.a', 9, 10],
      ['votes.b', 9, 16],
    ]);
  });
});

describe('missing sections', () => {
  it('names every required section that is missing', () => {
    const problems = problemsOf(parseConfigText('github: { writeBack: false }\n', 'drumbeat.yaml'));
    expect(problems.map((p) => p.path).sort()).toEqual(['release', 'sigs', 'workspace']);
    for (const p of problems) expect(p.message).toMatch(/^is required; expected a mapping/);
  });

  it('asks for a calendar source when there is none', () => {
    const text = minimalConfig.replace(/ {4}milestones: .*\n/, '').replace('calendar:', 'calendar: {}');
    const problems = problemsOf(parseConfigText(text, 'drumbeat.yaml'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'release.calendar', line: 5 });
    expect(problems[0]?.message).toContain('expected `import:` (a sig-release README) or `milestones:`');
  });
});
