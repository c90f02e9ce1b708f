import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseSlackUsers } from '../../src/config/import-people.ts';
import { loadConfig, parseConfigText } from '../../src/config/load-config.ts';
import type { ConfigFiles } from '../../src/config/resolve-context.ts';
import { personByGithub, type ResolvedConfig } from '../../src/config/resolved-config.ts';
import { configOf, minimalConfig, problemsOf } from './helpers.ts';

const repoRoot = path.join(import.meta.dirname, '..', '..');
const usersPath = path.join(repoRoot, 'test', 'fixtures', 'k8s', 'process', 'slack-users.yaml');
const usersText = readFileSync(usersPath, 'utf8');

/** The users.yaml map read independently (plain js-yaml), keyed by lower-cased login. */
const upstream = new Map(
  Object.entries((load(usersText) as { users: Record<string, string> }).users).map(([k, v]) => [
    k.toLowerCase(),
    v,
  ]),
);

function unreachableChairs(config: ResolvedConfig): string[] {
  return config.sigs.flatMap((s) =>
    s.chairs.filter((c) => !personByGithub(config, c)?.slack).map((c) => `${s.dir}/${c}`),
  );
}

function memoryFiles(files: Record<string, string>): ConfigFiles {
  return {
    readFile: (p) => {
      const text = files[p];
      if (text === undefined) throw new Error(`ENOENT: ${p}`);
      return text;
    },
    fileSize: (p) => (files[p] === undefined ? null : Buffer.byteLength(files[p])),
    isDirectory: () => false,
  };
}

function withUsers(users: string, people: string) {
  const text = `${minimalConfig}people:\n${people}`;
  return parseConfigText(text, 'drumbeat.yaml', {
    cwd: '/conf',
    files: memoryFiles({ '/conf/users.yaml': users }),
  });
}

describe('parseSlackUsers on the real users.yaml', () => {
  const { people, warnings } = parseSlackUsers(usersText, 'users.yaml');

  it('reads every login → Slack ID pair that is one, with its line', () => {
    expect(people.find((p) => p.github === 'AlexB138')).toEqual({
      github: 'AlexB138',
      slack: 'U3JA3MDGV',
      line: usersText.split('\n').findIndex((l) => l.includes('AlexB138:')) + 1,
    });
    // 350 keys, 7 of them names with spaces rather than logins.
    expect(people).toHaveLength(343);
  });

  it('warns, with the line, about the keys that are names rather than logins', () => {
    const names = warnings.filter((w) => w.message.includes('is not a GitHub login'));
    expect(names).toHaveLength(7);
    const line = usersText.split('\n').findIndex((l) => l.startsWith('  Bart Farrell:')) + 1;
    expect(names[0]).toEqual({
      source: `users.yaml:${line}`,
      message: '"Bart Farrell" is not a GitHub login; entry skipped',
    });
  });
});

describe('people.import in the example config', () => {
  it('makes SIG chairs reachable: fewer unreachable chairs than without the import, exactly those users.yaml lacks', async () => {
    const text = readFileSync(path.join(repoRoot, 'drumbeat.example.yaml'), 'utf8');
    const withoutImport = text.replace(
      /^ {2}import: \.\/test\/fixtures\/k8s\/process\/slack-users\.yaml\n/m,
      '',
    );
    expect(withoutImport).not.toBe(text);
    const before = configOf(parseConfigText(withoutImport, 'drumbeat.example.yaml', { cwd: repoRoot }));
    const after = configOf(await loadConfig('drumbeat.example.yaml', { cwd: repoRoot }));
    const chairs = after.config.sigs.flatMap((s) => s.chairs.map((c) => `${s.dir}/${c}`));
    const lacking = chairs.filter((c) => !upstream.has(c.split('/')[1]!.toLowerCase()));
    expect(unreachableChairs(before.config)).toEqual(chairs);
    expect(unreachableChairs(after.config)).toEqual(lacking);
    expect(lacking.length).toBeLessThan(chairs.length);
    const release = after.config.sigsByDir.get('sig-release')!;
    expect(release.chairs.map((c) => personByGithub(after.config, c)?.slack)).toEqual(
      release.chairs.map((c) => upstream.get(c.toLowerCase())),
    );
  });

  it('matches logins in any case: sigs.yaml writes BenTheElder, users.yaml bentheelder', async () => {
    const { config } = configOf(await loadConfig('drumbeat.example.yaml', { cwd: repoRoot }));
    expect(config.sigsByDir.get('sig-testing')?.techLeads).toContain('BenTheElder');
    expect(personByGithub(config, 'BenTheElder')?.slack).toBe(upstream.get('bentheelder'));
  });

  it('keeps the listed people as written', async () => {
    const { config } = configOf(await loadConfig('drumbeat.example.yaml', { cwd: repoRoot }));
    expect(personByGithub(config, 'lena-release-lead')).toMatchObject({
      slack: 'U0000000001',
      timezone: 'Europe/Berlin',
    });
  });
});

