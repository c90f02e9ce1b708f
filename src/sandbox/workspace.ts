/**
 * The local Slack workspace: users, channels, messages, ephemerals, views and every Web API call,
 * held in memory. The loopback Web API emulator (`web-api-server.ts`) and the driver mutate it; tests
 * and the demo read it. Time comes from the injected `now()`, so rate limits and trigger expiry
 * follow a fake clock in tests.
 */
import { randomBytes } from 'node:crypto';
import { systemClock } from '../system/system-clock.ts';
import { viewProblems } from './check-blocks.ts';
import { FaultBook } from './fault-book.ts';
import { createIdSequence, createTsSequence } from './slack-ids.ts';
import { createTokenBuckets, type TakeResult, type TokenBuckets } from './token-bucket.ts';
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

interface ViewRecord {
  id: string;
  user: string;
  type: 'modal' | 'home';
  view: Record<string, unknown>;
  hash: string;
  rootId: string;
  previousId: string | null;
  closed: boolean;
  errors?: Record<string, string>;
  problem?: string;
}

const responseUrlTtlMs = 30 * 60 * 1000;
const responseUrlMaxUses = 5;
const maxStackDepth = 3;

export class SlackWorkspace {
  readonly seed: ResolvedSeed;
  readonly now: () => Date;
  readonly triggerTtlMs: number;
  private readonly usersById = new Map<string, SandboxUser>();
  private readonly channelsById = new Map<string, SandboxChannel>();
  private readonly log = new Map<string, SandboxMessage[]>();
  private readonly reactionsByMessage = new Map<string, Map<string, string[]>>();
  private readonly editedAt = new Map<string, string>();
  private readonly ephemeralLog: SandboxEphemeral[] = [];
  private readonly views = new Map<string, ViewRecord>();
  private readonly stacks = new Map<string, string[]>();
  private readonly homes = new Map<string, string>();
  private readonly triggers = new Map<string, { user: string; expiresAt: number; used: boolean }>();
  private readonly responseUrls = new Map<string, ResponseUrlContext & { uses: number; expiresAt: number }>();
  private readonly callLog: SandboxCall[] = [];
  private readonly faults = new FaultBook();
  private readonly listeners = new Set<() => void>();
  private readonly buckets: TokenBuckets;
  private readonly nextTs = createTsSequence();
  private readonly nextImId = createIdSequence('D', (id) => this.channelsById.has(id));
  private readonly nextViewId = createIdSequence('V', (id) => this.views.has(id));
  private hashCounter = 0;

  constructor(seed: WorkspaceSeed, options: WorkspaceOptions = {}) {
    this.seed = resolveSeed(seed);
    this.now = options.now ?? systemClock.now;
    this.triggerTtlMs = options.triggerTtlMs ?? 3000;
    const rate = options.rate ?? { perChannelPerSecond: 1, burst: 3 };
    if (!(rate.perChannelPerSecond > 0) || !(rate.burst >= 1)) {
      throw new Error('SlackWorkspace: rate.perChannelPerSecond must be > 0 and rate.burst >= 1');
    }
    this.buckets = createTokenBuckets(rate);
    this.loadSeed();
  }

  private loadSeed(): void {
    const { bot, users, channels } = this.seed;
    this.usersById.set(bot.userId, {
      id: bot.userId,
      name: bot.name,
      realName: bot.name,
      tz: 'UTC',
      email: null,
      isBot: true,
      botId: bot.botId,
    });
    for (const u of users) {
      const isBot = u.isBot ?? false;
      const botId = isBot ? `B${u.id.slice(1)}` : null;
      const user = {
        id: u.id,
        name: u.name,
        realName: u.realName ?? u.name,
        tz: u.tz ?? 'UTC',
        isBot,
        botId,
      };
      this.usersById.set(u.id, { ...user, email: u.email ?? null });
    }
    const created = Math.floor(this.now().getTime() / 1000);
    for (const c of channels) {
      const members = new Set(c.members);
      if (c.botIsMember) members.add(bot.userId);
      const channel = { id: c.id, name: c.name, members, isPrivate: c.isPrivate, isIm: false, imUser: null };
      this.channelsById.set(c.id, { ...channel, created });
    }
  }

  // ---------------------------------------------------------------- identity

