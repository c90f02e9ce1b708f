/**
 * Safe rendering of text for Slack `mrkdwn`.
 *
 * Everything a user or GitHub wrote goes through {@link escapeMrkdwn} before it is placed in a
 * Slack message; markup the app itself means (mentions, links, dates) is built only with the
 * helpers below, which validate their input. The rules, and why:
 *
 * - **`&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`.** Slack's "Escaping text" rule names only
 *   these three control characters (and says not to entity-encode anything else). Every special
 *   token — `<!channel>`, `<!here>`, `<!everyone>`, `<@U123>`, `<#C123>`, `<!subteam^S1>`,
 *   `<!date^…>`, `<https://x|label>` — starts with `<`, so escaping it makes them inert text.
 * - **Bare `@channel`, `@here`, `@everyone` (and the legacy `@group`) get a WORD JOINER
 *   (U+2060) after the `@`.** Slack's legacy parsing (`link_names: true` or `parse: full`)
 *   turns these words into real broadcasts. The app never sets those options, but the
 *   invisible joiner keeps the text harmless even if someone does: it renders as the same
 *   word, it is not whitespace (no line break), and the parser no longer sees the keyword.
 * - **Formatting characters (`*`, `_`, `~`, `` ` ``) are left alone.** People format their
 *   status notes on purpose, Slack offers no escape for them, and they cannot create mentions,
 *   links or pings — the worst case is cosmetic (an unexpected bold/italic run), and formatting
 *   never leaks out of the text object it is in.
 */

/** Invisible, non-breaking character inserted after `@` to defuse broadcast keywords. */
export const WORD_JOINER = '\u2060';

/** The ellipsis appended by {@link truncate}. */
export const ELLIPSIS = '…';

const BROADCAST = /(^|[^\p{L}\p{N}_])@(channel|here|everyone|group)(?![\p{L}\p{N}_])/giu;

/** Escapes user or GitHub text for a Slack `mrkdwn` (or top-level `text`) field. Never throws. */
export function escapeMrkdwn(text: string): string {
  const value = typeof text === 'string' ? text : text == null ? '' : String(text);
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BROADCAST, (_m, before: string, word: string) => `${before}@${WORD_JOINER}${word}`);
}

/**
 * Reverses the three entities Slack uses in text it sends to the app (slash command text with
 * `should_escape`, message text in shortcuts), so the app stores what the person typed.
 */
