import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load-config.ts';
import { configOf, minimalConfig, problemsOf } from './helpers.ts';

const day = 86_400_000;
const parse = (extra: string) => parseConfigText(`${minimalConfig}${extra}`, 'drumbeat.yaml');

describe('feedback: the pulse and the retrospective', () => {
  it('defaults to a pulse the day after the release, open 14 days, results from 5 answers, retro in the release channel', () => {
    expect(configOf(parse('')).config.feedback).toEqual({
      pulse: { enabled: true, at: null, openForMs: 14 * day, minimumAnswers: 5 },
      retro: { enabled: true, channel: null },
    });
  });

  it('reads every key', () => {
    const config = configOf(
      parse(
        'feedback:\n  pulse: { enabled: false, at: "2025-12-19T16:00:00+01:00", openFor: 7d, minimumAnswers: 8 }\n  retro: { channel: "#sig-release-retro" }\n',
      ),
    );
    expect(config.config.feedback).toEqual({
      pulse: { enabled: false, at: '2025-12-19T15:00:00Z', openForMs: 7 * day, minimumAnswers: 8 },
      retro: { enabled: true, channel: '#sig-release-retro' },
    });
  });

  it('says what is wrong, with its line', () => {
    const problems = problemsOf(
      parse(
        'feedback:\n  pulse: { openFor: soon, minimumAnswers: 0 }\n  retro: { channel: release, colour: red }\n',
      ),
    );
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^feedback\.pulse\.openFor: expected a duration/),
        'feedback.pulse.minimumAnswers: expected a whole number of at least 1, got 0',
        expect.stringMatching(/^feedback\.retro\.channel: expected "#name"/),
        expect.stringMatching(/^feedback\.retro(\.colour)?: .*colour/),
      ]),
    );
    expect(problems.every((p) => (p.line ?? 0) > 0)).toBe(true);
  });
});
