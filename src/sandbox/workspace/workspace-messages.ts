/** The workspace's face of its message log: messages, threads, reactions, ephemerals and DMs. */
import type { SandboxEphemeral, SandboxMessage } from '../workspace-types.ts';
import type { MessagePatch } from './message-log.ts';
import { WorkspaceParts } from './workspace-parts.ts';

export class WorkspaceMessages extends WorkspaceParts {
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
}
