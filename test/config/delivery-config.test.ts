import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load-config.ts';
import { afterCrashFrom } from '../../src/wiring/after-crash.ts';
import { configOf, minimalConfig, problemsOf } from './helpers.ts';

const parse = (extra: string) => parseConfigText(`${minimalConfig}${extra}`, 'drumbeat.yaml');

describe('delivery: history scopes and what a crash mid-send means without them', () => {
  it('defaults to the history scopes (a crash is looked up, neither duplicated nor lost)', () => {
    expect(configOf(parse('')).config.delivery).toEqual({
      historyScopes: true,
      afterCrash: { default: 'at-least-once', kinds: {} },
    });
  });

  it('reads a mode per message kind; the outbox rule picks it by the key’s first part', () => {
    const { config } = configOf(
      parse(
        'delivery:\n  historyScopes: false\n  afterCrash:\n    default: at-most-once\n    kinds: { status: at-least-once, digest: at-least-once }\n',
      ),
    );
    const rule = afterCrashFrom(config.delivery);
    expect(rule.history).toBe(false);
    expect(rule.modeOf('status:sig-node:42')).toBe('at-least-once');
    expect(rule.modeOf('digest:sig-node:2025-W40')).toBe('at-least-once');
    expect(rule.modeOf('round-nudge:sig-node:alice')).toBe('at-most-once');
  });

  it('says what is wrong, with its line', () => {
    const problems = problemsOf(
      parse(
        'delivery:\n  historyScopes: maybe\n  afterCrash:\n    default: twice\n    kinds: { Status: at-most-once }\n',
      ),
    );
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^delivery\.historyScopes: expected true or false/),
        expect.stringMatching(
          /^delivery\.afterCrash\.default: expected one of "at-least-once", "at-most-once", got "twice"/,
        ),
        expect.stringMatching(/^delivery\.afterCrash\.kinds\.Status: expected a message kind .*got "Status"/),
      ]),
    );
    expect(problems.every((p) => (p.line ?? 0) > 0)).toBe(true);
  });
});
