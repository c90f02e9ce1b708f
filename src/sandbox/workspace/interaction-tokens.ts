import { randomBytes } from 'node:crypto';
import type { ResponseUrlContext } from '../workspace-types.ts';
import type { WorkspaceCore } from './change-feed.ts';
import type { Directory } from './directory.ts';

const responseUrlTtlMs = 30 * 60 * 1000;
const responseUrlMaxUses = 5;

/** The short-lived handles Slack gives an interaction: trigger_ids and response_urls. */
export class InteractionTokens {
  private readonly triggers = new Map<string, { user: string; expiresAt: number; used: boolean }>();
  private readonly responseUrls = new Map<string, ResponseUrlContext & { uses: number; expiresAt: number }>();
  private readonly core: WorkspaceCore;
  private readonly directory: Directory;
  private readonly triggerTtlMs: number;

  constructor(core: WorkspaceCore, directory: Directory, triggerTtlMs: number) {
    this.core = core;
    this.directory = directory;
    this.triggerTtlMs = triggerTtlMs;
  }

  /** A single-use trigger_id for `userId`, valid for `triggerTtlMs` of `now()`. */
  mintTriggerId(userId: string): string {
    const user = this.directory.userId(userId);
    const nowMs = this.core.now().getTime();
    const id = `${Math.floor(nowMs / 1000)}.${this.core.seed.team.id.slice(1)}.${randomBytes(12).toString('hex')}`;
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
    if (this.core.now().getTime() > trigger.expiresAt) return { error: 'expired_trigger_id' };
    return { user: trigger.user };
  }

  /** A path like '/response/ab12…' that the Web API server serves as this interaction's response_url. */
  createResponseUrlPath(ctx: ResponseUrlContext): string {
    const id = randomBytes(12).toString('hex');
    const context = { channel: this.directory.channelId(ctx.channel), user: this.directory.userId(ctx.user) };
    const expiresAt = this.core.now().getTime() + responseUrlTtlMs;
    this.responseUrls.set(id, { ...context, messageTs: ctx.messageTs, uses: 0, expiresAt });
    return `/response/${id}`;
  }

  /** Spends one use of a response_url (Slack allows 5 in 30 minutes); the error is `expired_url` or `used_url`. */
  useResponseUrl(id: string): ResponseUrlContext | { error: string } {
    const entry = this.responseUrls.get(id);
    if (!entry || this.core.now().getTime() > entry.expiresAt) return { error: 'expired_url' };
    if (entry.uses >= responseUrlMaxUses) return { error: 'used_url' };
    entry.uses += 1;
    return { channel: entry.channel, user: entry.user, messageTs: entry.messageTs };
  }
}
