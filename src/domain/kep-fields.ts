import { type KepStage, type KepStatus, kepStages, kepStatuses } from './types.ts';

/** A normalised field and, when the written value could not be used, a sentence saying why. */
export interface FieldReading<T> {
  value: T | null;
  warning: string | null;
}

function isPlaceholder(text: string): boolean {
  return text.includes('|');
}

function describeInvalid(field: string, text: string, allowed: readonly string[]): string {
  const why = isPlaceholder(text) ? ' (it is still the template placeholder)' : '';
  return `${field} "${text}" is not one of ${allowed.join(', ')}${why}; treated as unknown`;
}

function readEnum<T extends string>(
  field: string,
  value: unknown,
  allowed: readonly T[],
  warnWhenMissing: boolean,
): FieldReading<T> {
  const missing = value === null || value === undefined || (typeof value === 'string' && !value.trim());
  if (missing) {
    return { value: null, warning: warnWhenMissing ? `${field} is missing; treated as unknown` : null };
  }
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return {
      value: null,
      warning: `${field} is not a single word (${JSON.stringify(value)}); treated as unknown`,
    };
  }
  const text = String(value).trim();
  const lower = text.toLowerCase();
  const found = allowed.find((candidate) => candidate === lower);
  return found
    ? { value: found, warning: null }
    : { value: null, warning: describeInvalid(field, text, allowed) };
}

/** `status`: trimmed, lower-cased, one of the seven KEP statuses; anything else (or nothing) warns. */
export function readKepStatus(value: unknown): FieldReading<KepStatus> {
  return readEnum('status', value, kepStatuses, true);
}

/** `stage`: trimmed, lower-cased, one of the six stages; missing is fine, a wrong value warns. */
export function readKepStage(value: unknown): FieldReading<KepStage> {
  return readEnum('stage', value, kepStages, false);
}

/** A free-text scalar field as a trimmed string, or null when it is missing, blank or not a scalar. */
export function readText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}
