import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText } from '../../src/config/load-config.ts';
import { leadTimesFor, mayUpdateSig, personByGithub } from '../../src/config/resolved-config.ts';
import { configOf, fixturePath, minimalConfig, problemsOf, readFixture } from './helpers.ts';

describe('a valid config (valid.yaml)', () => {
  it('loads with no warnings and resolves every section', async () => {
    const { config, warnings } = configOf(await loadConfig(fixturePath('valid.yaml')));
    expect(warnings).toEqual([]);
    expect(config.file).toBe(fixturePath('valid.yaml'));
    expect(config.workspace).toEqual({
      timezone: 'UTC',
      channels: { pm: '#sig-pm', release: '#sig-release' },
    });
    expect(config.github).toMatchObject({
      repo: 'kubernetes/enhancements',
      owner: 'kubernetes',
      name: 'enhancements',
    });
    expect(config.github.board).toMatchObject({ org: 'kubernetes', number: 264 });
    expect(config.github.board?.fields).toMatchObject({
      status: 'Status',
      exceptionType: 'Exception Request Type',
    });
    expect(config.github.localCheckout).toBeNull();
    expect(config.release.name).toBe('v1.37');
    expect(config.release.lead?.slack).toBe('U0000000001');
    expect(config.release.team).toEqual(['lena-lead', 'erin-enhancements']);
  });

  it('reads github.writeBack as an object with via, and board field names over the handbook defaults', () => {
    const text = `${minimalConfig}github:
  board: { org: kubernetes, number: 241, fields: { status: Enhancement Status } }
  writeBack: { enabled: true, via: api }
`;
    const { config } = configOf(parseConfigText(text, 'drumbeat.yaml'));
    expect(config.github).toMatchObject({ writeBack: true, writeBackVia: 'api' });
    expect(config.github.board?.fields).toMatchObject({ status: 'Enhancement Status', stage: 'Stage' });
  });

  it('refuses a write-back mode other than prow or api', () => {
    const result = parseConfigText(
      `${minimalConfig}github:\n  writeBack: { enabled: true, via: rest }\n`,
      'x.yaml',
    );
    expect(JSON.stringify(result)).toContain('expected one of \\"prow\\", \\"api\\"');
  });

  it('turns inline milestones into calendar milestones in time order, AoE days ending 12:00 UTC next day', async () => {
    const { config } = configOf(await loadConfig(fixturePath('valid.yaml')));
    const rows = config.release.milestones.map((m) => [m.name, m.at, m.date, m.aoe]);
    expect(rows).toEqual([
      ['Start of Release Cycle', null, '2099-01-12', false],
      ['Enhancements Freeze', '2099-02-06T12:00:00Z', null, true],
      ['Code Freeze', '2099-03-06T12:00:00Z', null, false],
      ['KubeCon', null, '2099-03-16', false],
      ['v1.37.0 released', null, '2099-04-15', false],
    ]);
    expect(config.release.milestones[3]?.endDate).toBe('2099-03-19');
  });

  it('resolves the coding period, lead times, escalation and votes into numbers', async () => {
    const { config } = configOf(await loadConfig(fixturePath('valid.yaml')));
    const day = 86_400_000;
    expect(config.release.codingPeriod).toEqual({
      start: '2099-01-12',
      increments: 4,
      weeksPerIncrement: 2,
      confidenceCaps: [100, 80, 60, 40],
      end: '2099-03-09',
    });
    expect(leadTimesFor(config.release.alerts, 'code-freeze')).toEqual([
      14 * day,
      7 * day,
      2 * day,
      day,
      2 * 3_600_000,
    ]);
    expect(leadTimesFor(config.release.alerts, 'release')).toEqual([day]);
    expect(leadTimesFor(config.release.alerts, null)).toEqual(config.release.alerts.leadTimesMs);
    expect(config.escalation).toEqual({
      businessDays: true,
      ladder: [
        { afterMs: 0, notify: [{ kind: 'blocking-sig' }, { kind: 'facilitators' }] },
        { afterMs: 2 * day, notify: [{ kind: 'pm-channel' }] },
        { afterMs: 4 * day, notify: [{ kind: 'release-lead' }] },
      ],
    });
    expect(config.votes).toEqual({
      durationMs: 3 * day,
      quorum: { kind: 'all' },
      hideValuesUntilClose: true,
      remindAt: [
        { kind: 'elapsed-share', share: 0.5 },
        { kind: 'before-close', ms: 2 * 3_600_000 },
      ],
    });
  });

  it('fills people zones from the workspace and indexes people by login (any case) and Slack ID', async () => {
    const { config } = configOf(await loadConfig(fixturePath('valid.yaml')));
    expect(config.people.map((p) => [p.github, p.timezone])).toEqual([
      ['lena-lead', 'Europe/Berlin'],
      ['erin-enhancements', 'UTC'],
      ['alice-facilitator', 'America/Los_Angeles'],
      ['carl-chair', 'UTC'],
    ]);
    expect(personByGithub(config, 'Alice-Facilitator')?.slack).toBe('U0000000003');
    expect(config.peopleBySlack.get('W0000000004')?.github).toBe('carl-chair');
    expect(config.people[0]?.quietHours).toEqual({ from: '19:00', to: '08:00', weekends: true });
  });

  it('keeps only SIGs of the configured kinds, with defaults and overrides merged', async () => {
    const { config } = configOf(await loadConfig(fixturePath('valid.yaml')));
    expect(config.sigs.map((s) => s.dir)).toEqual(['sig-node', 'sig-storage']);
    const node = config.sigsByDir.get('sig-node')!;
    expect(node.channel).toBe('#sig-node');
    expect(node.facilitators).toEqual(['alice-facilitator']);
    expect(node.drumbeat).toEqual({
      cron: '0 16 * * 2',
      timezone: 'America/Los_Angeles',
      nudgeAfterMs: 86_400_000,
      closeAfterMs: 172_800_000,
    });
    expect(node.digest).toEqual({ cron: '0 9 * * 1', timezone: 'UTC', to: 'chairs' });
    expect(node.statusUpdaters).toEqual(['alice-facilitator', 'carl-chair']);
    const storage = config.sigsByDir.get('sig-storage')!;
    expect(storage.channel).toBe('C0123456789');
    expect(storage.digest.to).toBe('#sig-storage-leads');
  });

  it('lets facilitators, chairs and the release team update a SIG, and nobody else', async () => {
    const { config } = configOf(await loadConfig(fixturePath('valid.yaml')));
    const node = config.sigsByDir.get('sig-node')!;
    const storage = config.sigsByDir.get('sig-storage')!;
    expect(mayUpdateSig(config, node, 'alice-facilitator')).toBe(true);
    expect(mayUpdateSig(config, node, 'CARL-CHAIR')).toBe(true);
    expect(mayUpdateSig(config, storage, 'erin-enhancements')).toBe(true);
    expect(mayUpdateSig(config, storage, 'alice-facilitator')).toBe(false);
    expect(mayUpdateSig(config, node, 'someone-else')).toBe(false);
  });

  it('applies every default when optional sections are left out', () => {
    const { config } = configOf(parseConfigText(minimalConfig, 'drumbeat.yaml'));
    expect(config.workspace.timezone).toBe('UTC');
    expect(config.github).toMatchObject({ repo: 'kubernetes/enhancements', writeBack: false, board: null });
    expect(config.github.labels).toEqual({
      optedIn: 'lead-opted-in',
      approved: 'milestone-approved',
      trackedYes: 'tracked/yes',
      trackedNo: 'tracked/no',
      outOfTree: 'tracked/out-of-tree',
    });
    expect(config.github).toMatchObject({ writeBackVia: 'prow', codeRepo: 'kubernetes/kubernetes' });
    expect(config.release.codingPeriod).toBeNull();
    expect(config.release.lead).toBeNull();
    expect(config.release.alerts.leadTimesMs).toHaveLength(5);
    expect(config.sigs[0]?.drumbeat.cron).toBe('0 16 * * 2');
    expect(config.sigs[0]?.digest.to).toBe('chairs');
    expect(config.escalation.ladder.map((s) => s.notify[0]?.kind)).toEqual([
      'blocking-sig',
      'pm-channel',
      'release-lead',
    ]);
    expect(config.votes.quorum).toEqual({ kind: 'all' });
  });

  it('accepts anchors and merge keys for repeated settings', () => {
    const text = `${minimalConfig}people:
  - &berlin { github: alice-facilitator, slack: U0000000003, timezone: Europe/Berlin }
  - { <<: *berlin, github: bob-facilitator, slack: U0000000004 }
`;
    const { config } = configOf(parseConfigText(text, 'drumbeat.yaml'));
    expect(config.people.map((p) => [p.github, p.timezone])).toEqual([
      ['alice-facilitator', 'Europe/Berlin'],
      ['bob-facilitator', 'Europe/Berlin'],
    ]);
  });
});

