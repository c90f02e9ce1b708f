/**
 * The local Slack workspace: users, channels, messages, ephemerals, views and every Web API call,
 * held in memory. The loopback Web API emulator (`web-api-server.ts`) and the driver mutate it; tests
 * and the demo read it. Time comes from the injected `now()`, so rate limits and trigger expiry
 * follow a fake clock in tests.
 */
import { systemClock } from '../system/system-clock.ts';
import type { TakeResult } from './token-bucket.ts';
import { ApiCalls } from './workspace/api-calls.ts';
import { ChangeFeed } from './workspace/change-feed.ts';
import { Directory } from './workspace/directory.ts';
import { InteractionTokens } from './workspace/interaction-tokens.ts';
import { MessageLog, type MessagePatch } from './workspace/message-log.ts';
import { applyViewResponse } from './workspace/view-response.ts';
import { ViewStore } from './workspace/view-store.ts';
import { type ResolvedSeed, resolveSeed } from './workspace-seed.ts';
import type {
  ResponseUrlContext,
  SandboxCall,
  SandboxChannel,
  SandboxEphemeral,
  SandboxFailure,
  SandboxMessage,
  SandboxUser,
  SandboxView,
  WorkspaceOptions,
  WorkspaceSeed,
} from './workspace-types.ts';

export type {
  ResponseUrlContext,
  SandboxCall,
  SandboxChannel,
  SandboxEphemeral,
  SandboxFailure,
  SandboxMessage,
  SandboxUser,
  SandboxView,
  WorkspaceOptions,
  WorkspaceSeed,
} from './workspace-types.ts';

/**
 * The workspace is one facade over its parts under workspace/: the directory of users and channels,
 * trigger_ids and response_urls, the message log, the view stacks, the Web API call log with its
 * faults and rate limits, and the change feed.
 */
export class SlackWorkspace {
  readonly seed: ResolvedSeed;
  readonly now: () => Date;
  readonly triggerTtlMs: number;
  /** Scopes the app was installed without (e.g. the `*:history` scopes): calls needing them answer `missing_scope`. */
  readonly withheldScopes: Set<string>;
  private readonly feed = new ChangeFeed();
  private readonly directory: Directory;
  private readonly tokens: InteractionTokens;
  private readonly messageLog: MessageLog;
  private readonly viewStore: ViewStore;
  private readonly api: ApiCalls;

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

  // ---------------------------------------------------------------- messages, threads and reactions

  /** Records an ephemeral message (from chat.postEphemeral, a response_url, or the driver). */
  recordEphemeral(e: Omit<SandboxEphemeral, 'at'>): void {
    this.messageLog.recordEphemeral(e);
  }

  /** A human posting in a channel (or a thread of it). Returns the stored message. */
  recordMessage(m: { channel: string; user: string; text: string; threadTs?: string }): SandboxMessage {
    return this.messageLog.recordMessage(m);
  }

  /** A fresh message ts (for ephemerals, which Slack also gives a message_ts). */
  mintTs(): string {
    return this.messageLog.mintTs();
  }

  /** Stores a new message with a fresh, increasing ts. Used by chat.postMessage and recordMessage. */
  appendMessage(m: Omit<SandboxMessage, 'ts' | 'edited'>): SandboxMessage {
    return this.messageLog.appendMessage(m);
  }

  /** The ts of the thread a message belongs to (its parent's, or its own); null if no such message. */
  threadRoot(channelId: string, ts: string): string | null {
    return this.messageLog.threadRoot(channelId, ts);
  }

  /** The stored message (live object) with this ts, or undefined. */
  findMessage(channelId: string, ts: string): SandboxMessage | undefined {
    return this.messageLog.findMessage(channelId, ts);
  }

  /** Every message of a channel, replies included, oldest first (live objects: do not mutate). */
  allMessages(channelId: string): readonly SandboxMessage[] {
    return this.messageLog.allMessages(channelId);
  }

  /** Replaces a message's text, blocks and/or metadata and marks it edited. */
  editMessage(channelId: string, ts: string, patch: MessagePatch): SandboxMessage | undefined {
    return this.messageLog.editMessage(channelId, ts, patch);
  }

  /** The ts of a message's last edit, if it was edited. */
  editedTs(channelId: string, ts: string): string | undefined {
    return this.messageLog.editedTs(channelId, ts);
  }

  /** Removes a message (delete_original on a response_url). */
  deleteMessage(channelId: string, ts: string): boolean {
    return this.messageLog.deleteMessage(channelId, ts);
  }

  /** Adds a reaction; false if this user already reacted with this name. */
  addReaction(channelId: string, ts: string, name: string, userId: string): boolean {
    return this.messageLog.addReaction(channelId, ts, name, userId);
  }

  /** A message's reactions as Slack lists them. */
  reactions(channel: string, ts: string): Array<{ name: string; users: string[]; count: number }> {
    return this.messageLog.reactions(channel, ts);
  }

  /** Top-level messages of a channel (by name or id), oldest first. */
  messages(channel: string): SandboxMessage[] {
    return this.messageLog.messages(channel);
  }

  /** The replies in a thread (the parent itself not included), oldest first. */
  replies(channel: string, threadTs: string): SandboxMessage[] {
    return this.messageLog.replies(channel, threadTs);
  }

