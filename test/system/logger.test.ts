import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createLogger, type LoggerOptions, parseLogLevel, redact } from '../../src/system/logger.ts';

const at = new Date('2026-10-07T10:00:00.000Z');

function capture(options: LoggerOptions = {}) {
  const lines: string[] = [];
  const logger = createLogger({ now: () => at, write: (line) => lines.push(line), ...options });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON object per line with the level name, an ISO time, msg and the fields', () => {
    const { logger, lines, records } = capture();
    logger.info('reference data loaded', { keps: 12, sigs: ['sig-node'] });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(records()).toEqual([
      { level: 'info', time: at.toISOString(), msg: 'reference data loaded', keps: 12, sigs: ['sig-node'] },
    ]);
  });

  it('drops lines below the level, and writes nothing at silent', () => {
    const warn = capture({ level: 'warn' });
    warn.logger.debug('d');
    warn.logger.info('i');
    warn.logger.warn('w');
    warn.logger.error('e');
    expect(warn.records().map((r) => r.level)).toEqual(['warn', 'error']);
    const silent = capture({ level: 'silent' });
    silent.logger.error('e');
    expect(silent.lines).toEqual([]);
  });

  it('child loggers carry their bound fields, nested, each key once (the innermost wins)', () => {
    const { logger, lines, records } = capture({ level: 'debug' });
    logger.child({ component: 'outbox' }).child({ lane: 'scheduled' }).debug('sent', { key: 'k1' });
    logger.child({ component: 'web-api' }).child({ component: 'bolt' }).warn('retrying');
    expect(records()[0]).toMatchObject({ component: 'outbox', lane: 'scheduled', key: 'k1', msg: 'sent' });
    expect(lines[1]!.match(/"component"/g)).toHaveLength(1);
    expect(records()[1]!.component).toBe('bolt');
  });

  it('never writes a token: in the message, in fields at any depth, in bound fields, in errors', () => {
    const bot = 'xoxb-1234-5678-abcdefghijkl';
    const app = 'xapp-1-A0B-1234-abcdef';
    const gh = `ghp_${'a'.repeat(36)}`;
    const { logger, lines, records } = capture();
    const child = logger.child({ request: { headers: { Authorization: `Bearer ${bot}` } } });
    child.error(`call failed with ${bot}`, {
      nested: { list: [`token ${app}`], url: `https://x.test/?t=${gh}` },
      signingSecret: 'plain-secret-value',
      error: new Error(`bad credentials ${gh}`),
    });
    const text = lines.join('\n');
    for (const secret of [bot, app, gh, 'plain-secret-value']) expect(text).not.toContain(secret);
    const record = records()[0]!;
    expect(record.msg).toBe('call failed with [redacted]');
    expect(record.signingSecret).toBe('[redacted]');
    expect(record.request).toEqual({ headers: { Authorization: '[redacted]' } });
    expect(record.error).toMatchObject({ name: 'Error', message: 'bad credentials [redacted]' });
  });

  it('writes to stderr by default, synchronously, so a line right before exit is kept', () => {
    const script = [
      "import { createLogger } from './src/system/logger.ts';",
      "createLogger().warn('last words', { token: 'xoxb-1-2-3' });",
      'process.exit(3);',
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(child.status).toBe(3);
    expect(child.stdout).toBe('');
    expect(JSON.parse(child.stderr)).toMatchObject({ level: 'warn', msg: 'last words', token: '[redacted]' });
  });
});

describe('redact and parseLogLevel', () => {
  it('leaves ordinary values alone', () => {
    expect(redact({ n: 1, ok: true, text: 'xoxo, see you', empty: null })).toEqual({
      n: 1,
      ok: true,
      text: 'xoxo, see you',
      empty: null,
    });
  });

  it('reads LOG_LEVEL, defaulting to info', () => {
    expect(parseLogLevel('debug')).toBe('debug');
    expect(parseLogLevel('silent')).toBe('silent');
    expect(parseLogLevel('verbose')).toBe('info');
    expect(parseLogLevel(undefined)).toBe('info');
  });
});
