import { describe, expect, it } from 'vitest';
import { formatProblem, loadConfig, parseConfigText } from '../../src/config/load-config.ts';
import { configOf, fixturePath, minimalConfig, problemsOf } from './helpers.ts';

describe('cross-field checks (references.yaml)', () => {
  it('reports every broken reference at once, in file order', async () => {
    const result = await loadConfig(fixturePath('references.yaml'));
    const problems = problemsOf(result);
    expect(problems.map((p) => [p.path, p.line])).toEqual([
      ['release.codingPeriod.confidenceCaps[2]', 8],
      ['release.lead', 9],
      ['people[2].github', 14],
      ['sigs.defaults.drumbeat.nudgeAfter', 20],
      ['sigs.overrides.sig-node.facilitators[1]', 22],
      ['sigs.overrides.sig-nod', 23],
      ['sigs.overrides.wg-batch', 24],
      ['escalation.ladder[1].after', 28],
      ['votes.remindAt[1]', 29],
    ]);
  });

  it.each([
    [
      'release.lead',
      'release lead "lena-lead" is not in people; add { github: lena-lead, slack: U… } to people',
    ],
    ['people[2].github', '"Alice-Facilitator" is listed twice'],
    ['sigs.overrides.sig-node.facilitators[1]', 'facilitator "bob-nobody" is not in people'],
    ['sigs.overrides.sig-nod', 'unknown SIG "sig-nod"; did you mean "sig-node"?'],
    [
      'sigs.overrides.wg-batch',
      '"wg-batch" is a wg and sigs.kinds is [sig]; set `enabled: true` here or add wg to sigs.kinds',
    ],
    ['sigs.defaults.drumbeat.nudgeAfter', 'expected nudgeAfter (2d) to be shorter than closeAfter (1d)'],
    ['escalation.ladder[1].after', 'expected steps in increasing order of `after`: 0h comes after 2d'],
    ['votes.remindAt[1]', 'shorter than the vote (24h), got "48h"'],
    ['release.codingPeriod.confidenceCaps[2]', 'expected caps that never increase (80 follows 60)'],
  ])('%s: %s', async (path, message) => {
    const problems = problemsOf(await loadConfig(fixturePath('references.yaml')));
    expect(problems.find((p) => p.path === path)?.message).toContain(message);
  });

  it('keeps warnings for people the bot cannot reach (chairs and team members without Slack)', async () => {
    const result = await loadConfig(fixturePath('references.yaml'));
    if (result.ok) expect.fail('references.yaml should not load');
    const warnings = (result.warnings ?? []).map(formatProblem);
    expect(warnings).toEqual([
      expect.stringMatching(
        /references\.yaml:10:10 release\.team\[0\]: release team member "erin-enhancements" has no Slack user/,
      ),
      expect.stringMatching(
        /references\.yaml:22:5 sigs\.overrides\.sig-node: chairs of sig-node with no Slack user in people: carl-chair/,
      ),
    ]);
  });
});

/** minimalConfig plus people, and one line changed or added, to test one rule at a time. */
const base = `${minimalConfig}people:
  - { github: alice-facilitator, slack: U0000000003 }
`;

/** Edits of the base config, each breaking one rule. */
const replace = (find: string, by: string) => (text: string) => {
  expect(text).toContain(find);
  return text.replace(find, by);
};
const append = (extra: string) => (text: string) => `${text}${extra}\n`;

