import type { KnownBlock } from '@slack/types';
import type { RepoLinks } from '../../domain/repo-links.ts';
import type { ReleasePageLinks } from '../../ports/release-page-links.ts';
import type { DeadlineAlertModel } from '../../ports/schedule.ts';
import { escapeMrkdwn, link } from '../escape.ts';
import { context, header, section } from './block-kit.ts';
import { kepLabel } from './kep-status-blocks.ts';
import { buildRemovalPicker } from './removal-picker.ts';
import { aoeText, dayText, durationText, readerTime, utcText } from './schedule-text.ts';

function whenLines(model: DeadlineAlertModel): string[] {
  const { milestone } = model;
  if (milestone.at === null)
    return [`*When:* ${dayText(milestone.date ?? '')} (a date; the calendar gives no time)`];
  return [
    `*When:* ${utcText(milestone.at)}`,
    `*Anywhere on Earth:* ${aoeText(milestone.at)}`,
    `*Your time:* ${readerTime(milestone.at)}`,
  ];
}

/** Requirements the store cannot show are never held against a KEP; say so once. */
const uncheckedNote =
  '_Requirements Drumbeat cannot see here (the opt-in label and issue milestone, README sections, pull requests) are not counted; `drumbeat track` lists them as unverified._';

function readinessLines(model: DeadlineAlertModel, repo: RepoLinks): string[] {
  const where = model.scope.kind === 'sig' ? `${escapeMrkdwn(model.scope.sig)}'s KEPs` : 'KEPs';
  if (!model.checked) return ['Drumbeat has no readiness check for this milestone.'];
  if (model.notReady.length === 0)
    return [
      `:white_check_mark: All ${model.kepCount} ${where} in ${escapeMrkdwn(model.release)} meet every requirement Drumbeat can check.`,
      uncheckedNote,
    ];
  const lines = [
    `*Not ready* (${model.notReady.length} of ${model.kepCount} ${where} in ${escapeMrkdwn(model.release)}):`,
  ];
  for (const item of model.notReady) {
    const sig =
      model.scope.kind === 'release' && item.kep.owningSig ? ` (${escapeMrkdwn(item.kep.owningSig)})` : '';
    const report = item.selfReport ? ` · SIG reports ${item.selfReport}` : '';
    lines.push(
      `• ${kepLabel(item.kep, repo)}${sig} — *${item.status}*${report}: ${item.reasons.map(escapeMrkdwn).join('; ')}`,
    );
  }
  lines.push(uncheckedNote);
  return lines;
}

/** The release page (or the SIG's page, for a SIG's alert), with the calendar and every KEP. */
function pageLine(model: DeadlineAlertModel, links: ReleasePageLinks): string {
  return model.scope.kind === 'sig'
    ? `${link(links.sig(model.scope.sig), `${model.scope.sig} on the release page`)}: its KEPs, their state and blockers.`
    : `${link(links.release, `The ${model.release} release page`)}: the calendar, KEPs by Status and every SIG.`;
}

/**
 * A deadline alert: milestone, instant (UTC, AoE, reader's time), meaning, what is not ready, and
 * (with the release page's `links`) where to see the whole release.
 */
export function buildDeadlineAlert(
  model: DeadlineAlertModel,
  repo: RepoLinks,
  links: ReleasePageLinks | null = null,
): KnownBlock[] {
  const left = model.deadline.getTime() - model.now.getTime();
  const title = `:alarm_clock: ${model.milestone.name} in ${durationText(left)}`;
  const blocks: KnownBlock[] = [header(title), section(whenLines(model).join('\n'))];
  if (model.meaning) blocks.push(section(`*What it means:* ${escapeMrkdwn(model.meaning)}`));
  blocks.push(section(readinessLines(model, repo).join('\n')));
  blocks.push(...buildRemovalPicker(model));
  if (links) blocks.push(section(pageLine(model, links)));
  blocks.push(
    context(
      `${escapeMrkdwn(model.release)} deadline alert (T-${escapeMrkdwn(model.leadLabel)})${model.scope.kind === 'sig' ? ` for ${escapeMrkdwn(model.scope.sig)}` : ''}. Report status with \`/kep-status\`.`,
    ),
  );
  return blocks;
}
