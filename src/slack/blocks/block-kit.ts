/**
 * The small Block Kit pieces every builder uses: a mrkdwn section, a context line, a header, plain
 * text. One definition each, so a limit or a flag changes in one place. Texts are not escaped here:
 * callers escape user text (escape.ts) before it reaches a block.
 */
import type { KnownBlock, PlainTextElement } from '@slack/types';
import { truncate } from '../escape.ts';
import { LIMITS } from './block-limits.ts';

/**
 * A mrkdwn section, as long as the text is: messages that may run long go through splitBlocks
 * (split-message.ts), which cuts sections over Slack's limit at line boundaries.
 */
export function section(text: string, blockId?: string): KnownBlock {
  return { type: 'section', ...(blockId ? { block_id: blockId } : {}), text: { type: 'mrkdwn', text } };
}

/** A mrkdwn section cut to Slack's section limit, for messages that are never split. */
export function boundedSection(text: string): KnownBlock {
  return section(truncate(text, LIMITS.sectionText));
}

/** One line of small grey mrkdwn text under a block. */
export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) }] };
}

/** A header: plain text, cut to Slack's 150 characters. */
export function header(text: string): KnownBlock {
  return { type: 'header', text: plainText(truncate(text, LIMITS.headerText)) };
}

/** Plain text with emoji shortcodes shown as emoji (labels, titles, options, placeholders). */
export function plainText(text: string): PlainTextElement {
  return { type: 'plain_text', text, emoji: true };
}