describe('one bad value at a time', () => {
  it.each([
    [
      'bad cron',
      replace('sigs:\n', 'sigs:\n  defaults: { drumbeat: { cron: "0 16 * * 8" } }\n'),
      'sigs.defaults.drumbeat.cron',
      /expected a cron expression/,
    ],
    [
      'bad zone',
      replace('workspace:\n', 'workspace:\n  timezone: Europe/Berln\n'),
      'workspace.timezone',
      /expected an IANA time zone/,
    ],
    [
      'bad channel',
      replace('"#sig-pm"', 'sig-pm'),
      'workspace.channels.pm',
      /expected "#name" or a channel ID \(C…\/G…\), got "sig-pm"/,
    ],
    [
      'bad duration',
      append('votes: { duration: 3 days }'),
      'votes.duration',
      /expected a duration .*got "3 days"/,
    ],
    [
      'bad quiet hours',
      replace('slack: U0000000003 }', 'slack: U0000000003, quietHours: { from: "19:00", to: "19:00" } }'),
      'people[0].quietHours.to',
      /expected `from` and `to` to differ/,
    ],
    [
      'unknown person',
      replace('  calendar:', '  lead: nobody-here\n  calendar:'),
      'release.lead',
      /release lead "nobody-here" is not in people/,
    ],
    [
      'unknown SIG override',
      replace('sigs:\n', 'sigs:\n  overrides: { sig-nodes: { channel: "#x" } }\n'),
      'sigs.overrides.sig-nodes',
      /unknown SIG "sig-nodes"; did you mean "sig-node"\?/,
    ],
    [
      'bad notify channel',
      append('escalation: { ladder: [{ after: 0h, notify: "channel:general" }] }'),
      'escalation.ladder[0].notify[0]',
      /or "channel:#name", got "channel:general"/,
    ],
    [
      'release-lead step without a lead',
      append('escalation: { ladder: [{ after: 0h, notify: release-lead }] }'),
      'escalation.ladder[0].notify',
      /release.lead is not set/,
    ],
    [
      'milestone with both at and date',
      replace('at: "2099-03-06T12:00:00Z"', 'at: "2099-03-06T12:00:00Z", date: 2099-03-06'),
      'release.calendar.milestones[0]',
      /exactly one of `at`/,
    ],
    [
      'duplicate Slack user',
      append('  - { github: bob-facilitator, slack: U0000000003 }'),
      'people[1].slack',
      /already the Slack user of "alice-facilitator"/,
    ],
  ])('%s', (_name, edit, path, message) => {
    const problems = problemsOf(parseConfigText(edit(base), 'drumbeat.yaml'));
    const problem = problems.find((p) => p.path === path);
    expect(problem?.message, problems.map(formatProblem).join('\n')).toMatch(message);
    expect(problem?.line).toBeGreaterThan(0);
  });
});

describe('warnings do not stop a load', () => {
  it('loads with a warning for a facilitator without a Slack user', () => {
    const text = `${minimalConfig.replace('sigs:\n', 'sigs:\n  overrides: { sig-node: { facilitators: [quiet-person] } }\n')}people:\n  - { github: quiet-person }\n`;
    const result = configOf(parseConfigText(text, 'drumbeat.yaml'));
    expect(result.warnings.map((w) => [w.path, w.message])).toEqual([
      [
        'sigs.overrides.sig-node.facilitators[0]',
        'facilitator "quiet-person" has no Slack user in people, so the bot cannot message them',
      ],
      [
        'release',
        'the default escalation ladder ends with release-lead, but release.lead is not set: that step will reach nobody',
      ],
    ]);
    expect(result.config.warnings).toEqual(result.warnings);
  });

  it('includes a group of another kind when its override says enabled: true, and drops one with enabled: false', () => {
    const text = minimalConfig.replace(
      'sigs:\n  groups: [{ dir: sig-node, name: Node, channel: "#sig-node" }]\n',
      `sigs:
  groups:
    - { dir: sig-node, name: Node, channel: "#sig-node" }
    - { dir: sig-apps, name: Apps, channel: "#sig-apps" }
    - { dir: wg-batch, name: Batch, kind: wg, channel: "#wg-batch" }
  overrides: { wg-batch: { enabled: true }, sig-apps: { enabled: false } }
`,
    );
    const { config } = configOf(parseConfigText(text, 'drumbeat.yaml'));
    expect(config.sigs.map((s) => s.dir)).toEqual(['sig-node', 'wg-batch']);
  });
});
