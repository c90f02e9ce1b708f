import { createTsSequence } from '../slack-ids.ts';
import type { SandboxEphemeral, SandboxMessage } from '../workspace-types.ts';
import type { WorkspaceCore } from './change-feed.ts';
import type { Directory } from './directory.ts';

/** What `editMessage` may replace. */
export interface MessagePatch {
  text?: string;
  blocks?: unknown[] | null;
  metadata?: SandboxMessage['metadata'];
}

/** What was said: messages, threads, edits, reactions and ephemerals, by channel. */
export class MessageLog {
  private readonly log = new Map<string, SandboxMessage[]>();
  private readonly reactionsByMessage = new Map<string, Map<string, string[]>>();
  private readonly editedAt = new Map<string, string>();
  private readonly ephemeralLog: SandboxEphemeral[] = [];
  private readonly nextTs = createTsSequence();
  private readonly core: WorkspaceCore;
  private readonly directory: Directory;

  constructor(core: WorkspaceCore, directory: Directory) {
    this.core = core;
    this.directory = directory;
  }

  /** Records an ephemeral message (from chat.postEphemeral, a response_url, or the driver). */
  recordEphemeral(e: Omit<SandboxEphemeral, 'at'>): void {
    // a replacement keeps the replaced message's identity (its ts), as Slack edits it in place
    const replaced = e.replaceOriginal
      ? this.ephemeralLog.findLast((x) => x.user === e.user && x.channel === e.channel)
      : undefined;
    this.ephemeralLog.push({ ...e, at: replaced?.at ?? this.core.now().toISOString() });
    this.core.feed.changed();
  }

  /** A human posting in a channel (or a thread of it). Returns the stored message. */
  recordMessage(m: { channel: string; user: string; text: string; threadTs?: string }): SandboxMessage {
    const user = this.directory.findUser(this.directory.userId(m.user))!;
    const channel = this.directory.channelId(m.channel);
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
    return this.nextTs(this.core.now());
  }

  /** Stores a new message with a fresh, increasing ts. Used by chat.postMessage and recordMessage. */
  appendMessage(m: Omit<SandboxMessage, 'ts' | 'edited'>): SandboxMessage {
    const message: SandboxMessage = { ...m, ts: this.nextTs(this.core.now()), edited: false };
    const list = this.log.get(m.channel) ?? [];
    list.push(message);
    this.log.set(m.channel, list);
    this.core.feed.changed();
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
  editMessage(channelId: string, ts: string, patch: MessagePatch): SandboxMessage | undefined {
    const message = this.findMessage(channelId, ts);
    if (!message) return undefined;
    if (patch.text !== undefined) message.text = patch.text;
    if (patch.blocks !== undefined) message.blocks = patch.blocks;
    if (patch.metadata !== undefined) message.metadata = patch.metadata;
    message.edited = true;
    this.editedAt.set(`${channelId}:${ts}`, this.nextTs(this.core.now()));
    this.core.feed.changed();
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
    this.core.feed.changed();
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
    this.core.feed.changed();
    return true;
  }

  /** A message's reactions as Slack lists them. */
  reactions(channel: string, ts: string): Array<{ name: string; users: string[]; count: number }> {
    const byName = this.reactionsByMessage.get(`${this.directory.channelId(channel)}:${ts}`);
    return [...(byName?.entries() ?? [])].map(([name, users]) => ({ name, users, count: users.length }));
  }

  /** Top-level messages of a channel (by name or id), oldest first. */
  messages(channel: string): SandboxMessage[] {
    return this.allMessages(this.directory.channelId(channel))
      .filter((m) => m.threadTs === null)
      .map((m) => ({ ...m }));
  }

  /** The replies in a thread (the parent itself not included), oldest first. */
  replies(channel: string, threadTs: string): SandboxMessage[] {
    return this.allMessages(this.directory.channelId(channel))
      .filter((m) => m.threadTs === threadTs)
      .map((m) => ({ ...m }));
  }

  /** Every ephemeral, or those one user (name or id) saw, in order. */
  ephemerals(user?: string): SandboxEphemeral[] {
    const id = user === undefined ? undefined : this.directory.userId(user);
    return this.ephemeralLog.filter((e) => id === undefined || e.user === id).map((e) => ({ ...e }));
  }

  /** Top-level messages in the bot↔user IM ([] if it was never opened). */
  dms(user: string): SandboxMessage[] {
    const im = this.directory.imWith(this.directory.userId(user));
    return im ? this.messages(im.id) : [];
  }
}