describe('hostile or broken files', () => {
  it.each([
    ['empty.yaml', null, /the file is empty/],
    ['comments-only.yaml', null, /the file is empty/],
    ['malformed.yaml', 4, /YAML syntax error/],
    ['duplicate-keys.yaml', 6, /key "name" appears twice/],
    ['tabs.yaml', 3, /tabs are not allowed/],
    ['multi-document.yaml', 4, /more than one YAML document/],
    ['deep-nesting.yaml', 2, /nested more than 64 levels/],
    ['top-level-list.yaml', 2, /expected a mapping \(key: value\), got a list/],
  ])('%s: one clear problem at line %s', async (name, line, message) => {
    const problems = problemsOf(await loadConfig(fixturePath(name)));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe(fixturePath(name));
    expect(problems[0]?.line).toBe(line);
    expect(problems[0]?.message).toMatch(message);
  });

  // The per-test timeout is the guard against a hang; how fast it is, is not asserted.
  it('refuses a billion-laughs alias bomb, pointing at the first alias', async () => {
    const problems = problemsOf(await loadConfig(fixturePath('alias-bomb.yaml')));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/billion laughs/);
    expect([problems[0]?.line, problems[0]?.column]).toEqual([3, 8]);
  }, 10_000);

  it('refuses binary content as not UTF-8 text', async () => {
    const problems = problemsOf(await loadConfig(fixturePath('binary.yaml')));
    expect(problems[0]?.message).toMatch(/not UTF-8 text/);
  });

  it('refuses control characters in text it is given, with their position', () => {
    const problems = problemsOf(parseConfigText('workspace:\n  x: "a\u0000b"\n', 'drumbeat.yaml'));
    expect(problems[0]).toMatchObject({ line: 2, column: 8 });
    expect(problems[0]?.message).toMatch(/binary data \(character U\+0000\)/);
  });

  it('refuses a document over the size limit before parsing it', () => {
    const huge = `people:\n${'  - { github: someone, slack: U0000000001 }\n'.repeat(30_000)}`;
    const problems = problemsOf(parseConfigText(huge, 'drumbeat.yaml'));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBeNull();
    expect(problems[0]?.message).toMatch(/bytes, over the limit of 1048576/);
  }, 10_000);

  it('refuses runaway flow nesting in a large document without running out of memory', () => {
    const deep = `a: ${'['.repeat(500_000)}${']'.repeat(500_000)}`;
    const problems = problemsOf(parseConfigText(deep, 'drumbeat.yaml'));
    expect(problems[0]?.message).toMatch(/nested more than 64 levels/);
  }, 10_000);

  it('reports deep block nesting as a problem, not a crash', () => {
    const deep = Array.from({ length: 1_200 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    const result = parseConfigText(`${deep} 1\n`, 'drumbeat.yaml');
    expect(problemsOf(result).length).toBeGreaterThan(0);
  });

  it('refuses unknown YAML tags', () => {
    const problems = problemsOf(parseConfigText('workspace: !!js/function "x"\n', 'drumbeat.yaml'));
    expect(problems[0]?.message).toMatch(/unknown YAML tag/);
  });
});

describe('loadConfig and files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drumbeat-config-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says how to fix a missing file', async () => {
    const problems = problemsOf(await loadConfig('drumbeat.yaml', { cwd: dir }));
    expect(problems[0]).toMatchObject({ file: 'drumbeat.yaml', line: null, path: '' });
    expect(problems[0]?.message).toMatch(/no config file here .*--config FILE or set DRUMBEAT_CONFIG/);
  });

  it('refuses a directory', async () => {
    fs.mkdirSync(path.join(dir, 'drumbeat.yaml'));
    const problems = problemsOf(await loadConfig('drumbeat.yaml', { cwd: dir }));
    expect(problems[0]?.message).toMatch(/not a file/);
  });

  it('refuses a file over the size limit without reading it', async () => {
    fs.writeFileSync(path.join(dir, 'big.yaml'), `# ${'x'.repeat(2_000)}\n`);
    const problems = problemsOf(await loadConfig('big.yaml', { cwd: dir, limits: { maxBytes: 1_000 } }));
    expect(problems[0]?.message).toMatch(/over the limit of 1000/);
  });

  it('resolves a relative path against cwd and keeps it as written in messages', async () => {
    fs.writeFileSync(path.join(dir, 'conf.yaml'), 'workspace: 5\n');
    const problems = problemsOf(await loadConfig('conf.yaml', { cwd: dir }));
    expect(problems.map((p) => p.file)).toContain('conf.yaml');
  });

  it('accepts a UTF-8 byte order mark', async () => {
    fs.writeFileSync(path.join(dir, 'bom.yaml'), `\uFEFF${minimalConfig}`);
    configOf(await loadConfig('bom.yaml', { cwd: dir }));
  });

  it('checks that github.localCheckout is a directory, relative to the config file', async () => {
    fs.mkdirSync(path.join(dir, 'conf'));
    fs.mkdirSync(path.join(dir, 'conf', 'enhancements'));
    const good = `${minimalConfig}github: { localCheckout: ./enhancements }\n`;
    fs.writeFileSync(path.join(dir, 'conf', 'good.yaml'), good);
    const { config } = configOf(await loadConfig('conf/good.yaml', { cwd: dir }));
    expect(config.github.localCheckout).toBe(path.join(dir, 'conf', 'enhancements'));

    fs.writeFileSync(
      path.join(dir, 'conf', 'bad.yaml'),
      `${minimalConfig}github: { localCheckout: ./missing }\n`,
    );
    const problems = problemsOf(await loadConfig('conf/bad.yaml', { cwd: dir }));
    expect(problems[0]).toMatchObject({ path: 'github.localCheckout', line: 9, column: 11 });
    expect(problems[0]?.message).toMatch(/no directory at/);
  });
});

describe('fixture text in memory', () => {
  it('parseConfigText reports the same problems as loadConfig', async () => {
    const fromDisk = problemsOf(await loadConfig(fixturePath('wrong-types.yaml')));
    const fromText = problemsOf(
      parseConfigText(readFixture('wrong-types.yaml'), fixturePath('wrong-types.yaml')),
    );
    expect(fromText).toEqual(fromDisk);
  });
});
