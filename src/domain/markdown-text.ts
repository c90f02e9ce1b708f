const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&nbsp;': ' ',
  '&quot;': '"',
  '&#39;': "'",
};

/**
 * Markdown inline text as plain text: links and reference links become their text, images, HTML tags,
 * emoji and emphasis markers go, entities are decoded, whitespace is collapsed.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/\[([^\]]+)\]/g, '$1')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/&(?:amp|lt|gt|nbsp|quot|#39);/g, (entity) => entities[entity] ?? entity)
    .replace(/\*\*|__|~~|`/g, '')
    .replace(/(^|\s)\*(\S[^*]*)\*(?=\s|$)/g, '$1$2')
    .replace(/[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\uFE0F\u200D]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}
