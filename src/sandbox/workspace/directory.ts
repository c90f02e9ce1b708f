import { createIdSequence } from '../slack-ids.ts';
import type { SandboxChannel, SandboxUser } from '../workspace-types.ts';
import type { WorkspaceCore } from './change-feed.ts';

/** Who and where: the users, the channels and the bot's IMs, looked up by name or id. */
export class Directory {
  private readonly usersById = new Map<string, SandboxUser>();
  private readonly channelsById = new Map<string, SandboxChannel>();
  private readonly nextImId = createIdSequence('D', (id) => this.channelsById.has(id));
  private readonly core: WorkspaceCore;

  constructor(core: WorkspaceCore) {
    this.core = core;
    this.loadUsers();
    this.loadChannels();
  }

  private loadUsers(): void {
    const { bot, users } = this.core.seed;
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
  }

  private loadChannels(): void {
    const { bot, channels } = this.core.seed;
    const created = Math.floor(this.core.now().getTime() / 1000);
    for (const c of channels) {
      const members = new Set(c.members);
      if (c.botIsMember) members.add(bot.userId);
      const channel = { id: c.id, name: c.name, members, isPrivate: c.isPrivate, isIm: false, imUser: null };
      this.channelsById.set(c.id, { ...channel, created });
    }
  }

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
    return this.core.seed.usergroups.find((g) => g.id === ref || g.handle === ref.replace(/^@/, ''));
  }

  /** The bot's IM with a user, created on first use (as conversations.open does). */
  openIm(userId: string): { channel: SandboxChannel; created: boolean } {
    const existing = this.imWith(userId);
    if (existing) return { channel: existing, created: false };
    const id = this.nextImId();
    const members = new Set([this.core.seed.bot.userId, userId]);
    const created = Math.floor(this.core.now().getTime() / 1000);
    const channel = { id, name: id, members, isPrivate: true, isIm: true, imUser: userId, created };
    this.channelsById.set(id, channel);
    this.core.feed.changed();
    return { channel, created: true };
  }

  /** The bot's IM with a user if it has been opened. */
  imWith(userId: string): SandboxChannel | undefined {
    return [...this.channelsById.values()].find((c) => c.isIm && c.imUser === userId);
  }
}
