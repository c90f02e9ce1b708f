/** Slack, GitHub and signing-secret shaped values, wherever they appear in a log line. */
const secretPattern =
  /\b(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g;
const secretKeys = /token|secret|password|authorization/i;

/** Replaces anything that looks like a credential; keys named like one are hidden whole. */
export function redact(value: unknown, key = ''): unknown {
  if (key && secretKeys.test(key) && value !== undefined && value !== null && value !== '')
    return '[redacted]';
  if (typeof value === 'string') return value.replace(secretPattern, '[redacted]');
  if (value instanceof Error)
    return { name: value.name, message: redact(value.message), stack: redact(value.stack) };
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}
