import { fail } from './api-error.ts';

/** The arguments of one Web API call, merged from the query string and the (form or JSON) body. */
export type Args = Record<string, unknown>;

/** A string argument (numbers are accepted and turned into strings, as form bodies would carry them). */
export function optionalString(args: Args, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A required string argument; missing ones fail with `errorCode` (default `invalid_arguments`). */
export function requiredString(args: Args, name: string, errorCode = 'invalid_arguments'): string {
  const value = optionalString(args, name);
  if (value === undefined) fail(errorCode, `[ERROR] missing required field: ${name}`);
  return value;
}

/** A boolean argument: true, 'true' or '1' are true. */
export function flag(args: Args, name: string): boolean {
  const value = args[name];
  return value === true || value === 'true' || value === '1' || value === 1;
}

/**
 * A field that form bodies carry as a JSON string (`blocks`, `view`, `metadata`) and JSON bodies as
 * a value. Returns undefined when absent; a string that is not JSON fails with `errorCode`.
 */
export function jsonField(args: Args, name: string, errorCode: string): unknown {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return fail(errorCode, `[ERROR] ${name}: is not valid JSON`);
  }
}