  /** A user's id, by name (with or without '@') or id. Throws, listing the known users, if unknown. */
  userId(name: string): string {
    const user = this.findUser(name);
    if (!user) {
      const known = [...this.usersById.values()].map((u) => u.name).join(', ');
      throw new Error(`Unknown sandbox user "${name}". Known users: ${known}`);
    }
    return user.id;
  }

  /** A channel's id from '#sig-node', 'sig-node' or an id (IM ids too). Throws, listing the channels, if unknown. */
  channelId(nameOrId: string): string {
    const channel = this.findChannel(nameOrId);
    if (!channel) {
      const known = [...this.channelsById.values()]
        .filter((c) => !c.isIm)
        .map((c) => `#${c.name}`)
        .join(', ');
      throw new Error(`Unknown sandbox channel "${nameOrId}". Known channels: ${known}`);
    }
    return channel.id;
  }

  /** The user with this id or name, or undefined. */
  findUser(ref: string): SandboxUser | undefined {
    const key = ref.replace(/^@/, '');
    const byId = this.usersById.get(key);
    if (byId) return byId;
    return [...this.usersById.values()].find((u) => u.name === key);
  }

  /** The channel with this id, '#name' or name, or undefined. */
  findChannel(ref: string): SandboxChannel | undefined {
    const byId = this.channelsById.get(ref);
    if (byId) return byId;
    const name = ref.replace(/^#/, '');
    return [...this.channelsById.values()].find((c) => !c.isIm && c.name === name);
  }

  /** Every user, the bot first, in seed order. */
  users(): SandboxUser[] {
    return [...this.usersById.values()];
  }

  /** Every channel and IM, in creation order. */
  channels(): SandboxChannel[] {
    return [...this.channelsById.values()];
  }

  /** The user group with this id or handle, or undefined. */
  usergroup(ref: string): { id: string; handle: string; users: string[] } | undefined {
    return this.seed.usergroups.find((g) => g.id === ref || g.handle === ref.replace(/^@/, ''));
  }

  /** The bot's IM with a user, created on first use (as conversations.open does). */
  openIm(userId: string): { channel: SandboxChannel; created: boolean } {
    const existing = this.imWith(userId);
    if (existing) return { channel: existing, created: false };
    const id = this.nextImId();
    const members = new Set([this.seed.bot.userId, userId]);
    const created = Math.floor(this.now().getTime() / 1000);
    const channel = { id, name: id, members, isPrivate: true, isIm: true, imUser: userId, created };
    this.channelsById.set(id, channel);
    this.changed();
    return { channel, created: true };
  }

  /** The bot's IM with a user if it has been opened. */
  imWith(userId: string): SandboxChannel | undefined {
    return [...this.channelsById.values()].find((c) => c.isIm && c.imUser === userId);
  }

  // ---------------------------------------------------------------- triggers and response URLs

  /** A single-use trigger_id for `userId`, valid for `triggerTtlMs` of `now()`. */
  mintTriggerId(userId: string): string {
    const user = this.userId(userId);
    const nowMs = this.now().getTime();
    const id = `${Math.floor(nowMs / 1000)}.${this.seed.team.id.slice(1)}.${randomBytes(12).toString('hex')}`;
    this.triggers.set(id, { user, expiresAt: nowMs + this.triggerTtlMs, used: false });
    return id;
  }

  /**
   * Spends a trigger_id. Returns its user, or the Slack error: `invalid_trigger_id` (never minted),
   * `exchanged_trigger_id` (already used, as Slack reports a reused trigger) or `expired_trigger_id`.
   */
  consumeTrigger(triggerId: string): { user: string } | { error: string } {
    const trigger = this.triggers.get(triggerId);
    if (!trigger) return { error: 'invalid_trigger_id' };
    if (trigger.used) return { error: 'exchanged_trigger_id' };
    trigger.used = true;
    if (this.now().getTime() > trigger.expiresAt) return { error: 'expired_trigger_id' };
    return { user: trigger.user };
  }

  /** A path like '/response/ab12…' that the Web API server serves as this interaction's response_url. */
  createResponseUrlPath(ctx: ResponseUrlContext): string {
    const id = randomBytes(12).toString('hex');
    const context = { channel: this.channelId(ctx.channel), user: this.userId(ctx.user) };
    const expiresAt = this.now().getTime() + responseUrlTtlMs;
    this.responseUrls.set(id, { ...context, messageTs: ctx.messageTs, uses: 0, expiresAt });
    return `/response/${id}`;
  }

  /** Spends one use of a response_url (Slack allows 5 in 30 minutes); the error is `expired_url` or `used_url`. */
  useResponseUrl(id: string): ResponseUrlContext | { error: string } {
    const entry = this.responseUrls.get(id);
    if (!entry || this.now().getTime() > entry.expiresAt) return { error: 'expired_url' };
    if (entry.uses >= responseUrlMaxUses) return { error: 'used_url' };
    entry.uses += 1;
    return { channel: entry.channel, user: entry.user, messageTs: entry.messageTs };
  }

  // ---------------------------------------------------------------- messages

  /** Records an ephemeral message (from chat.postEphemeral, a response_url, or the driver). */
  recordEphemeral(e: Omit<SandboxEphemeral, 'at'>): void {
    // a replacement keeps the replaced message's identity (its ts), as Slack edits it in place
    const replaced = e.replaceOriginal
      ? this.ephemeralLog.findLast((x) => x.user === e.user && x.channel === e.channel)
      : undefined;
    this.ephemeralLog.push({ ...e, at: replaced?.at ?? this.now().toISOString() });
    this.changed();
  }

  /** A human posting in a channel (or a thread of it). Returns the stored message. */
  recordMessage(m: { channel: string; user: string; text: string; threadTs?: string }): SandboxMessage {
    const user = this.findUser(this.userId(m.user))!;
    const channel = this.channelId(m.channel);
    const threadTs = m.threadTs ? this.threadRoot(channel, m.threadTs) : null;
    if (m.threadTs && threadTs === null) {
      throw new Error(`recordMessage: no message ${m.threadTs} in ${m.channel} to reply to`);
    }
    return this.appendMessage({
      channel,
      threadTs,
      user: user.id,
      botId: user.botId,
      text: m.text,
      blocks: null,
      metadata: null,
    });
  }

  /** A fresh message ts (for ephemerals, which Slack also gives a message_ts). */
  mintTs(): string {
    return this.nextTs(this.now());
  }

  /** Stores a new message with a fresh, increasing ts. Used by chat.postMessage and recordMessage. */
  appendMessage(m: Omit<SandboxMessage, 'ts' | 'edited'>): SandboxMessage {
    const message: SandboxMessage = { ...m, ts: this.nextTs(this.now()), edited: false };
    const list = this.log.get(m.channel) ?? [];
    list.push(message);
    this.log.set(m.channel, list);
    this.changed();
    return message;
  }

  /** The ts of the thread a message belongs to (its parent's, or its own); null if no such message. */
  threadRoot(channelId: string, ts: string): string | null {
    const message = this.findMessage(channelId, ts);
    if (!message) return null;
    return message.threadTs ?? message.ts;
  }

  /** The stored message (live object) with this ts, or undefined. */
  findMessage(channelId: string, ts: string): SandboxMessage | undefined {
    return this.log.get(channelId)?.find((m) => m.ts === ts);
  }

  /** Every message of a channel, replies included, oldest first (live objects: do not mutate). */
  allMessages(channelId: string): readonly SandboxMessage[] {
    return this.log.get(channelId) ?? [];
  }

  /** Replaces a message's text, blocks and/or metadata and marks it edited. */
  editMessage(
    channelId: string,
    ts: string,
    patch: { text?: string; blocks?: unknown[] | null; metadata?: SandboxMessage['metadata'] },
  ): SandboxMessage | undefined {
    const message = this.findMessage(channelId, ts);
    if (!message) return undefined;
    if (patch.text !== undefined) message.text = patch.text;
    if (patch.blocks !== undefined) message.blocks = patch.blocks;
    if (patch.metadata !== undefined) message.metadata = patch.metadata;
    message.edited = true;
    this.editedAt.set(`${channelId}:${ts}`, this.nextTs(this.now()));
    this.changed();
    return message;
  }

  /** The ts of a message's last edit, if it was edited. */
  editedTs(channelId: string, ts: string): string | undefined {
    return this.editedAt.get(`${channelId}:${ts}`);
  }

  /** Removes a message (delete_original on a response_url). */
  deleteMessage(channelId: string, ts: string): boolean {
    const list = this.log.get(channelId);
    const index = list?.findIndex((m) => m.ts === ts) ?? -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    this.changed();
    return true;
  }

  /** Adds a reaction; false if this user already reacted with this name. */
  addReaction(channelId: string, ts: string, name: string, userId: string): boolean {
    const key = `${channelId}:${ts}`;
    const byName = this.reactionsByMessage.get(key) ?? new Map<string, string[]>();
    const users = byName.get(name) ?? [];
    if (users.includes(userId)) return false;
    byName.set(name, [...users, userId]);
    this.reactionsByMessage.set(key, byName);
    this.changed();
    return true;
  }

  /** A message's reactions as Slack lists them. */
  reactions(channel: string, ts: string): Array<{ name: string; users: string[]; count: number }> {
    const byName = this.reactionsByMessage.get(`${this.channelId(channel)}:${ts}`);
    return [...(byName?.entries() ?? [])].map(([name, users]) => ({ name, users, count: users.length }));
  }

  // ---------------------------------------------------------------- views

  /** Opens a modal as the root of a new stack. */
  openModal(user: string, view: Record<string, unknown>): SandboxView {
    const id = this.nextViewId();
    this.views.set(id, {
      id,
      user,
      type: 'modal',
      view,
      hash: this.nextHash(),
      rootId: id,
      previousId: null,
      closed: false,
    });
    this.stacks.set(id, [id]);
    this.changed();
    return this.view(id)!;
  }

  /** Pushes a modal onto the stack `belowId` belongs to; fails with `push_limit_reached` past 3. */
  pushModal(belowId: string, view: Record<string, unknown>): SandboxView | { error: string } {
    const below = this.views.get(belowId);
    if (!below || below.closed || below.type !== 'modal') return { error: 'not_found' };
    const stack = this.stacks.get(below.rootId) ?? [];
    if (stack.length >= maxStackDepth) return { error: 'push_limit_reached' };
    const id = this.nextViewId();
    const previousId = stack.at(-1) ?? null;
    const record: ViewRecord = {
      id,
      user: below.user,
      type: 'modal',
      view,
      hash: this.nextHash(),
      rootId: below.rootId,
      previousId,
      closed: false,
    };
    this.views.set(id, record);
    stack.push(id);
    this.changed();
    return this.view(id)!;
  }

  /** The top open modal of a user's most recent stack (where a trigger from inside a modal pushes). */
  topModal(user: string): SandboxView | undefined {
    return this.openViews(user).at(-1);
  }

  /** Replaces a view's content (views.update, views.publish, response_action update); new hash. */
  replaceView(id: string, view: Record<string, unknown>): SandboxView | undefined {
    const record = this.views.get(id);
    if (!record) return undefined;
    record.view = view;
    record.hash = this.nextHash();
    delete record.errors;
    delete record.problem;
    this.changed();
    return this.view(id);
  }

  /** The open view (modal or Home) with this `external_id`. */
  viewByExternalId(externalId: string): SandboxView | undefined {
    const record = [...this.views.values()].find((v) => !v.closed && v.view.external_id === externalId);
    return record ? this.view(record.id) : undefined;
  }

  /** Stores a user's Home tab (views.publish), keeping its id across publishes. */
  publishHome(user: string, view: Record<string, unknown>): SandboxView {
    const existing = this.homes.get(user);
    if (existing) return this.replaceView(existing, view)!;
    const id = this.nextViewId();
    this.views.set(id, {
      id,
      user,
      type: 'home',
      view,
      hash: this.nextHash(),
      rootId: id,
      previousId: null,
      closed: false,
    });
    this.homes.set(user, id);
    this.changed();
    return this.view(id)!;
  }

  /** Closes a modal and everything pushed above it (the user pressed Cancel / ×, or an empty ack). */
  closeView(viewId: string): void {
    const record = this.views.get(viewId);
    if (!record || record.closed) return;
    const stack = this.stacks.get(record.rootId) ?? [viewId];
    const index = stack.indexOf(viewId);
    for (const id of stack.splice(Math.max(0, index))) {
      const v = this.views.get(id);
      if (v) v.closed = true;
    }
    this.changed();
  }

  /**
   * Applies a view_submission ack: no body closes the submitted view (revealing the one below),
   * `update` replaces it, `push` stacks a new one, `clear` closes the whole stack and `errors` shows
   * field errors. Anything Slack would refuse is kept in the view's `problem` and changes nothing else.
   */
  applyViewResponse(viewId: string, response: unknown): void {
    const record = this.views.get(viewId);
    if (!record) throw new Error(`applyViewResponse: no view ${viewId} in the sandbox workspace`);
    const problem = this.viewResponseEffect(record, response);
    if (problem !== null) {
      record.problem = problem;
      this.changed();
    }
  }

  private viewResponseEffect(record: ViewRecord, response: unknown): string | null {
    if (response === undefined || response === null || response === '') {
      this.closeView(record.id);
      return null;
    }
    if (typeof response !== 'object' || Array.isArray(response)) {
      return `the ack body must be empty or an object with response_action, got ${JSON.stringify(response)}`;
    }
    const r = response as { response_action?: unknown; view?: unknown; errors?: unknown };
    switch (r.response_action) {
      case undefined:
        if (Object.keys(r).length === 0) this.closeView(record.id);
        return Object.keys(r).length === 0
          ? null
          : 'the ack body has no response_action (update, push, clear, errors)';
      case 'clear':
        this.closeView(record.rootId);
        return null;
      case 'errors':
        return this.applyErrors(record, r.errors);
      case 'update':
      case 'push':
        return this.applyViewChange(record, r.response_action, r.view);
      default:
        return `response_action "${String(r.response_action)}" is not one of update, push, clear, errors`;
    }
  }

  private applyErrors(record: ViewRecord, errors: unknown): string | null {
    const entries = typeof errors === 'object' && errors !== null ? Object.entries(errors) : [];
    if (entries.length === 0 || entries.some(([, v]) => typeof v !== 'string')) {
      return 'response_action errors needs errors: { block_id: "message", … }';
    }
    record.errors = Object.fromEntries(entries) as Record<string, string>;
    delete record.problem;
    this.changed();
    return null;
  }

  private applyViewChange(record: ViewRecord, action: 'update' | 'push', view: unknown): string | null {
    const problems = viewProblems(view, 'modal');
    if (problems.length > 0) return `response_action ${action}: ${problems.join('; ')}`;
    const content = view as Record<string, unknown>;
    if (action === 'update') {
      this.replaceView(record.id, content);
      return null;
    }
    const pushed = this.pushModal(record.id, content);
    return 'error' in pushed ? `response_action push: ${pushed.error}` : null;
  }

  private nextHash(): string {
    this.hashCounter += 1;
    return `${Math.floor(this.now().getTime() / 1000)}.${this.hashCounter.toString(16).padStart(8, '0')}`;
  }

  // ---------------------------------------------------------------- reading what happened

  /** Top-level messages of a channel (by name or id), oldest first. */
  messages(channel: string): SandboxMessage[] {
    return this.allMessages(this.channelId(channel))
      .filter((m) => m.threadTs === null)
      .map((m) => ({ ...m }));
  }

  /** The replies in a thread (the parent itself not included), oldest first. */
  replies(channel: string, threadTs: string): SandboxMessage[] {
    return this.allMessages(this.channelId(channel))
      .filter((m) => m.threadTs === threadTs)
      .map((m) => ({ ...m }));
  }

  /** Every ephemeral, or those one user (name or id) saw, in order. */
  ephemerals(user?: string): SandboxEphemeral[] {
    const id = user === undefined ? undefined : this.userId(user);
    return this.ephemeralLog.filter((e) => id === undefined || e.user === id).map((e) => ({ ...e }));
  }

  /** Top-level messages in the bot↔user IM ([] if it was never opened). */
  dms(user: string): SandboxMessage[] {
    const im = this.imWith(this.userId(user));
    return im ? this.messages(im.id) : [];
  }

  /** A user's open modals, root first (the last one is on top). */
  openViews(user: string): SandboxView[] {
    const id = this.userId(user);
    return [...this.views.values()]
      .filter((v) => v.user === id && v.type === 'modal' && !v.closed)
      .map((v) => this.view(v.id)!);
  }

  /** A view (open or closed) by id. */
  view(id: string): SandboxView | undefined {
    const v = this.views.get(id);
    if (!v) return undefined;
    const stack = v.type === 'home' ? [] : [...(this.stacks.get(v.rootId) ?? [])];
    const view: SandboxView = {
      id: v.id,
      user: v.user,
      type: v.type,
      view: v.view,
      hash: v.hash,
      stack,
      closed: v.closed,
    };
    if (v.errors) view.errors = { ...v.errors };
    if (v.problem) view.problem = v.problem;
    return view;
  }

  /** Where a view sits: its stack's root and the view below it. */
  viewLinks(id: string): { rootId: string; previousId: string | null } | undefined {
    const v = this.views.get(id);
    return v ? { rootId: v.rootId, previousId: v.previousId } : undefined;
  }

  /** A user's Home tab, if the app published one. */
  home(user: string): SandboxView | undefined {
    const id = this.homes.get(this.userId(user));
    return id ? this.view(id) : undefined;
  }

  /** Every Web API call so far (or one method's), failed ones included. */
  calls(method?: string): SandboxCall[] {
    return this.callLog.filter((c) => method === undefined || c.method === method).map((c) => ({ ...c }));
  }

  /** Records one Web API call (the emulator calls this for every request). */
  recordCall(call: Omit<SandboxCall, 'at'>): void {
    const { token: _token, ...args } = call.args;
    this.callLog.push({ ...call, args, at: this.now().toISOString() });
    this.changed();
  }

  // ---------------------------------------------------------------- faults and pacing

  /** Makes the next `times` (default 1) calls of `method` fail (or be slow) as described. */
  failNext(method: string, failure: SandboxFailure): void {
    const channel = failure.channel === undefined ? {} : { channel: this.channelId(failure.channel) };
    this.faults.add(method, { ...failure, ...channel });
  }

  /** The fault to apply to this call of `method`, if one matches (spends one of its `times`). */
  takeFault(method: string, args: { channel?: unknown } = {}): SandboxFailure | undefined {
    const named = typeof args.channel === 'string' ? args.channel : undefined;
    return this.faults.take(method, named === undefined ? undefined : (this.findChannel(named)?.id ?? named));
  }

  /** Drops the faults still queued for `method`, or for every method. */
  clearFaults(method?: string): void {
    this.faults.clear(method);
  }

  /**
   * Revokes the bot token: every call made with it answers `error` (default `token_revoked`), as
   * Slack does once an app is uninstalled or its token revoked. `restoreToken` undoes it.
   */
  revokeToken(error = 'token_revoked'): void {
    this.faults.setRevoked(error);
  }

  restoreToken(): void {
    this.faults.setRevoked(null);
  }

  /** Scopes the app was installed without (e.g. the `*:history` scopes): calls needing them answer `missing_scope`. */
  readonly withheldScopes = new Set<string>();

  /** Installs the app without `scopes`, as the manifest variant without history scopes does. */
  withholdScopes(scopes: readonly string[]): void {
    for (const scope of scopes) this.withheldScopes.add(scope);
  }

  /** The error every bot-token call answers while the token is revoked, else null. */
  get tokenRevokedWith(): string | null {
    return this.faults.revokedWith;
  }

  /** Spends one per-channel rate token for a chat.postMessage / chat.update. */
  takeRateToken(channelId: string): TakeResult {
    return this.buckets.take(channelId, this.now().getTime());
  }

  // ---------------------------------------------------------------- change notification

  /** Calls `listener` after every mutation; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A failing listener must not break the workspace or the other listeners.
      }
    }
  }

  /**
   * Resolves with the probe's value as soon as it is truthy, re-checking after every mutation and
   * every 20 ms. Rejects after `timeoutMs` with a message naming what was awaited (`what`, or the
   * probe's source) and the probe's last error, if it threw.
   */
  waitFor<T>(probe: () => T | undefined | false | null, timeoutMs = 5000, what?: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let lastError: unknown;
      let settled = false;
      const check = (): void => {
        if (settled) return;
        try {
          const value = probe();
          if (value) finish(() => resolve(value as T));
        } catch (error) {
          lastError = error;
        }
      };
      const unsubscribe = this.onChange(check);
      const interval = setInterval(check, 20);
      const timer = setTimeout(() => finish(() => reject(new Error(timeoutMessage()))), timeoutMs);
      const finish = (settle: () => void): void => {
        settled = true;
        unsubscribe();
        clearInterval(interval);
        clearTimeout(timer);
        settle();
      };
      const timeoutMessage = (): string => {
        const target = what ?? probe.toString().replace(/\s+/g, ' ').slice(0, 200);
        const cause = lastError instanceof Error ? ` (the probe last threw: ${lastError.message})` : '';
        return `waitFor timed out after ${timeoutMs} ms waiting for: ${target}${cause}`;
      };
      check();
    });
  }
}
