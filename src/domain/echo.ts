/** How much of what a person typed a reply quotes back: enough to recognise it, never a wall of text. */
export const maxEchoChars = 80;

/**
 * `text` as a reply quotes it: whitespace runs collapsed, cut to `max` characters (code points,
 * so an emoji is never split) with an ellipsis. The caller still escapes it for mrkdwn.
 */
export function echoInput(text: string, max = maxEchoChars): string {
  const flat = String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
