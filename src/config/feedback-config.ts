/**
 * The `feedback:` section of drumbeat.yaml: the satisfaction pulse and the retrospective after each
 * release. Every key is optional; drumbeat.example.yaml documents them.
 */
import { z } from 'zod';
import { parseDuration } from '../domain/duration.ts';
import { checkChannel, checkDuration, checkInstant, expected, normalizeInstant } from './value-formats.ts';

function formatted(expectation: string, check: (value: string) => string | null) {
  return z.string({ error: expectation }).superRefine((value, ctx) => {
    const message = check(value);
    if (message !== null) ctx.addIssue({ code: 'custom', message });
  });
}

/** `feedback:` as written. */
export const feedbackSchema = z.strictObject({
  pulse: z
    .strictObject({
      enabled: z.boolean({ error: 'expected true or false' }),
      at: formatted(expected.instant, checkInstant),
      openFor: formatted(expected.duration, checkDuration),
      minimumAnswers: z
        .number({ error: 'expected a whole number of at least 1' })
        .int({ error: 'expected a whole number of at least 1' })
        .min(1, { error: 'expected a whole number of at least 1' }),
    })
    .partial()
    .prefault({}),
  retro: z
    .strictObject({
      enabled: z.boolean({ error: 'expected true or false' }),
      channel: formatted(expected.channel, checkChannel),
    })
    .partial()
    .prefault({}),
});

export type FeedbackInput = z.output<typeof feedbackSchema>;

/** The pulse and retrospective settings, resolved. */
export interface FeedbackConfig {
  pulse: {
    enabled: boolean;
    /** ISO-8601 UTC instant the pulse opens; null: the day after the release milestone. */
    at: string | null;
    openForMs: number;
    minimumAnswers: number;
  };
  retro: {
    enabled: boolean;
    /** Where the prompts go; null: the release channel (`workspace.releaseChannel`). */
    channel: string | null;
  };
}

const dayMs = 86_400_000;

/** Defaults: both on, the pulse open for 14 days, results from 5 answers, the retro in the release channel. */
export function resolveFeedback(input: FeedbackInput | undefined): FeedbackConfig {
  const pulse = input?.pulse ?? {};
  const retro = input?.retro ?? {};
  return {
    pulse: {
      enabled: pulse.enabled ?? true,
      at: pulse.at ? normalizeInstant(pulse.at) : null,
      openForMs: pulse.openFor ? (parseDuration(pulse.openFor) ?? 14 * dayMs) : 14 * dayMs,
      minimumAnswers: pulse.minimumAnswers ?? 5,
    },
    retro: { enabled: retro.enabled ?? true, channel: retro.channel ?? null },
  };
}
