import type { DriftFinding } from '../../domain/drift.ts';
import type { ChatContent } from '../../ports/chat.ts';
import { escapeMrkdwn, truncate } from '../escape.ts';
import { boundedSection, context } from './block-kit.ts';

/** Findings listed in the post; the rest are counted (`drumbeat drift` lists every one). */
const shown = 40;

/** The PM channel's notice of new or changed drift findings, one line each. */
export function buildDriftNotice(findings: DriftFinding[]): ChatContent {
  const lines = findings.slice(0, shown).map((f) => `• ${escapeMrkdwn(truncate(f.message, 200))}`);
  if (findings.length > shown) lines.push(`…and ${findings.length - shown} more.`);
  const title = `GitHub drift: ${findings.length} new or changed finding${findings.length === 1 ? '' : 's'}`;
  return {
    text: title,
    blocks: [
      boundedSection(
        `:mag: *${title}* between labels, milestone, the board and kep.yaml:\n${lines.join('\n')}`,
      ),
      context(
        'Each finding is told once, and again only if its values change. `drumbeat drift` lists every open one.',
      ),
    ],
  };
}
