import { describe, expect, it } from 'vitest';
import { formatProblem, loadConfig } from '../../src/config/load-config.ts';
import { fixturePath, problemsOf, readFixture } from './helpers.ts';

/** Line number → problem count, from the fixture's `# expect N` comments. */
function expectedCounts(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  text.split('\n').forEach((line, i) => {
    const match = /# expect (\d+)/.exec(line);
    if (match) counts.set(i + 1, Number(match[1]));
  });
  return counts;
}

describe('wrong types everywhere (wrong-types.yaml)', () => {
  it('reports every problem in one run, each on the line it is written on', async () => {
    const problems = problemsOf(await loadConfig(fixturePath('wrong-types.yaml')));
    const expected = expectedCounts(readFixture('wrong-types.yaml'));
    const actual = new Map<number, number>();
    for (const p of problems) actual.set(p.line ?? 0, (actual.get(p.line ?? 0) ?? 0) + 1);
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    expect(problems).toHaveLength([...expected.values()].reduce((a, b) => a + b, 0));
  });

  it.each([
    ['workspace.timezone', 4, 3, 'expected an IANA time zone such as "UTC" or "Europe/Berlin", got 5'],
    ['workspace.channels.pm', 6, 5, 'expected "#name" or a channel ID (C…/G…), got "sig-pm"'],
    ['workspace.channels.release', 7, 5, 'got a list (2 items)'],
    ['github.repo', 9, 3, 'expected "owner/name"'],
    ['github.board.number', 10, 29, 'expected a whole number, got "264"'],
    [
      'github.writeBack',
      11,
      3,
      'expected true or false, or { enabled: true|false, via: prow|api }, got "yes" (YAML 1.2 reads yes/no/on/off as text)',
    ],
    ['release.name', 13, 3, 'expected a release name "vMAJOR.MINOR", e.g. "v1.37", got 1.37'],
    ['release.calendar.milestones[0].kind', 16, 30, 'got "code-frieze" (did you mean "code-freeze"?)'],
    ['release.calendar.milestones[0].date', 16, 49, 'expected a day that exists'],
    ['release.calendar.milestones[1].at', 17, 30, 'expected an ISO-8601 instant with a zone'],
    ['release.codingPeriod.increments', 18, 38, 'expected a whole number, got "two"'],
    ['release.alerts.leadTimes[1]', 19, 30, 'got "1 week"'],
    ['people[0].slack', 21, 34, 'expected a Slack user ID (U… or W…'],
    ['people[0].timezone', 21, 48, 'got "PT"'],
    ['people[1].github', 22, 7, 'expected a GitHub login'],
    ['people[1].quietHours.from', 22, 46, 'expected a 24-hour time "HH:MM"'],
    ['sigs.groups[0].dir', 25, 9, 'expected a SIG directory name'],
    ['sigs.defaults.drumbeat.cron', 27, 17, 'expected a cron expression'],
    ['sigs.defaults.drumbeat.nudgeAfter', 27, 40, 'got "1.5h"'],
    ['sigs.defaults.digest.to', 28, 15, 'expected "chairs" or a channel'],
    ['sigs.overrides.sig-node.channel', 31, 7, 'expected "#name" or a channel ID (C…/G…), got "sig-node"'],
    ['escalation.businessDays', 33, 3, 'expected true or false, got 1'],
    ['escalation.ladder[0].after', 35, 9, 'got "2 days"'],
    ['escalation.ladder[0].notify[0]', 35, 24, 'or "channel:#name", got "pager"'],
    ['votes.duration', 36, 10, 'expected a duration such as "90m", "24h" or "2d"'],
    ['votes.quorum', 36, 24, 'expected "all" or a share of the electorate such as "60%", got "most"'],
    ['votes.hideValuesUntilClose', 36, 38, 'got "no"'],
    ['votes.remindAt', 36, 66, 'expected a list'],
  ])('%s at %i:%i says %j', async (path, line, column, message) => {
    const problems = problemsOf(await loadConfig(fixturePath('wrong-types.yaml')));
    const problem = problems.find((p) => p.path === path);
    expect(problem).toMatchObject({ line, column });
    expect(problem?.message).toContain(message);
  });

  it('formats each problem as file:line:col path: message', async () => {
    const problems = problemsOf(await loadConfig('test/fixtures/config/wrong-types.yaml'));
    const channel = problems.find((p) => p.path === 'sigs.overrides.sig-node.channel')!;
    expect(formatProblem(channel)).toBe(
      'test/fixtures/config/wrong-types.yaml:31:7 sigs.overrides.sig-node.channel: expected "#name" or a channel ID (C…/G…), got "sig-node"',
    );
  });
});
