import type { PulseAnswer } from '../domain/nps.ts';
import type { RetroItem, RetroPrompt } from '../domain/retro.ts';

export interface PulseRecord {
  release: string;
  opensAt: string;
  closesAt: string;
  minimum: number;
  closedAt: string | null;
}

/** What answering did: recorded (first answer), changed, or refused because the pulse is closed or unknown. */
export type PulseAnswerOutcome = 'recorded' | 'changed' | 'closed';

/**
 * The satisfaction pulse (migration 0011). Answers are stored apart from people: the link from a
 * person to their answer lives only while the pulse is open, and `close` deletes it.
 */
export interface PulseRepo {
  /** Stores the pulse once per release; returns the stored one. */
  ensure(pulse: Omit<PulseRecord, 'closedAt'>): PulseRecord;
  get(release: string): PulseRecord | null;
  /** Pulses not closed yet, of every release. */
  listOpen(): PulseRecord[];
  /** Records that `user` was asked; false when they already were. */
  invite(release: string, user: string, outboxKey: string, sendAt: string): boolean;
  invited(release: string): string[];
  invitedCount(release: string): number;
  /** Records or changes a person's score while the pulse is open. */
  answer(release: string, user: string, score: number): PulseAnswerOutcome;
  /** Sets (or clears, with null) the comment of the person's answer; false when they have no answer or it closed. */
  comment(release: string, user: string, comment: string | null): boolean;
  /** The person's own answer while the pulse is open. */
  answerOf(release: string, user: string): PulseAnswer | null;
  /** Every answer, without people, ordered by score then comment. */
  answers(release: string): PulseAnswer[];
  /** Closes the pulse once and forgets who gave which answer; false when already closed. */
  close(release: string, at: string): boolean;
}

export interface RetroPromptRecord {
  release: string;
  prompt: RetroPrompt;
  channel: string;
  outboxKey: string;
  postedAt: string;
  channelId: string | null;
  ts: string | null;
}

export interface RetroItemRecord {
  channelId: string;
  ts: string;
  release: string;
  prompt: RetroPrompt;
  author: string;
  text: string;
  at: string;
}

/** The retrospective (migration 0011): prompts, the replies to them, and reactions as votes. */
export interface RetroRepo {
  /** Records a posted prompt once per (release, prompt). */
  addPrompt(prompt: Omit<RetroPromptRecord, 'channelId' | 'ts'>): void;
  prompts(release: string): RetroPromptRecord[];
  /** Prompts whose Slack message is not known yet (of every release). */
  unplaced(): RetroPromptRecord[];
  place(release: string, prompt: RetroPrompt, channelId: string, ts: string): void;
  promptAt(channelId: string, ts: string): RetroPromptRecord | null;
  /** Inserts a reply, or replaces its text when edited. */
  saveItem(item: RetroItemRecord): void;
  deleteItem(channelId: string, ts: string): void;
  /** Adds or removes a reaction on a stored item; false when the message is not an item. */
  react(channelId: string, ts: string, user: string, reaction: string, added: boolean): boolean;
  /** Items with their votes (distinct reacting people other than the author), oldest first. */
  items(release: string): Array<RetroItem & { at: string }>;
}
