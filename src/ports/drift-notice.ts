import type { DriftFinding } from '../domain/drift.ts';
import type { Chat, ChatContent } from './chat.ts';
import type { GithubDriftRepo } from './github-store.ts';
import type { Logger } from './logger.ts';

/** What the PM channel's drift notice needs. */
export interface DriftNoticeDeps {
  store: { githubDrift: Pick<GithubDriftRepo, 'listUnnoticed' | 'markNoticed'> };
  chat: Chat;
  logger: Logger;
  /** Channel id of the PM channel, or null (then nothing is posted and nothing marked). */
  pmChannel: string | null;
  render(findings: DriftFinding[]): ChatContent;
}
