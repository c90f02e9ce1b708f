/**
 * Rows as aligned plain-text columns (two spaces apart, the last column unpadded), one line each,
 * ending with a newline. Cells are single-line: line breaks become spaces.
 */
export function formatTextTable(headers: string[], rows: string[][]): string {
  const clean = [headers, ...rows].map((row) => row.map((cell) => cell.replace(/\s*[\r\n]+\s*/g, ' ')));
  const widths = headers.map((_, column) => Math.max(...clean.map((row) => [...(row[column] ?? '')].length)));
  const lines = clean.map((row) =>
    row
      .map((cell, column) =>
        column === row.length - 1
          ? cell
          : cell.padEnd((widths[column] ?? 0) + cell.length - [...cell].length),
      )
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

/** Cuts text to `max` characters, ending in `…` when it was longer. */
export function truncateText(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
