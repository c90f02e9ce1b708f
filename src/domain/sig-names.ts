const aliases: Record<string, string> = {
  'sig-arch': 'sig-architecture',
  'sig-contribex': 'sig-contributor-experience',
  'sig-scheduler': 'sig-scheduling',
};

function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The known SIG dir an unknown name most likely means (`sig-arch` → `sig-architecture`), or null. */
export function suggestSigDir(name: string, known: ReadonlySet<string>): string | null {
  const alias = aliases[name.trim().toLowerCase()];
  if (alias && known.has(alias)) return alias;
  const squashed = squash(name);
  const sameLetters = [...known].find((dir) => squash(dir) === squashed);
  if (sameLetters) return sameLetters;
  const prefixed = [...known].filter((dir) => squashed.length >= 6 && squash(dir).startsWith(squashed));
  return prefixed.length === 1 ? (prefixed[0] ?? null) : null;
}

/** A warning for a SIG name that is not a `dir:` in sigs.yaml, or null when it is known. */
export function unknownSigWarning(field: string, name: string, known: ReadonlySet<string>): string | null {
  if (known.has(name)) return null;
  const suggestion = suggestSigDir(name, known);
  const hint = suggestion ? ` (did you mean ${suggestion}?)` : '';
  return `${field} "${name}" is not a group dir in sigs.yaml${hint}`;
}
