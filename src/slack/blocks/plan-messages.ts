/**
 * The planning readout in Slack: the parent message, one reply per SIG plan (KEPs, increments,
 * confidence, dependencies, risks) with an "Edit plan" button, and the approval reply. Pure builders.
 */
import type { KnownBlock } from '@slack/types';
import { describeUncommitted } from '../../domain/plan.ts';
import { describeIncrements } from '../../domain/plan-text.ts';
import type { ChatContent } from '../../ports/chat.ts';
import type { PlanReplyModel, ReadoutModel } from '../../ports/planning.ts';
import { escapeMrkdwn, truncate } from '../escape.ts';
import { actions } from '../ids.ts';
import { boundedSection, context } from './block-kit.ts';

/** Entries shown per plan reply; the rest are counted (the CLI prints all). */
export const maxEntriesPerReply = 40;

/** The readout's parent: which SIGs planned, which did not, and dependencies nobody committed. */
export function buildReadoutParent(model: ReadoutModel): ChatContent {
  const sigs = model.plans.map((p) => p.sig);
  const title = `Release planning readout for ${model.release}`;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(title, 150) } },
    boundedSection(
      `*${sigs.length} SIG${sigs.length === 1 ? '' : 's'} committed a plan:* ${sigs.map(escapeMrkdwn).join(', ')}. Each plan is a reply in this thread; the fist-to-five vote on the whole plan follows.`,
    ),
  ];
  if (model.missing.length > 0)
    blocks.push(
      context(
        `No plan yet from ${model.missing.slice(0, 30).map(escapeMrkdwn).join(', ')}${model.missing.length > 30 ? ` and ${model.missing.length - 30} more` : ''}.`,
      ),
    );
  if (model.uncommitted.length > 0)
    blocks.push(
      boundedSection(
        `:warning: *Dependencies nobody has committed:*\n${model.uncommitted
          .slice(0, 20)
          .map((d) => `• ${escapeMrkdwn(describeUncommitted(d))}`)
          .join('\n')}`,
      ),
    );
  const text = `${title}: ${sigs.join(', ')}${model.uncommitted.length > 0 ? ` · ${model.uncommitted.length} uncommitted dependencies` : ''}`;
  return { text, blocks };
}

/** One SIG's plan as a reply in the readout thread. */
export function buildPlanReply(model: PlanReplyModel): ChatContent {
  const { plan } = model;
  const title = `${plan.sig} plan v${plan.version}${model.updated ? ' (updated)' : ''}`;
  const blocks: KnownBlock[] = [
    boundedSection(
      `*${escapeMrkdwn(title)}* · ${plan.entries.length} KEP${plan.entries.length === 1 ? '' : 's'} committed`,
    ),
  ];
  for (const entry of plan.entries.slice(0, maxEntriesPerReply)) {
    const lines = [
      `*#${entry.kep} ${escapeMrkdwn(entry.title)}*${entry.stage ? ` (${entry.stage})` : ''}`,
      `Lands: ${describeIncrements(entry, model.increments)}`,
      entry.dependsOn.length > 0 ? `Depends on: ${entry.dependsOn.map((n) => `#${n}`).join(', ')}` : null,
      `Release note: ${escapeMrkdwn(entry.releaseNote)}`,
      ...(model.risks.get(entry.kep) ?? []).map((r) => `:warning: ${escapeMrkdwn(r)}`),
    ].filter((l): l is string => l !== null);
    blocks.push(boundedSection(lines.join('\n')));
  }
  if (plan.entries.length > maxEntriesPerReply)
    blocks.push(
      context(
        `And ${plan.entries.length - maxEntriesPerReply} more: \`drumbeat plan --sig ${escapeMrkdwn(plan.sig)}\` prints the whole plan.`,
      ),
    );
  if (model.uncommitted.length > 0)
    blocks.push(
      context(model.uncommitted.map((d) => `:warning: ${escapeMrkdwn(describeUncommitted(d))}`).join('\n')),
    );
  blocks.push({
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: actions.planOpenModal,
        text: { type: 'plain_text', text: 'Edit plan' },
        value: plan.sig,
      },
    ],
  });
  const text = `${title}: ${plan.entries.map((e) => `#${e.kep}`).join(', ') || 'no KEPs'}${model.uncommitted.length > 0 ? ` · ${model.uncommitted.map(describeUncommitted).join('; ')}` : ''}`;
  return { text: truncate(text, 3000), blocks };
}

/** The reply when the vote approves the plan. */
export function buildPlanApproved(input: {
  release: string;
  sigs: string[];
  labelsPlanned: number[];
  alreadyPlanned: number[];
}): ChatContent {
  const labels =
    input.labelsPlanned.length > 0
      ? `The approved label is planned for ${input.labelsPlanned.map((n) => `#${n}`).join(', ')} (applied by the next GitHub sync when write-back is on).`
      : 'No new labels to plan.';
  const text = `The ${input.release} release plan is approved (${input.sigs.join(', ')}). ${labels}`;
  const blocks: KnownBlock[] = [
    boundedSection(
      `:white_check_mark: *The ${escapeMrkdwn(input.release)} release plan is approved* (${input.sigs.map(escapeMrkdwn).join(', ')}).`,
    ),
    boundedSection(truncate(labels, 3000)),
    context('Work outside the approved plan now needs an exception request: `/drumbeat exception`.'),
  ];
  if (input.alreadyPlanned.length > 0)
    blocks.splice(
      2,
      0,
      context(`Already labelled or planned: ${input.alreadyPlanned.map((n) => `#${n}`).join(', ')}`),
    );
  return { text: truncate(text, 3000), blocks };
}
