/** Headings, bullets and durations shared by the report's text sections. Pure. */
import { formatDuration } from './duration.ts';

export interface ReportStyle {
  markdown: boolean;
}

export function duration(ms: number | null): string {
  return ms === null ? '—' : formatDuration(ms);
}

export function heading(text: string, level: number, style: ReportStyle): string[] {
  if (style.markdown) return [`${'#'.repeat(level)} ${text}`, ''];
  return level === 1 ? [text, '='.repeat(text.length), ''] : [text, '-'.repeat(text.length)];
}

export function bullet(text: string, style: ReportStyle): string {
  return style.markdown ? `- ${text}` : `  ${text}`;
}
