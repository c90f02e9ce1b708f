import type { Args } from '../api-args.ts';
import type { SlackWorkspace } from '../workspace.ts';

/** What a Web API method handler gets: the workspace, the call's arguments and server hooks. */
export interface MethodContext {
  ws: SlackWorkspace;
  args: Args;
  /** Returns the Socket Mode wss:// URL (supplied by the Socket Mode hub). */
  onConnectionsOpen?: () => Promise<string>;
}

/** One Web API method: which token type it takes and what it does. Errors are thrown as SlackApiError. */
export interface MethodSpec {
  token: 'bot' | 'app' | 'any';
  run(ctx: MethodContext): Record<string, unknown> | Promise<Record<string, unknown>>;
}
