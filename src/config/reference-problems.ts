/**
 * The reference problems of a config whose schema check failed, so that `drumbeat check` shows
 * every problem at once: the sections zod refused are set aside (each falls back to its default)
 * and the rest is resolved as usual. Problems in the set-aside sections are left out, since
 * what they report is about the defaults, not the file.
 */
import type { z } from 'zod';
import type { ConfigProblem } from './problems.ts';
import { resolveConfig } from './resolve-config.ts';
import type { ResolveContext } from './resolve-context.ts';
import { configSchema } from './schema.ts';

type Issue = z.core.$ZodIssue;

/**
 * Sections that may fall back to their default without making every other reference wrong
 * (`people` may not: a missing roster would make every named person "unknown").
 */
const replaceable = new Set(['github', 'escalation', 'votes', 'planning', 'feedback', 'site']);

/** Reference problems outside the sections the schema refused; none when a refused one is needed. */
export function referenceProblemsBeside(issues: readonly Issue[], ctx: ResolveContext): ConfigProblem[] {
  const refused = new Set(issues.map((i) => i.path[0]).filter((k): k is string => typeof k === 'string'));
  if ([...refused].some((section) => !replaceable.has(section))) return [];
  const unknown = issues.flatMap((i) =>
    i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys : [],
  );
  const data = { ...(ctx.source.data as Record<string, unknown>) };
  for (const key of [...refused, ...unknown]) delete data[key];
  const revalidated = configSchema.safeParse(data);
  if (!revalidated.success) return [];
  const resolved = resolveConfig(revalidated.data, ctx);
  if (resolved.ok) return [];
  return resolved.problems.filter((p) => !refused.has(topSection(p.path)));
}

/** `escalation` of `escalation.ladder[0].notify`. */
function topSection(path: string): string {
  return /^[^.[]*/.exec(path)?.[0] ?? '';
}
