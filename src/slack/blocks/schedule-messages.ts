import type { KnownBlock } from '@slack/types';
import type { RepoLinks } from '../../domain/repo-links.ts';
import type { ReleasePageLinks } from '../../ports/release-page-links.ts';
import type { DeadlineAlertModel, RenderedMessage, ScheduleMessages } from '../../ports/schedule.ts';
import { escapeMrkdwn } from '../escape.ts';
import { buildDeadlineAlert } from './deadline-alert-blocks.ts';
import { buildNudge } from './nudge-blocks.ts';
import { buildRoundParent, buildRoundSummary } from './round-blocks.ts';
import { splitBlocks } from './split-message.ts';

function rendered(text: string, blocks: KnownBlock[]): RenderedMessage {
  return { text: escapeMrkdwn(text), parts: splitBlocks(blocks) };
}

const deadlineAlertText = (m: DeadlineAlertModel) =>
  `${m.milestone.name}: T-${m.leadLabel}${m.checked ? `, ${m.notReady.length} KEP(s) not ready` : ''}`;

/**
 * The scheduled messages as Block Kit, overflow split into thread replies (never cut). KEPs link to
 * their issues in the enhancements `repo`; with the release page's `links`, deadline alerts link to it.
 */
export function createScheduleMessages(repo: RepoLinks, links: ReleasePageLinks | null): ScheduleMessages {
  return {
    roundParent: (m) =>
      rendered(
        `${m.sigName} drumbeat round for ${m.release}: ${m.rows.length} KEP(s) to update`,
        buildRoundParent(m, repo),
      ),
    nudge: (m) => rendered(`Your ${m.sigName} drumbeat update for ${m.release} is due`, buildNudge(m, repo)),
    roundSummary: (m) =>
      rendered(
        `Round closed: ${m.summary.updatedBy.length} updater(s), ${m.summary.changes.length} change(s), ${m.summary.stale.length} stale`,
        buildRoundSummary(m, repo),
      ),
    deadlineAlert: (m) => rendered(deadlineAlertText(m), buildDeadlineAlert(m, repo, links)),
  };
}