  /** Every ephemeral, or those one user (name or id) saw, in order. */
  ephemerals(user?: string): SandboxEphemeral[] {
    return this.messageLog.ephemerals(user);
  }

  /** Top-level messages in the bot↔user IM ([] if it was never opened). */
  dms(user: string): SandboxMessage[] {
    return this.messageLog.dms(user);
  }

  // ---------------------------------------------------------------- views

  /** Opens a modal as the root of a new stack. */
  openModal(user: string, view: Record<string, unknown>): SandboxView {
    return this.viewStore.openModal(user, view);
  }

  /** Pushes a modal onto the stack `belowId` belongs to; fails with `push_limit_reached` past 3. */
  pushModal(belowId: string, view: Record<string, unknown>): SandboxView | { error: string } {
    return this.viewStore.pushModal(belowId, view);
  }

  /** The top open modal of a user's most recent stack (where a trigger from inside a modal pushes). */
  topModal(user: string): SandboxView | undefined {
    return this.viewStore.topModal(user);
  }

  /** Replaces a view's content (views.update, views.publish, response_action update); new hash. */
  replaceView(id: string, view: Record<string, unknown>): SandboxView | undefined {
    return this.viewStore.replaceView(id, view);
  }

  /** The open view (modal or Home) with this `external_id`. */
  viewByExternalId(externalId: string): SandboxView | undefined {
    return this.viewStore.viewByExternalId(externalId);
  }

  /** Stores a user's Home tab (views.publish), keeping its id across publishes. */
  publishHome(user: string, view: Record<string, unknown>): SandboxView {
    return this.viewStore.publishHome(user, view);
  }

  /** Closes a modal and everything pushed above it (the user pressed Cancel / ×, or an empty ack). */
  closeView(viewId: string): void {
    this.viewStore.closeView(viewId);
  }

  /**
   * Applies a view_submission ack: no body closes the submitted view (revealing the one below),
   * `update` replaces it, `push` stacks a new one, `clear` closes the whole stack and `errors` shows
   * field errors. Anything Slack would refuse is kept in the view's `problem` and changes nothing else.
   */
  applyViewResponse(viewId: string, response: unknown): void {
    applyViewResponse(this.viewStore, this.feed, viewId, response);
  }

  /** A user's open modals, root first (the last one is on top). */
  openViews(user: string): SandboxView[] {
    return this.viewStore.openViews(user);
  }

  /** A view (open or closed) by id. */
  view(id: string): SandboxView | undefined {
    return this.viewStore.view(id);
  }

  /** Where a view sits: its stack's root and the view below it. */
  viewLinks(id: string): { rootId: string; previousId: string | null } | undefined {
    return this.viewStore.viewLinks(id);
  }

  /** A user's Home tab, if the app published one. */
  home(user: string): SandboxView | undefined {
    return this.viewStore.home(user);
  }

  // ---------------------------------------------------------------- Web API calls, faults and pacing

  /** Every Web API call so far (or one method's), failed ones included. */
  calls(method?: string): SandboxCall[] {
    return this.api.calls(method);
  }

  /** Records one Web API call (the emulator calls this for every request). */
  recordCall(call: Omit<SandboxCall, 'at'>): void {
    this.api.recordCall(call);
  }

  /** Makes the next `times` (default 1) calls of `method` fail (or be slow) as described. */
  failNext(method: string, failure: SandboxFailure): void {
    this.api.failNext(method, failure);
  }

  /** The fault to apply to this call of `method`, if one matches (spends one of its `times`). */
  takeFault(method: string, args: { channel?: unknown } = {}): SandboxFailure | undefined {
    return this.api.takeFault(method, args);
  }

  /** Drops the faults still queued for `method`, or for every method. */
  clearFaults(method?: string): void {
    this.api.clearFaults(method);
  }

  /**
   * Revokes the bot token: every call made with it answers `error` (default `token_revoked`), as
   * Slack does once an app is uninstalled or its token revoked. `restoreToken` undoes it.
   */
  revokeToken(error = 'token_revoked'): void {
    this.api.revokeToken(error);
  }

  restoreToken(): void {
    this.api.restoreToken();
  }

  /** Installs the app without `scopes`, as the manifest variant without history scopes does. */
  withholdScopes(scopes: readonly string[]): void {
    this.api.withholdScopes(scopes);
  }

  /** The error every bot-token call answers while the token is revoked, else null. */
  get tokenRevokedWith(): string | null {
    return this.api.tokenRevokedWith;
  }

  /** Spends one per-channel rate token for a chat.postMessage / chat.update. */
  takeRateToken(channelId: string): TakeResult {
    return this.api.takeRateToken(channelId);
  }

  // ---------------------------------------------------------------- change notification

  /** Calls `listener` after every mutation; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    return this.feed.onChange(listener);
  }

  /**
   * Resolves with the probe's value as soon as it is truthy, re-checking after every mutation and
   * every 20 ms. Rejects after `timeoutMs` with a message naming what was awaited (`what`, or the
   * probe's source) and the probe's last error, if it threw.
   */
  waitFor<T>(probe: () => T | undefined | false | null, timeoutMs = 5000, what?: string): Promise<T> {
    return this.feed.waitFor(probe, timeoutMs, what);
  }
}
