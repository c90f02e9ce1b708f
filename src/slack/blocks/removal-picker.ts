/**
 * "Remove from milestone…" on the release channel's deadline alert: a menu of the KEPs not ready
 * for the freeze, behind Slack's confirm dialog. Usable by the release team once the freeze has
 * passed (the value carries the freeze's instant; the click before it is refused).
 */
import type { KnownBlock } from '@slack/types';
import type { DeadlineAlertModel } from '../../ports/schedule.ts';
import { escapeMrkdwn, truncate } from '../escape.ts';
import { actions } from '../ids.ts';
import { context, plainText } from './block-kit.ts';
import { LIMITS } from './block-limits.ts';
import type { RemovalButtonValue } from './removal-blocks.ts';

/** The reason a removal from the alert records: `missed Code Freeze`. */
export function missedReason(milestone: string): string {
  return `missed ${truncate(milestone, 60)}`;
}

/** The menu block, for the release channel's alert of a checked freeze with KEPs not ready; else none. */
export function buildRemovalPicker(model: DeadlineAlertModel): KnownBlock[] {
  if (model.scope.kind !== 'release' || !model.checked || model.notReady.length === 0) return [];
  const reason = missedReason(model.milestone.name);
  const options = model.notReady.slice(0, LIMITS.selectOptions).map((item) => {
    const value: RemovalButtonValue = { kep: item.kep.number, reason, after: model.deadline.toISOString() };
    return {
      text: plainText(truncate(`KEP-${item.kep.number} ${item.kep.title}`, LIMITS.optionText)),
      value: JSON.stringify(value),
    };
  });
  const question = `Remove this KEP from the ${model.release} milestone? Reason: ${reason}. Its SIG channel is told.`;
  return [
    context(
      `After ${escapeMrkdwn(model.milestone.name)}, the release team can remove a KEP that missed it from the milestone here.`,
    ),
    {
      type: 'actions',
      elements: [
        {
          type: 'static_select',
          action_id: actions.milestoneRemovePick,
          placeholder: plainText('Remove from milestone…'),
          options,
          confirm: {
            title: plainText('Remove from milestone?'),
            text: plainText(truncate(question, LIMITS.confirmText)),
            confirm: plainText('Remove'),
            deny: plainText('Cancel'),
          },
        },
      ],
    },
  ];
}
