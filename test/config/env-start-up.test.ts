import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { withEnvFile } from '../../src/config/env-file.ts';

const socket = { SLACK_BOT_TOKEN: 'xoxb-1-a', SLACK_APP_TOKEN: 'xapp-1-b' };
const local = { ...socket, SLACK_API_URL: 'http://127.0.0.1:4000/api/' };

describe('DRUMBEAT_CLOCK_START', () => {
  it('is read as an instant; a date without a time or zone is refused naming the variable', () => {
    const ok = loadEnv({ ...local, DRUMBEAT_CLOCK_START: '2025-10-07T15:55:00+02:00' });
    expect(ok.ok && ok.env.DRUMBEAT_CLOCK_START?.toISOString()).toBe('2025-10-07T13:55:00.000Z');
    for (const bad of ['2025-10-07', '2025-10-07T15:55:00', 'next tuesday', '2025-13-45T99:00:00Z']) {
      const result = loadEnv({ ...local, DRUMBEAT_CLOCK_START: bad });
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.message).toContain('DRUMBEAT_CLOCK_START: expected an ISO-8601 instant');
    }
  });

  it.each([
    ['NODE_ENV=production', { ...local, NODE_ENV: 'production' }],
    ["Slack's own Web API", { ...socket }],
    ['GovSlack', { ...socket, SLACK_API_URL: 'https://slack-gov.com/api/' }],
  ])('is refused with %s unless DRUMBEAT_ALLOW_REHEARSAL_CLOCK=1', (sign, env) => {
    const refused = loadEnv({ ...env, DRUMBEAT_CLOCK_START: '2025-10-07T15:55:00Z' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.message).toContain('DRUMBEAT_CLOCK_START=2025-10-07T15:55:00.000Z');
      expect(refused.message).toContain('DRUMBEAT_ALLOW_REHEARSAL_CLOCK=1');
    }
    const allowed = loadEnv({
      ...env,
      DRUMBEAT_CLOCK_START: '2025-10-07T15:55:00Z',
      DRUMBEAT_ALLOW_REHEARSAL_CLOCK: '1',
    });
    expect(allowed.ok, sign).toBe(true);
    expect(loadEnv(env).ok).toBe(true);
  });

  it('runs against a local Slack without the flag, and the flag takes only 1/0/true/false', () => {
    expect(loadEnv({ ...local, DRUMBEAT_CLOCK_START: '2025-10-07T15:55:00Z' }).ok).toBe(true);
    const refusedFlag = loadEnv({
      ...local,
      NODE_ENV: 'production',
      DRUMBEAT_CLOCK_START: '2025-10-07T15:55:00Z',
      DRUMBEAT_ALLOW_REHEARSAL_CLOCK: '0',
    });
    expect(refusedFlag.ok).toBe(false);
    const bad = loadEnv({ ...local, DRUMBEAT_ALLOW_REHEARSAL_CLOCK: 'please' });
    expect(!bad.ok && bad.message).toContain('DRUMBEAT_ALLOW_REHEARSAL_CLOCK: expected 1 or 0');
  });
});

describe('.env under the environment', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('fills what the environment leaves unset, and reports only those names (sorted)', () => {
    dir = mkdtempSync(join(tmpdir(), 'drumbeat-env-file-'));
    const file = join(dir, '.env');
    writeFileSync(file, '# comment\nSLACK_BOT_TOKEN=xoxb-from-file\nLOG_LEVEL=debug\nPORT="4100"\nEMPTY=\n');
    const result = withEnvFile({ LOG_LEVEL: 'warn', EMPTY: undefined }, file);
    expect(result).toEqual({
      ok: true,
      file,
      fromFile: ['EMPTY', 'PORT', 'SLACK_BOT_TOKEN'],
      env: { SLACK_BOT_TOKEN: 'xoxb-from-file', LOG_LEVEL: 'warn', PORT: '4100', EMPTY: '' },
    });
  });

  it('is no error when absent, and one when it cannot be read', () => {
    dir = mkdtempSync(join(tmpdir(), 'drumbeat-env-file-'));
    const env = { A: '1' };
    expect(withEnvFile(env, join(dir, '.env'))).toEqual({ ok: true, env, file: null, fromFile: [] });
    const unreadable = withEnvFile(env, dir);
    expect(unreadable.ok).toBe(false);
    if (!unreadable.ok) expect(unreadable.message).toContain(`${dir} cannot be read`);
  });
});
