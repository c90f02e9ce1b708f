/**
 * The workspace's parts under one roof: the directory of users and channels, trigger_ids and
 * response_urls, the message log, the view stacks, the Web API call log and the change feed, with
 * the face of the directory and of the interaction tokens. `SlackWorkspace` adds the rest.
 */
import { systemClock } from '../../system/system-clock.ts';
import { type ResolvedSeed, resolveSeed } from '../workspace-seed.ts';
import type {
  ResponseUrlContext,
  SandboxChannel,
  SandboxUser,
  WorkspaceOptions,
  WorkspaceSeed,
} from '../workspace-types.ts';
import { ApiCalls } from './api-calls.ts';
import { ChangeFeed } from './change-feed.ts';
import { Directory } from './directory.ts';
import { InteractionTokens } from './interaction-tokens.ts';
import { MessageLog } from './message-log.ts';
import { ViewStore } from './view-store.ts';

export class WorkspaceParts {
  readonly seed: ResolvedSeed;
  readonly now: () => Date;
  readonly triggerTtlMs: number;
  /** Scopes the app was installed without (e.g. the `*:history` scopes): calls needing them answer `missing_scope`. */
  readonly withheldScopes: Set<string>;
  protected readonly feed = new ChangeFeed();
  protected readonly directory: Directory;
  protected readonly tokens: InteractionTokens;
  protected readonly messageLog: MessageLog;
  protected readonly viewStore: ViewStore;
  protected readonly api: ApiCalls;

  constructor(seed: WorkspaceSeed, options: WorkspaceOptions = {}) {
    this.seed = resolveSeed(seed);
    this.now = options.now ?? systemClock.now;
    this.triggerTtlMs = options.triggerTtlMs ?? 3000;
    const core = { seed: this.seed, now: this.now, feed: this.feed };
    const rate = options.rate ?? { perChannelPerSecond: 1, burst: 3 };
    this.directory = new Directory(core);
    this.api = new ApiCalls(core, this.directory, rate);
    this.withheldScopes = this.api.withheldScopes;
    this.tokens = new InteractionTokens(core, this.directory, this.triggerTtlMs);
    this.messageLog = new MessageLog(core, this.directory);
    this.viewStore = new ViewStore(core, this.directory);
  }

  // ---------------------------------------------------------------- identity

  /** A user's id, by name (with or without '@') or id. Throws, listing the known users, if unknown. */
  userId(name: string): string {
    return this.directory.userId(name);
  }

  /** A channel's id from '#sig-node', 'sig-node' or an id (IM ids too). Throws, listing the channels, if unknown. */
  channelId(nameOrId: string): string {
    return this.directory.channelId(nameOrId);
  }

  /** The user with this id or name, or undefined. */
  findUser(ref: string): SandboxUser | undefined {
    return this.directory.findUser(ref);
  }

  /** The channel with this id, '#name' or name, or undefined. */
  findChannel(ref: string): SandboxChannel | undefined {
    return this.directory.findChannel(ref);
  }

  /** Every user, the bot first, in seed order. */
  users(): SandboxUser[] {
    return this.directory.users();
  }

  /** Every channel and IM, in creation order. */
  channels(): SandboxChannel[] {
    return this.directory.channels();
  }

  /** The user group with this id or handle, or undefined. */
  usergroup(ref: string): { id: string; handle: string; users: string[] } | undefined {
    return this.directory.usergroup(ref);
  }

  /** The bot's IM with a user, created on first use (as conversations.open does). */
  openIm(userId: string): { channel: SandboxChannel; created: boolean } {
    return this.directory.openIm(userId);
  }

  /** The bot's IM with a user if it has been opened. */
  imWith(userId: string): SandboxChannel | undefined {
    return this.directory.imWith(userId);
  }

  // ---------------------------------------------------------------- triggers and response URLs

  /** A single-use trigger_id for `userId`, valid for `triggerTtlMs` of `now()`. */
  mintTriggerId(userId: string): string {
    return this.tokens.mintTriggerId(userId);
  }

  /**
   * Spends a trigger_id. Returns its user, or the Slack error: `invalid_trigger_id` (never minted),
   * `exchanged_trigger_id` (already used, as Slack reports a reused trigger) or `expired_trigger_id`.
   */
  consumeTrigger(triggerId: string): { user: string } | { error: string } {
    return this.tokens.consumeTrigger(triggerId);
  }

  /** A path like '/response/ab12…' that the Web API server serves as this interaction's response_url. */
  createResponseUrlPath(ctx: ResponseUrlContext): string {
    return this.tokens.createResponseUrlPath(ctx);
  }

  /** Spends one use of a response_url (Slack allows 5 in 30 minutes); the error is `expired_url` or `used_url`. */
  useResponseUrl(id: string): ResponseUrlContext | { error: string } {
    return this.tokens.useResponseUrl(id);
  }
}
