/**
 * Exception requests in Slack: the post in the release channel (with Approve / Reject while open,
 * the decision once made), the decision reply in its thread, and a list of open requests for the
 * digest and App Home. Pure builders; all user text is escaped.
 */
import type { KnownBlock } from '@slack/types';
import { boardRequester } from '../../domain/board-exception.ts';
import { type ExceptionRequest, freezeNames } from '../../domain/exception.ts';
import type { ChatContent } from '../../ports/chat.ts';
import { escapeMrkdwn, link, mentionUser, truncate } from '../escape.ts';
import { actions, blocks as ids } from '../ids.ts';
import { boundedSection } from './block-kit.ts';

function answers(request: ExceptionRequest): string {
  const prs = request.pullRequests.map((url) => link(url, url.replace(/^https?:\/\//, ''))).join(', ');
  return [
    `*What is missing:* ${escapeMrkdwn(request.missing)}`,
    `*Additional time needed:* ${escapeMrkdwn(request.additionalTime)}`,
    `*Risk:* ${escapeMrkdwn(request.risk)}`,
    `*Pull requests:* ${prs}`,
  ].join('\n');
}

/** A Slack user as a mention; the tracking board by name (a request made or decided there). */
const who = (id: string) => (id === boardRequester ? 'The tracking board' : mentionUser(id));

function headline(request: ExceptionRequest): string {
  return `${freezeNames[request.freeze]} exception request #${request.id}: KEP-${request.kep} ${request.kepTitle}`;
}

/** The request as posted in the release channel. */
export function buildExceptionPost(request: ExceptionRequest, deciders: string[]): ChatContent {
  const blocks: KnownBlock[] = [
    boundedSection(
      `:raising_hand: *${escapeMrkdwn(headline(request))}*\n${who(request.requester)} asks${request.sig ? ` for ${escapeMrkdwn(request.sig)}` : ''}, ${request.requestedAt.slice(0, 16).replace('T', ' ')} UTC.`,
    ),
    boundedSection(answers(request)),
  ];
  if (request.status === 'open') {
    blocks.push(
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: truncate(`Deciders: ${deciders.map(mentionUser).join(' ') || 'none configured'}`, 3000),
          },
        ],
      },
      {
        type: 'actions',
        block_id: `${ids.exceptionPrefix}:${request.id}`,
        elements: [
          {
            type: 'button',
            action_id: actions.exceptionApprove,
            style: 'primary',
            text: { type: 'plain_text', text: 'Approve' },
            value: String(request.id),
          },
          {
            type: 'button',
            action_id: actions.exceptionReject,
            style: 'danger',
            text: { type: 'plain_text', text: 'Reject' },
            value: String(request.id),
          },
        ],
      },
    );
  } else {
    blocks.push(boundedSection(decisionLine(request)));
  }
  return { text: truncate(`${escapeMrkdwn(headline(request))} (${request.status})`, 3000), blocks };
}

function decisionLine(request: ExceptionRequest): string {
  const icon = request.status === 'approved' ? ':white_check_mark:' : ':no_entry:';
  const when = (request.decidedAt ?? '').slice(0, 16).replace('T', ' ');
  return `${icon} *${request.status === 'approved' ? 'Approved' : 'Rejected'}* by ${request.decidedBy ? who(request.decidedBy) : 'the release team'}, ${when} UTC.`;
}

/** The reply in the request's thread, to the requester. */
export function buildExceptionDecision(request: ExceptionRequest): ChatContent {
  const next =
    request.status === 'approved'
      ? 'Land the work within the time you asked for, and keep `/kep-status` current.'
      : 'The work moves to the next release; ask in this thread if something changed.';
  const text = `${who(request.requester)} ${decisionLine(request)} ${next}`;
  return {
    text: truncate(`${escapeMrkdwn(headline(request))}: ${request.status}`, 3000),
    blocks: [boundedSection(text)],
  };
}

/** Open requests as one section (for the digest and App Home); null when there are none. */
export function buildOpenExceptionsSection(requests: readonly ExceptionRequest[]): KnownBlock | null {
  const open = requests.filter((r) => r.status === 'open');
  if (open.length === 0) return null;
  const lines = open
    .slice(0, 15)
    .map(
      (r) =>
        `• ${escapeMrkdwn(`#${r.id} KEP-${r.kep} ${r.kepTitle}`)} (${freezeNames[r.freeze]}, asked ${r.requestedAt.slice(0, 10)})`,
    );
  if (open.length > 15) lines.push(`…and ${open.length - 15} more`);
  return boundedSection(`*Open exception requests (${open.length})*\n${lines.join('\n')}`);
}
