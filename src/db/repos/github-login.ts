/** A GitHub login as stored: trimmed, without the `@` that kep.yaml and configs often add. */
export function normalizeLogin(login: string): string {
  return login.trim().replace(/^@/, '');
}

/** Normalised logins, first spelling kept, duplicates (case-insensitive, as on GitHub) dropped. */
export function uniqueLogins(logins: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const login of logins.map(normalizeLogin)) {
    const key = login.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(login);
  }
  return out;
}
