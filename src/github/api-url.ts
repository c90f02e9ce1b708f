/**
 * The base URL @octokit/graphql wants (it appends `/graphql`), from the API URL people configure:
 * `https://api.github.com/graphql`, `https://api.github.com`, or a GitHub Enterprise Server's
 * `https://ghe.example.com/api/graphql`, `…/api` or `…/api/v3` all work. Null when it is not an
 * http(s) URL.
 */
export function graphqlBaseUrl(apiUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(apiUrl.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const path = url.pathname
    .replace(/\/+$/, '')
    .replace(/\/graphql$/, '')
    .replace(/\/api\/v3$/, '/api');
  return `${url.origin}${path}`;
}
