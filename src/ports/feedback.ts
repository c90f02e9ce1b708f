import type { RetroPrompt } from '../domain/retro.ts';
import type { CalendarMilestone } from '../domain/types.ts';
import type { Chat, ChatContent } from './chat.ts';
import type { PulseRepo, RetroRepo } from './feedback-store.ts';
import type { Logger } from './logger.ts';
import type { PersonRepo } from './store.ts';

/** The pulse and retrospective settings, from the config (`feedback:`) and the release. */
export interface FeedbackSettings {
  release: string;
  calendar: CalendarMilestone[];
  /** False: no pulse (the retrospective still goes out at the pulse instant). */
  pulseEnabled: boolean;
  /** When the pulse (and the retrospective) opens; null: the day after the release milestone. */
  pulseAt: string | null;
  pulseOpenForMs: number;
  /** Results are shown only with at least this many answers. */
  minimumAnswers: number;
  /** GitHub logins asked: the release lead and team, facilitators and chairs. */
  invitees: string[];
  /** Where the retrospective is posted (channel id or name); null: no retrospective. */
  retroChannel: string | null;
}

/** How pulse and retrospective messages look (pure builders in slack/blocks/). */
export interface FeedbackMessages {
  pulseDm(model: { release: string; closesAt: Date; minimum: number }): ChatContent;
  retroPrompt(model: { release: string; prompt: RetroPrompt }): ChatContent;
}

export interface FeedbackDeps {
  store: { pulses: PulseRepo; retros: RetroRepo; people: PersonRepo };
  chat: Chat;
  logger: Logger;
  messages: FeedbackMessages;
  settings: FeedbackSettings;
}
