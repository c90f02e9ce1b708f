/**
 * The `planning:` section of drumbeat.yaml (release planning: the readout and exception requests),
 * as a zod schema and the settings it resolves to (resolve-planning.ts). Every key is optional;
 * drumbeat.example.yaml documents them.
 */
import { z } from 'zod';
import type { ExceptionFreeze } from '../domain/exception.ts';
import { exceptionFreezes } from '../domain/exception.ts';
import { checkDuration, checkGithubLogin, checkInstant, expected } from './value-formats.ts';

function formatted(expectation: string, check: (value: string) => string | null) {
  return z.string({ error: expectation }).superRefine((value, ctx) => {
    const message = check(value);
    if (message !== null) ctx.addIssue({ code: 'custom', message });
  });
}

const duration = formatted(expected.duration, checkDuration);

/** `planning:` as written. */
export const planningSchema = z.strictObject({
  readoutAt: formatted(expected.instant, checkInstant).optional(),
  exceptions: z
    .strictObject({
      deciders: z.array(formatted(expected.githubLogin, checkGithubLogin), {
        error: 'expected a list of GitHub logins',
      }),
      windowBefore: duration,
      windowAfter: duration,
      freezes: z.array(z.enum(exceptionFreezes), {
        error: `expected a list of: ${exceptionFreezes.join(', ')}`,
      }),
    })
    .partial()
    .prefault({}),
});

export type PlanningInput = z.output<typeof planningSchema>;

/** Release planning settings, resolved. */
export interface PlanningSettings {
  /** ISO-8601 UTC instant of the planning event: the readout thread is posted then; null = never by itself. */
  readoutAt: string | null;
  exceptions: {
    /** GitHub logins who may approve or reject exception requests (default: the release team). */
    deciders: string[];
    /** Requests are accepted from this long before a freeze… */
    windowBeforeMs: number;
    /** …until this long after it. */
    windowAfterMs: number;
    /** The freezes people may ask an exception for. */
    freezes: ExceptionFreeze[];
  };
}
