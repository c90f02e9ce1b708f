/**
 * The bot says at start what `drumbeat check` would warn about: every warning of the config and of
 * the files it imports (here the v1.34 calendar's two time mismatches and users.yaml's skipped
 * pairs), one log line each, once.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { formatProblem } from '../../src/config/problems.ts';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { createLogger } from '../../src/system/logger.ts';
import { systemClock } from '../../src/system/system-clock.ts';
import { exampleConfig, repoRoot } from './harness.ts';

let sandbox: SandboxBot | null = null;
let dir: string | null = null;
afterEach(async () => {
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  sandbox = null;
  dir = null;
});

/** The example retargeted to v1.34, with absolute import paths, in a temp folder. */
function v134Config(): string {
  dir = mkdtempSync(join(tmpdir(), 'drumbeat-warnings-'));
  const text = readFileSync(exampleConfig, 'utf8')
    .replaceAll('./test/fixtures/', join(repoRoot, 'test', 'fixtures', '/'))
    .replace('name: v1.35', 'name: v1.34')
    .replace('release-1.35/README.md', 'release-1.34/README.md')
    .replace('start: 2025-09-15', 'start: 2025-05-19')
    .replace('readoutAt: "2025-10-08T16:00:00Z"', 'readoutAt: "2025-06-04T16:00:00Z"');
  const file = join(dir, 'drumbeat.yaml');
  writeFileSync(file, text);
  return file;
}

describe('config warnings at start', () => {
  it('logs each warning of the config and its imports once, as a warn line with file:line', async () => {
    const configFile = v134Config();
    const loaded = await loadConfig(configFile);
    if (!loaded.ok) expect.fail(loaded.problems.map(formatProblem).join('\n'));
    const calendar = loaded.warnings.filter((w) => w.file.endsWith('release-1.34/README.md'));
    expect(calendar.map((w) => w.message)).toEqual([
      expect.stringContaining('"Begin Enhancements Freeze": 14:00 PST on 2025-06-20'),
      expect.stringContaining('"Begin Feature blog freeze - Open placeholder PRs": 19:00 PST on 2025-07-10'),
    ]);
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', write: (line) => lines.push(line) });
    sandbox = await startSandboxBot({ mode: 'http', clock: systemClock, logger, configFile });

    const logged = lines
      .map((l) => JSON.parse(l) as { level: string; msg: string })
      .filter((l) => l.msg.startsWith('config warning: '));
    expect(logged.map((l) => l.msg)).toEqual(
      loaded.warnings.map((w) => `config warning: ${formatProblem(w)}`),
    );
    expect(logged.every((l) => l.level === 'warn')).toBe(true);
    expect(
      logged.some((l) => /release-1\.34\/README\.md:\d+:1 release\.calendar\.import: /.test(l.msg)),
    ).toBe(true);
    expect(logged.some((l) => /slack-users\.yaml:30:1 people\.import: "Bart Farrell"/.test(l.msg))).toBe(
      true,
    );
  });
});
