/**
 * The `planning:` section resolved: defaults filled in, durations in ms, deciders checked against
 * `people`. Apart from planning-config.ts so the schema does not import the resolvers (which read
 * the schema's types).
 */
import { parseDuration } from '../domain/duration.ts';
import { exceptionFreezes } from '../domain/exception.ts';
import type { PlanningInput, PlanningSettings } from './planning-config.ts';
import type { Reporter } from './resolve-context.ts';
import { type PeopleIndex, requirePeople } from './resolve-people.ts';
import { normalizeInstant } from './value-formats.ts';

const dayMs = 86_400_000;

/** Defaults: no automatic readout, deciders = the release team, a window of 7 days either side. */
export function resolvePlanning(
  input: PlanningInput | undefined,
  releaseTeam: string[],
  people: PeopleIndex,
  reporter: Reporter,
): PlanningSettings {
  const exceptions = input?.exceptions ?? {};
  if (exceptions.deciders)
    requirePeople(people, reporter, ['planning', 'exceptions', 'deciders'], exceptions.deciders, 'decider');
  return {
    readoutAt: input?.readoutAt ? normalizeInstant(input.readoutAt) : null,
    exceptions: {
      deciders: exceptions.deciders ?? releaseTeam,
      windowBeforeMs: exceptions.windowBefore ? (parseDuration(exceptions.windowBefore) ?? 0) : 7 * dayMs,
      windowAfterMs: exceptions.windowAfter ? (parseDuration(exceptions.windowAfter) ?? 0) : 7 * dayMs,
      freezes: exceptions.freezes ?? [...exceptionFreezes],
    },
  };
}
