import { describe, expect, it } from 'vitest';
import { runDrumbeat } from './cli-io.ts';

const run = (args: string[]) => runDrumbeat(args);

describe('drumbeat sigs', () => {
  it('prints one JSON line per group', async () => {
    const result = await run(['sigs', '--from', 'test/fixtures/k8s/sigs.yaml', '--json']);
    expect(result.code).toBe(0);
    const sigs = result.lines.map((line) => JSON.parse(line));
    expect(sigs).toHaveLength(35);
    expect(Object.keys(sigs[0])).toEqual([
      'dir',
      'name',
      'kind',
      'label',
      'slackChannel',
      'chairs',
      'techLeads',
      'meetings',
    ]);
    expect(sigs.find((s) => s.dir === 'sig-contributor-experience')).toMatchObject({
      kind: 'sig',
      slackChannel: 'sig-contribex',
    });
    expect(sigs.find((s) => s.dir === 'committee-security-response')).toMatchObject({
      kind: 'committee',
      slackChannel: null,
    });
    expect(result.stderr).toBe(
      "test/fixtures/k8s/sigs.yaml: committee-security-response: has no Slack channel (contact.slack); set one in the config's sig overrides\n",
    );
  });

  it('prints a table with a count line', async () => {
    const result = await run(['sigs', '--from', 'test/fixtures/k8s/sigs.yaml']);
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(/^DIR\s+KIND\s+SLACK\s+CHAIRS\s+FIRST MEETING$/);
    expect(result.lines.find((line) => line.startsWith('sig-release '))).toMatch(
      /#sig-release .* Thursday 14:30 UTC$/,
    );
    expect(result.lines.at(-1)).toBe('35 groups, 1 warnings');
  });

  it.each([
    [['sigs'], 2, /--from is required/],
    [['sigs', '--from', 'x', 'extra'], 2, /Unexpected argument 'extra'/],
    [
      ['sigs', '--from', 'missing.yaml'],
      1,
      /cannot read missing.yaml .*; pass kubernetes\/community's sigs.yaml/,
    ],
    [['sigs', '--from', 'test/fixtures/k8s/README.md'], 1, /is not valid YAML|does not look like/],
  ])('%j exits %i', async (args, code, message) => {
    const result = await run(args);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});
