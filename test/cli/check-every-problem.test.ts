/**
 * `drumbeat check` on a file with schema problems and reference problems together, and on
 * `channel:` escalation targets that name no configured channel.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { minimalConfig } from '../config/helpers.ts';
import { captureIo } from './cli-io.ts';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

async function check(text: string) {
  dir = mkdtempSync(join(tmpdir(), 'drumbeat-check-'));
  writeFileSync(join(dir, 'drumbeat.yaml'), text);
  const io = captureIo({ cwd: dir });
  const code = await runCli(['check', '--config', 'drumbeat.yaml'], io);
  return { code, stderr: io.err, stdout: io.out };
}

/** The 1-based line of `text` that holds `fragment`. */
function lineOf(text: string, fragment: string): number {
  return text.split('\n').findIndex((l) => l.includes(fragment)) + 1;
}

/** Numbered problem lines: `N. drumbeat.yaml:LINE:COL path: message`. */
function problemLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /^\d+\. /.test(l));
}

describe('drumbeat check reports every problem at once', () => {
  it('schema problems and reference problems in one run, in file order', async () => {
    const text = `${minimalConfig}people:
  - { github: alice-facilitator, slack: U0000000003 }
escalation:
  ladder:
    - { after: 0h, notify: pager }
votes:
  duration: soon
`.replace('release:\n  name: v1.37', 'release:\n  name: v1.37\n  lead: lena-lead');
    const { code, stderr } = await check(text);

    expect(code).toBe(1);
    const lines = problemLines(stderr);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain(`drumbeat.yaml:${lineOf(text, 'lead: lena-lead')}:`);
    expect(lines[0]).toMatch(/^1\. \S+ release\.lead: release lead "lena-lead" is not in people/);
    expect(lines[1]).toContain(`drumbeat.yaml:${lineOf(text, 'notify: pager')}:`);
    expect(lines[1]).toMatch(/^2\. \S+ escalation\.ladder\[0\]\.notify\[0\]: expected one of/);
    expect(lines[2]).toContain(`drumbeat.yaml:${lineOf(text, 'duration: soon')}:`);
    expect(lines[2]).toMatch(/^3\. \S+ votes\.duration: /);
    expect(stderr).toContain('drumbeat.yaml: 3 problems');
  });

  it('still reports only schema problems when a section everything else needs is refused', async () => {
    const text = `${minimalConfig}people: { github: alice-facilitator }
escalation:
  ladder:
    - { after: 0h, notify: pager }
`;
    const lines = problemLines((await check(text)).stderr);
    expect(lines.map((l) => /^\d+\. \S+ ([^:]+):/.exec(l)?.[1])).toEqual([
      'people.github',
      'escalation.ladder[0].notify[0]',
    ]);
  });
});

describe('channel: escalation targets', () => {
  const ladder = (target: string) => `${minimalConfig}escalation:
  ladder:
    - { after: 0h, notify: blocking-sig }
    - { after: 2d, notify: "${target}" }
`;

  it('naming a channel the config does not have is a problem, with the closest configured one', async () => {
    const text = ladder('channel:#sig-nodes');
    const { code, stderr } = await check(text);
    expect(code).toBe(1);
    const lines = problemLines(stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`drumbeat.yaml:${lineOf(text, '#sig-nodes')}:`);
    expect(lines[0]).toMatch(
      /\S+ escalation\.ladder\[1\]\.notify: "channel:#sig-nodes" is not a configured channel/,
    );
    expect(lines[0]).toContain('did you mean "channel:#sig-node"?');
  });

  it.each(['channel:#sig-release', 'channel:#sig-pm', 'channel:#sig-node', 'channel:C0123456789'])(
    '%s is accepted (a configured channel, or an ID)',
    async (target) => {
      const { code, stderr } = await check(ladder(target));
      expect(stderr).toBe('');
      expect(code).toBe(0);
    },
  );

  it('#nonexistent is refused', async () => {
    const lines = problemLines((await check(ladder('channel:#nonexistent'))).stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"channel:#nonexistent" is not a configured channel');
  });
});
