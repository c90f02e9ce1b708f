/**
 * The shapes the local Slack workspace holds and hands out: its seed, messages, ephemerals, views,
 * recorded Web API calls and injected failures. Apart from workspace.ts so the seed resolver and
 * other parts of the sandbox can name them without importing the workspace itself.
 */
import type { RateLimit } from './token-bucket.ts';

/** Who and what the workspace starts with. A later step builds this from the bot's config. */
export interface WorkspaceSeed {
  /** Default T0DRUMBEAT / Drumbeat / drumbeat. */
  team?: { id: string; name: string; domain: string };
  /** Defaults U0BOT00001 / B0BOT00001 / A0DRUMBEAT / drumbeat. */
  bot?: { userId: string; botId: string; appId: string; name: string };
  users: Array<{ id: string; name: string; realName?: string; tz?: string; email?: string; isBot?: boolean }>;
  /** `name` without '#'; `members` are user ids or names; the bot is a member unless `botIsMember: false`. */
  channels: Array<{
    id?: string;
    name: string;
    members: string[];
    isPrivate?: boolean;
    botIsMember?: boolean;
  }>;
  usergroups?: Array<{ id: string; handle: string; users: string[] }>;
  /** Defaults 'xoxb-sandbox-bot' and 'xapp-sandbox-app'. */
  tokens?: { bot?: string; app?: string };
  /** Default 'sandbox-signing-secret'. */
  signingSecret?: string;
}

/** A message in a channel or IM, top-level or in a thread. */
export interface SandboxMessage {
  channel: string;
  ts: string;
  /** The parent's ts for a thread reply; null for a top-level message (parents included). */
  threadTs: string | null;
  user: string | null;
  /** Set for bot messages (ours is `seed.bot.botId`). */
  botId: string | null;
  text: string;
  blocks: unknown[] | null;
  metadata: { event_type: string; event_payload: Record<string, unknown> } | null;
  edited: boolean;
}

/** A message only one user saw (chat.postEphemeral, or a response_url reply). */
export interface SandboxEphemeral {
  channel: string;
  user: string;
  text: string;
  blocks: unknown[] | null;
  viaResponseUrl: boolean;
  replaceOriginal?: boolean;
  /** When it was recorded (ISO 8601, from the workspace clock). */
  at: string;
}

/** A modal (or a user's Home tab) as the app last set it. */
export interface SandboxView {
  id: string;
  user: string;
  type: 'modal' | 'home';
  /** The view as the app sent it (title, blocks, callback_id, private_metadata, …). */
  view: Record<string, unknown>;
  hash: string;
  /** The ids of the modal stack this view belongs to, root first; [] for Home. */
  stack: string[];
  closed: boolean;
  /** Field errors from the last `response_action: 'errors'` (block_id → message). */
  errors?: Record<string, string>;
  /** What was wrong with the last view_submission ack, if Slack would have refused it. */
  problem?: string;
}

/** One recorded Web API call (the token is never recorded). */
export interface SandboxCall {
  method: string;
  args: Record<string, unknown>;
  ok: boolean;
  error?: string;
  at: string;
}

/**
 * A fault to inject into the next call(s) of a method. With only `delayMs`, the call is slow and
 * then answered as usual; with a status, error or Retry-After it fails (after `delayMs`, if given).
 */
export interface SandboxFailure {
  /** HTTP status: 429 answers `ratelimited` with Retry-After; 5xx answers that status; default 200. */
  status?: number;
  /** The platform error code (default `ratelimited` for 429, `internal_error` for 5xx, `fatal_error` otherwise). */
  error?: string;
  /** Seconds for Retry-After; implies status 429 when status is not given. */
  retryAfter?: number;
  /** How many calls it applies to (default 1; `Infinity` until cleared). */
  times?: number;
  /** Only calls whose `channel` argument is this channel (an id, or a name such as `#sig-node`). */
  channel?: string;
  /** Answer only after this many milliseconds of real time (a slow Slack). */
  delayMs?: number;
}

/** A user as the emulator keeps them. */
export interface SandboxUser {
  id: string;
  name: string;
  realName: string;
  tz: string;
  email: string | null;
  isBot: boolean;
  botId: string | null;
}

/** A channel (or the bot's IM with one user) as the emulator keeps it. */
export interface SandboxChannel {
  id: string;
  name: string;
  members: Set<string>;
  isPrivate: boolean;
  isIm: boolean;
  /** The other party of an IM. */
  imUser: string | null;
  /** Creation time, Unix seconds. */
  created: number;
}

/** What a response_url was minted for. */
export interface ResponseUrlContext {
  channel: string;
  user: string;
  messageTs?: string;
}

export interface WorkspaceOptions {
  now?: () => Date;
  /** Per-channel pacing of chat.postMessage / chat.update (default 1 per second, burst 3). */
  rate?: RateLimit;
  /** How long a trigger_id stays valid (default 3000 ms of `now()`). */
  triggerTtlMs?: number;
}
