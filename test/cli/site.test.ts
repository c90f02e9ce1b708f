import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { siteCommand } from '../../src/cli/commands/site.ts';
import { exampleConfigFile } from '../../src/sandbox/start-sandbox-bot.ts';
import { tempDir } from '../db/temp-db.ts';
import { exampleRelease } from '../site/example-release.ts';
import { captureIo } from './cli-io.ts';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

describe('drumbeat site', () => {
  it('writes every page of the release as a static site with relative links', async () => {
    const ex = await exampleRelease();
    const out = tempDir();
    cleanups.push(ex.cleanup, out.cleanup);
    const io = captureIo({ cwd: process.cwd() });
    const code = await siteCommand.run(
      ['--out', out.dir, '--config', exampleConfigFile, '--db', ex.file, '--now', '2025-11-03T12:00:00Z'],
      io,
    );
    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(io.out).toMatch(/^Wrote \d+ pages to /);
    const index = readFileSync(join(out.dir, 'index.html'), 'utf8');
    expect(index).toContain('<a href="sig-node/index.html">Node</a>');
    const kep = ex.keps[0]!;
    expect(existsSync(join(out.dir, 'kep', String(kep.number), 'index.html'))).toBe(true);
    expect(readFileSync(join(out.dir, 'sig-node', 'index.html'), 'utf8')).toContain(
      `href="../kep/${kep.number}/index.html"`,
    );
    expect(existsSync(join(out.dir, '.nojekyll'))).toBe(true);
  }, 120_000);

  it('says what is missing when --out is not given', async () => {
    const io = captureIo({ cwd: process.cwd() });
    expect(await siteCommand.run(['--config', exampleConfigFile], io)).toBe(2);
    expect(io.err).toContain('name the folder to write with --out DIR');
    const bad = captureIo({ cwd: process.cwd() });
    expect(await siteCommand.run(['--out', 'x', '--now', 'soon'], bad)).toBe(2);
    expect(bad.err).toContain('--now soon is not an ISO instant');
  });
});
