/** The satisfaction pulse DM, its comment modal, and the retrospective prompts. Pure builders. */
import type { KnownBlock, ModalView } from '@slack/types';
import { type RetroPrompt, retroQuestions } from '../../domain/retro.ts';
import type { ChatContent } from '../../ports/chat.ts';
import type { FeedbackMessages } from '../../ports/feedback.ts';
import { escapeMrkdwn } from '../escape.ts';
import { blocks as ids, pulseScoreAction, views } from '../ids.ts';
import { section } from './block-kit.ts';
import { readerTime } from './schedule-text.ts';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
export const pulseQuestion = 'How likely are you to recommend this release process to a colleague?';

function privacyNote(closesAt: Date, minimum: number): string {
  return `Your answer is anonymous: once the pulse closes (${readerTime(closesAt)}) nothing links it to you, and results are shown only when at least ${minimum} people answered. You can change it until then.`;
}

export function buildPulseDm(m: { release: string; closesAt: Date; minimum: number }): ChatContent {
  const blocks: KnownBlock[] = [
    section(
      `:bar_chart: *${escapeMrkdwn(m.release)} is out. ${pulseQuestion}*\n0 = not at all likely, 10 = extremely likely.`,
    ),
    {
      type: 'actions',
      block_id: `${ids.pulsePrefix}:${m.release}`,
      elements: Array.from({ length: 11 }, (_, score) => ({
        type: 'button' as const,
        action_id: pulseScoreAction(score),
        text: plain(String(score)),
        value: `${m.release}:${score}`,
      })),
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: privacyNote(m.closesAt, m.minimum) }] },
  ];
  return { text: `${m.release}: ${pulseQuestion} (0–10)`, blocks };
}

/** After a click: the score taken, and an optional comment. */
export function buildPulseCommentModal(m: {
  release: string;
  score: number;
  comment: string | null;
  closesAt: Date;
  minimum: number;
}): ModalView {
  return {
    type: 'modal',
    callback_id: views.pulseCommentModal,
    private_metadata: JSON.stringify({ v: 1, release: m.release }),
    title: plain(`${m.release} pulse`),
    submit: plain('Save comment'),
    close: plain('Done'),
    blocks: [
      section(
        `Thanks! Your answer: *${m.score}* out of 10. Click another number in the message to change it.`,
      ),
      {
        type: 'input',
        block_id: ids.pulseComment,
        optional: true,
        label: plain('Anything you would like to add? (optional)'),
        element: {
          type: 'plain_text_input',
          action_id: ids.pulseComment,
          multiline: true,
          max_length: 2000,
          ...(m.comment ? { initial_value: m.comment } : {}),
        },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: privacyNote(m.closesAt, m.minimum) }] },
    ],
  };
}

/** Shown instead of the comment form when the click cannot count. */
export function buildPulseNoticeModal(release: string, text: string): ModalView {
  return {
    type: 'modal',
    title: plain(`${release} pulse`),
    close: plain('Close'),
    blocks: [section(escapeMrkdwn(text))],
  };
}

const promptIcons: Record<RetroPrompt, string> = {
  'went-well': ':white_check_mark:',
  'did-not-go-well': ':warning:',
  'to-try': ':bulb:',
};

export function buildRetroPrompt(m: { release: string; prompt: RetroPrompt }): ChatContent {
  const question = retroQuestions[m.prompt];
  const text = `${m.release} retrospective · ${question}`;
  return {
    text,
    blocks: [
      section(
        `${promptIcons[m.prompt]} *${escapeMrkdwn(m.release)} retrospective: ${escapeMrkdwn(question)}*`,
      ),
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'Reply in this thread, one point per reply; react to the points you agree with (each person counts once). Replies go into the release report.',
          },
        ],
      },
    ],
  };
}

export const feedbackMessages: FeedbackMessages = { pulseDm: buildPulseDm, retroPrompt: buildRetroPrompt };
