import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError, parseSigsYaml } from '../../src/config/import-sigs.ts';

const fixture = readFileSync(new URL('../fixtures/k8s/sigs.yaml', import.meta.url), 'utf8');
const { sigs, warnings } = parseSigsYaml(fixture, 'sigs.yaml');
const byDir = (dir: string) => sigs.find((sig) => sig.dir === dir);

describe('parseSigsYaml on the real sigs.yaml', () => {
  it('reads every group with its kind from the list it is in', () => {
    const count = (kind: string) => sigs.filter((sig) => sig.kind === kind).length;
    expect([count('sig'), count('wg'), count('ug'), count('committee')]).toEqual([24, 8, 0, 3]);
    expect(byDir('wg-batch')?.kind).toBe('wg');
    expect(byDir('committee-steering')?.kind).toBe('committee');
  });

  it.each([
    ['sig-node', 'sig-node', 'Node', 'node'],
    ['sig-contributor-experience', 'sig-contribex', 'Contributor Experience', 'contributor-experience'],
    ['committee-code-of-conduct', 'code-of-conduct', 'Code of Conduct', 'code-of-conduct'],
    ['committee-steering', 'steering-committee', 'Steering', 'steering'],
    ['committee-security-response', null, 'Security Response', 'security-response'],
  ])('%s: channel %s', (dir, channel, name, label) => {
    expect(byDir(dir)).toMatchObject({ slackChannel: channel, name, label });
  });

  it('warns about the committee with no Slack channel, and only that', () => {
    expect(warnings).toEqual([
      {
        source: 'sigs.yaml',
        message:
          "committee-security-response: has no Slack channel (contact.slack); set one in the config's sig overrides",
      },
    ]);
  });

  it('lists chairs and tech leads as GitHub logins', () => {
    expect(byDir('sig-release')).toMatchObject({
      chairs: ['jeremyrickard', 'justaugustus', 'saschagrunert'],
      techLeads: ['Verolop', 'cpanato', 'puerco'],
    });
    expect(byDir('sig-architecture')?.techLeads).toEqual([]);
  });

  it('maps meeting zones and times from free text', () => {
    const release = byDir('sig-release')?.meetings[0];
    expect(release).toEqual({
      description: 'Regular SIG Meeting',
      day: 'Thursday',
      time: '14:30',
      tz: 'UTC',
      zone: 'UTC',
      zoneNote: null,
      frequency: 'biweekly',
      url: expect.stringMatching(/^https:\/\/zoom\.us\//),
    });
    const all = sigs.flatMap((sig) => sig.meetings);
    expect(all.find((m) => m.tz === 'Poland')?.zone).toBe('Europe/Warsaw');
    expect(
      all.filter((m) => m.tz === 'PT (Pacific Time)').every((m) => m.zone === 'America/Los_Angeles'),
    ).toBe(true);
    expect(
      all.filter((m) => m.tz === 'CET (Central European Time)').every((m) => m.zone === 'Europe/Berlin'),
    ).toBe(true);
    expect(all.filter((m) => /Eastern/.test(m.tz ?? '')).every((m) => m.zone === 'America/New_York')).toBe(
      true,
    );
    expect(all.every((m) => m.zone !== null && m.zoneNote === null)).toBe(true);
    expect(all.every((m) => m.time === null || /^\d{2}:\d{2}$/.test(m.time))).toBe(true);
    expect(all.some((m) => m.time === '14:00' && m.tz === 'PT (Pacific Time)')).toBe(true);
  });
});

describe('parseSigsYaml on odd input', () => {
  it('reads 2PM, unknown zones and missing pieces with warnings', () => {
    const text = `
sigs:
  - dir: sig-odd
    name: Odd
    leadership:
      chairs: [{ github: "@alice" }, { name: No Login }]
    meetings:
      - { description: Weekly, day: Monday, time: 2PM, tz: Moon Time, frequency: weekly }
      - { description: Late, time: "half past", tz: "" }
      - not a meeting
  - name: No Dir
  - just text
workinggroups: not a list
committees:
  - dir: wg-misplaced
    name: Misplaced
    contact: { slack: "#misplaced" }
`;
    const result = parseSigsYaml(text, 'odd.yaml');
    expect(result.sigs.map((s) => s.dir)).toEqual(['sig-odd', 'wg-misplaced']);
    const odd = result.sigs[0];
    expect(odd?.chairs).toEqual(['alice']);
    expect(odd?.meetings[0]).toMatchObject({
      time: '14:00',
      tz: 'Moon Time',
      zone: null,
      zoneNote: '"Moon Time" is not a recognised time zone',
    });
    expect(odd?.meetings[1]).toMatchObject({ time: 'half past', zone: null, zoneNote: 'no time zone given' });
    expect(result.sigs[1]?.slackChannel).toBe('misplaced');
    const messages = result.warnings.map((w) => w.message);
    expect(messages).toEqual([
      "sig-odd: has no Slack channel (contact.slack); set one in the config's sig overrides",
      'sig-odd: meeting "Weekly" has tz "Moon Time", which names no time zone Drumbeat recognises; use an IANA name such as Europe/Berlin',
      'sig-odd: meeting "Late" has time "half past", which is not a clock time like 09:00 or 2PM; kept as written',
      'sig-odd: meeting "Late" gives no time zone; set one (an IANA name such as America/Los_Angeles)',
      'sig-odd: meetings[2] is not a mapping; ignored',
      'sigs[1] has no dir; skipped (the dir is how KEPs name a group)',
      'sigs[2] is not a mapping; skipped',
      'workinggroups should be a list of groups; ignored',
      'wg-misplaced: listed as a committee but its dir does not start with "committee-"',
    ]);
  });

  it.each([
    ['not YAML', 'sigs: [unclosed', /odd.yaml is not valid YAML/],
    [
      'bad indentation, with its line',
      'sigs:\n  - dir: sig-a\n   name: A\n',
      /not valid YAML \(.* at line 3, column \d+\)/,
    ],
    ['a list', '- a\n- b\n', /does not look like kubernetes\/community's sigs.yaml/],
    ['another mapping', 'title: hello\n', /no top-level sigs, workinggroups, usergroups, committees/],
    ['empty', '', /does not look like/],
    [
      'an unresolved alias',
      'sigs:\n  - *nothing\n',
      /odd.yaml (?:is not valid YAML|could not be read as YAML)/,
    ],
  ])('throws ImportError for %s', (_name, text, message) => {
    expect(() => parseSigsYaml(text, 'odd.yaml')).toThrow(ImportError);
    expect(() => parseSigsYaml(text, 'odd.yaml')).toThrow(message);
  });
});
