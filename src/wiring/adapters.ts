import type { Chat, ChatNow } from '../ports/chat.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import type { ChannelDirectory } from '../slack/context.ts';

/** The adapters every feature is composed from: built once at start (or by a CLI command). */
export interface Adapters {
  store: Store;
  chat: Chat & ChatNow;
  clock: Clock;
  logger: Logger;
  channels: ChannelDirectory;
}
