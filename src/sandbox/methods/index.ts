import { chatMethods } from './chat-methods.ts';
import { conversationMethods } from './conversation-methods.ts';
import type { MethodSpec } from './method.ts';
import { miscMethods } from './misc-methods.ts';
import { userMethods } from './user-methods.ts';
import { viewMethods } from './view-methods.ts';

/** Every Web API method the emulator serves, by name. */
export const webApiMethods: ReadonlyMap<string, MethodSpec> = new Map(
  Object.entries({ ...miscMethods, ...chatMethods, ...conversationMethods, ...userMethods, ...viewMethods }),
);
