/**
 * The `delivery:` section of drumbeat.yaml: whether the Slack app holds the `*:history` scopes,
 * and without them, what the outbox does with a message it may or may not have posted before a
 * crash (the one window where it cannot ask Slack): send it again (at least once: a duplicate is
 * possible) or give it up (at most once: a loss is possible). Kinds are the first part of the
 * outbox key (`status`, `round-nudge`, `digest`, `alert`, `escalation`, `vote`, …).
 */
import { z } from 'zod';

export const afterCrashModes = ['at-least-once', 'at-most-once'] as const;
export type AfterCrashMode = (typeof afterCrashModes)[number];

const mode = z.enum(afterCrashModes, { error: 'expected "at-least-once" or "at-most-once"' });
const kindPattern = /^[a-z][a-z-]*$/;

/** Modes by kind; a key that cannot be a kind is named, at its own line. */
const kinds = z
  .record(z.string(), mode, { error: 'expected kinds with a mode each, e.g. round-nudge: at-most-once' })
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value).filter((k) => !kindPattern.test(k)))
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `expected a message kind such as round-nudge (lower case and dashes), got "${key}"`,
      });
  });

/** `delivery:` as written. */
export const deliverySchema = z.strictObject({
  historyScopes: z.boolean({ error: 'expected true or false' }).default(true),
  afterCrash: z
    .strictObject({
      default: mode.default('at-least-once'),
      kinds: kinds.default({}),
    })
    .prefault({}),
});

export type DeliveryInput = z.output<typeof deliverySchema>;

/** The resolved `delivery:` settings. */
export interface DeliverySettings {
  historyScopes: boolean;
  afterCrash: { default: AfterCrashMode; kinds: Record<string, AfterCrashMode> };
}

export function deliveryFrom(input: DeliveryInput): DeliverySettings {
  return {
    historyScopes: input.historyScopes,
    afterCrash: { ...input.afterCrash, kinds: { ...input.afterCrash.kinds } },
  };
}
