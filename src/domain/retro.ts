/**
 * The release retrospective: three prompts posted in the release channel, each a thread; every
 * reply in a prompt's thread is an item, and the people who reacted to it are its votes. Pure.
 */

export const retroPrompts = ['went-well', 'did-not-go-well', 'to-try'] as const;
export type RetroPrompt = (typeof retroPrompts)[number];

export const retroQuestions: Readonly<Record<RetroPrompt, string>> = {
  'went-well': 'What went well this release?',
  'did-not-go-well': "What didn't go well?",
  'to-try': 'What should we try next release?',
};

export interface RetroItem {
  prompt: RetroPrompt;
  text: string;
  /** Distinct people who reacted to the reply (the author's own reactions do not count). */
  votes: number;
}

export interface RetroSummary {
  release: string;
  postedAt: string;
  /** Items by prompt, most votes first (then oldest first). */
  items: Record<RetroPrompt, RetroItem[]>;
}

export function groupRetroItems(
  release: string,
  postedAt: string,
  items: ReadonlyArray<RetroItem & { at: string }>,
): RetroSummary {
  const grouped: Record<RetroPrompt, RetroItem[]> = { 'went-well': [], 'did-not-go-well': [], 'to-try': [] };
  const ordered = [...items].sort((a, b) => b.votes - a.votes || a.at.localeCompare(b.at));
  for (const { prompt, text, votes } of ordered) grouped[prompt].push({ prompt, text, votes });
  return { release, postedAt, items: grouped };
}