describe('people.list over people.import', () => {
  const users = 'users:\n  AlexB138: U3JA3MDGV\n  carol: U0000000C1\n';

  it('adds zones and quiet hours to an imported person (any case), keeping the imported Slack ID', () => {
    const { config } = configOf(
      withUsers(
        users,
        '  import: ./users.yaml\n  list:\n    - { github: alexb138, timezone: Asia/Tokyo, quietHours: { from: "20:00", to: "07:00" } }\n',
      ),
    );
    expect(personByGithub(config, 'ALEXB138')).toEqual({
      github: 'alexb138',
      slack: 'U3JA3MDGV',
      timezone: 'Asia/Tokyo',
      quietHours: { from: '20:00', to: '07:00', weekends: false },
    });
    expect(personByGithub(config, 'carol')).toEqual({
      github: 'carol',
      slack: 'U0000000C1',
      timezone: 'UTC',
      quietHours: null,
    });
    expect(config.people).toHaveLength(2);
  });

  it('lets a listed Slack ID override the imported one, and adds people the import lacks', () => {
    const { config } = configOf(
      withUsers(
        users,
        '  import: ./users.yaml\n  list:\n    - { github: carol, slack: U0000000C2 }\n    - { github: dan, slack: U0000000D1 }\n',
      ),
    );
    expect(personByGithub(config, 'carol')?.slack).toBe('U0000000C2');
    expect(config.peopleBySlack.get('U0000000C1')).toBeUndefined();
    expect(personByGithub(config, 'dan')?.slack).toBe('U0000000D1');
  });

  it('skips an imported pair whose Slack ID a listed person has, with a warning on its line', () => {
    const result = configOf(
      withUsers(users, '  import: ./users.yaml\n  list:\n    - { github: dan, slack: U0000000C1 }\n'),
    );
    expect(personByGithub(result.config, 'carol')).toBeNull();
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        file: 'users.yaml',
        line: 3,
        message: 'carol: U0000000C1 is already the Slack user of "dan"; entry skipped',
      }),
    );
  });
});

describe('a bad users.yaml', () => {
  it('not YAML: an error on people.import naming the file and line', () => {
    const [problem, ...rest] = problemsOf(
      withUsers('users:\n  ok: U0000000C1\n  bad: [unclosed\n', '  import: ./users.yaml\n'),
    );
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: 'drumbeat.yaml', line: 10, path: 'people.import' });
    expect(problem!.message).toMatch(/^cannot import users\.yaml: users\.yaml:\d+ is not valid YAML/);
  });

  it('not the users.yaml shape: an error saying what file to pass', () => {
    const [problem] = problemsOf(withUsers('sigs: []\n', '  import: ./users.yaml\n'));
    expect(problem).toMatchObject({ line: 10, path: 'people.import' });
    expect(problem!.message).toContain('no top-level "users:" mapping of GitHub login → Slack user ID');
  });

  it('a pair that is not a Slack ID, or a login listed twice: warnings on their lines, the rest kept', () => {
    const result = configOf(
      withUsers(
        'users:\n  carol: not-an-id\n  dan: U0000000D1\n  DAN: U0000000D2\n',
        '  import: ./users.yaml\n',
      ),
    );
    expect(result.config.people.map((p) => [p.github, p.slack])).toEqual([['dan', 'U0000000D1']]);
    expect(result.warnings.filter((w) => w.file === 'users.yaml')).toEqual([
      expect.objectContaining({
        line: 2,
        message: 'carol: "not-an-id" is not a Slack user ID (U… or W…); entry skipped',
      }),
      expect.objectContaining({
        line: 4,
        message: 'DAN is listed again (first on line 3); the first is kept',
      }),
    ]);
  });

  it('a missing file: an error on people.import', () => {
    const [problem] = problemsOf(withUsers('', '  import: ./nowhere.yaml\n'));
    expect(problem).toMatchObject({ line: 10, path: 'people.import' });
    expect(problem!.message).toContain('cannot import "./nowhere.yaml": no file at /conf/nowhere.yaml');
  });
});

describe('people as a plain list (the form without an import)', () => {
  it('still loads, and its problems are located at people[i]', () => {
    const ok = configOf(withUsers('', '  - { github: carol, slack: U0000000C1 }\n'));
    expect(personByGithub(ok.config, 'CAROL')?.slack).toBe('U0000000C1');
    const problems = problemsOf(
      withUsers('', '  - { github: carol, slack: U0000000C1 }\n  - { github: dan, slack: nope }\n'),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        line: 11,
        path: 'people[1].slack',
        message: expect.stringContaining('got "nope"'),
      }),
    ]);
  });

  it('a duplicate Slack ID in the list is an error at people[i].slack', () => {
    const problems = problemsOf(
      withUsers('', '  - { github: carol, slack: U0000000C1 }\n  - { github: dan, slack: U0000000C1 }\n'),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        line: 11,
        path: 'people[1].slack',
        message: 'U0000000C1 is already the Slack user of "carol"',
      }),
    ]);
  });

  it('in the import form, list problems are located at people.list[i]', () => {
    const problems = problemsOf(withUsers('users: {}\n', '  list:\n    - { github: dan, slack: nope }\n'));
    expect(problems).toEqual([expect.objectContaining({ line: 11, path: 'people.list[0].slack' })]);
  });
});