export function unescapeMrkdwn(text: string): string {
  return String(text ?? '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const USER_ID = /^[UW][A-Z0-9]{2,20}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,20}$/;
const USERGROUP_ID = /^S[A-Z0-9]{2,20}$/;

/** True for a Slack user id such as `U012ABCDEF` (or an Enterprise Grid `W…` id). */
export function isSlackUserId(id: string): boolean {
  return typeof id === 'string' && USER_ID.test(id);
}

/** True for a conversation id: public `C…`, private `G…` or DM `D…`. */
export function isSlackChannelId(id: string): boolean {
  return typeof id === 'string' && CHANNEL_ID.test(id);
}

/** True for a user group (subteam) id such as `S0614TZR7`. */
export function isSlackUserGroupId(id: string): boolean {
  return typeof id === 'string' && USERGROUP_ID.test(id);
}

/** `<@U123>`: a real mention. An id that is not a user id is rendered as inert text instead. */
export function mentionUser(id: string): string {
  return isSlackUserId(id) ? `<@${id}>` : escapeMrkdwn(id);
}

/** `<#C123>`: a channel link. An id that is not a conversation id is rendered as inert text. */
export function mentionChannel(id: string): string {
  return isSlackChannelId(id) ? `<#${id}>` : escapeMrkdwn(id);
}

/** `<!subteam^S123>`: a user group mention. An invalid id is rendered as inert text. */
export function mentionUserGroup(id: string): string {
  return isSlackUserGroupId(id) ? `<!subteam^${id}>` : escapeMrkdwn(id);
}

/**
 * A safe http(s) URL for use inside `<…>` markup, or `undefined` when `url` is not an absolute
 * http(s) URL. `|` and `>` (which would end the URL part) are percent-encoded rather than dropped,
 * so the link still goes where it should; `&` becomes `&amp;` as Slack expects inside markup.
 */
export function safeUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(String(url ?? '').trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return parsed.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/&/g, '&amp;');
}

/**
 * `<https://…|label>`: a link with an escaped label. When the URL is not http(s) the label alone
 * is returned (as escaped text), so nothing is lost and nothing unsafe is linked; an empty label
 * shows the URL itself.
 */
export function link(url: string, label: string): string {
  const href = safeUrl(url);
  const text = escapeMrkdwn(label ?? '');
  if (href === undefined) return text.trim() === '' ? escapeMrkdwn(url ?? '') : text;
  return text.trim() === '' ? `<${href}>` : `<${href}|${text}>`;
}

/**
 * `<!date^1750000000^{date_short} at {time}|fallback>`: Slack shows the instant in each reader's
 * own time zone. `format` uses Slack's tokens (`{date_num}`, `{date}`, `{date_short}`, `{date_long}`,
 * `{date_pretty}`, `{date_short_pretty}`, `{date_long_pretty}`, `{time}`, `{time_secs}`, `{ago}`);
 * `fallback` (escaped; a `|` in it becomes `¦`) is shown by clients that cannot format dates; `|`
 * and `^` are removed from `format`. An optional http(s) `url` links the date. A non-finite
 * timestamp gives the escaped fallback alone.
 */
export function formatDate(unixSeconds: number, format: string, fallback: string, url?: string): string {
  const safeFallback = escapeMrkdwn(fallback ?? '').replace(/\|/g, '¦');
  if (typeof unixSeconds !== 'number' || !Number.isFinite(unixSeconds)) return safeFallback;
  const safeFormat = escapeMrkdwn(format ?? '').replace(/[|^]/g, '');
  const href = url === undefined ? undefined : safeUrl(url);
  const linkPart = href === undefined ? '' : `^${href}`;
  return `<!date^${Math.floor(unixSeconds)}^${safeFormat}${linkPart}|${safeFallback}>`;
}

const surrogate = /[\uD800-\uDFFF]/;

/** Number of Unicode code points (what Slack's limits call "characters"). */
export function countChars(text: string): number {
  // without a surrogate pair every UTF-16 unit is one code point
  if (!surrogate.test(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Shortens `text` to at most `max` code points, ending with `…` when anything was cut. The cut
 * never splits a surrogate pair, an escape entity (`&amp;`, `&lt;`, `&gt;`, `&#123;`) or a
 * `<…>` token (mention, link, date) that the kept part opened.
 */
export function truncate(text: string, max: number): string {
  const value = String(text ?? '');
  const limit = Number.isFinite(max) ? Math.max(0, Math.floor(max)) : 0;
  if (countChars(value) <= limit) return value;
  if (limit === 0) return '';
  const cut = Array.from(value)
    .slice(0, limit - 1)
    .join('');
  return `${backOffPartialMarkup(cut)}${ELLIPSIS}`;
}

/**
 * The longest start of `text` with at most `max` code points that does not end inside an
 * escape entity or inside a `<…>` token. Falls back to a plain code-point cut when the only
 * token is itself longer than `max`, so callers always make progress.
 */
export function safePrefix(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  const cut = points.slice(0, Math.max(0, max)).join('');
  const backed = backOffPartialMarkup(cut);
  return backed === '' ? cut : backed;
}

/** Drops a trailing half entity (`&am`) or an unclosed `<…` token from a cut string. */
function backOffPartialMarkup(cut: string): string {
  let out = cut;
  const amp = out.lastIndexOf('&');
  if (amp !== -1 && /^&[#a-zA-Z0-9]{0,8}$/.test(out.slice(amp))) out = out.slice(0, amp);
  const open = out.lastIndexOf('<');
  if (open !== -1 && !out.slice(open).includes('>')) out = out.slice(0, open);
  return out;
}
