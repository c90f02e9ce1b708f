/** The release report: program metrics, the satisfaction pulse and the retrospective of a release. */
import type { PulseSummary } from './nps.ts';
import type { ReleaseMetrics } from './program-metrics.ts';
import type { RetroSummary } from './retro.ts';

export interface ReleaseReport {
  release: string;
  /** The instant the report was computed (metrics about freezes still ahead are left empty). */
  asOf: string;
  metrics: ReleaseMetrics;
  /** Null when no pulse was sent for the release. */
  pulse: PulseSummary | null;
  /** NPS of this release and the ones before it, where shown, oldest first. */
  npsTrend: Array<{ release: string; nps: number; answered: number }>;
  /** Null when no retrospective was posted. */
  retro: RetroSummary | null;
}

/** Markdown-safe text: user text cannot start a list, a link or emphasis. */
export function markdownEscape(text: string): string {
  return text.replace(/([\\`*_~[\]<>|#])/g, '\\$1').replace(/\s+/g, ' ');
}

/** `75%`, or `—` when unknown. */
export function percent(fraction: number | null): string {
  return fraction === null ? '—' : `${Math.round(fraction * 100)}%`;
}
