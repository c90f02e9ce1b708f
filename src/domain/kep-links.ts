const placeholders = new Set(['n/a', 'na', 'none', 'tbd', 'todo', '-', '~', 'null', 'nil']);

const enhancementsUrl =
  /^https?:\/\/(?:www\.)?github\.com\/kubernetes\/enhancements\/(?:tree|blob)\/[^/]+\//i;

/** Pulls the target out of `[text](target)` or `(target)`, and drops quotes around it. */
function unwrap(text: string): string {
  const link = /^\[[^\]]*\]\(([^)]*)\)$/.exec(text);
  const bare = link?.[1] ?? text.replace(/^\((.*)\)$/, '$1');
  return bare.replace(/^["'`]+|["'`]+$/g, '').trim();
}

/**
 * One `see-also` / `replaces` / `superseded-by` entry as `keps/<sig>/<dir>`, or null when it is not a
 * KEP path (a placeholder such as `n/a`, an issue or document URL, a bare word or number).
 * Strips a trailing `# comment`, the kubernetes/enhancements GitHub URL prefix, a leading `/`,
 * trailing `/`, `/README.md` and `/kep.yaml`.
 */
export function normalizeKepLink(entry: unknown): string | null {
  if (typeof entry !== 'string') return null;
  let text = unwrap(entry.replace(/\s+#.*$/, '').trim());
  text = text.replace(/#.*$/, '').replace(enhancementsUrl, '');
  text = text.replace(/^\/+/, '').replace(/\/+$/, '');
  text = text.replace(/\/(?:README\.md|kep\.yaml)$/i, '').replace(/\/+$/, '');
  if (!text || placeholders.has(text.toLowerCase())) return null;
  return /^keps(?:\/[\w.-]+)+$/.test(text) && text.split('/').length >= 2 ? text : null;
}

/** A list field of KEP paths, normalised and de-duplicated; a single string counts as a one-item list. */
export function normalizeKepLinks(value: unknown): string[] {
  const entries = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const paths = entries.map(normalizeKepLink).filter((path): path is string => path !== null);
  return [...new Set(paths)];
}
