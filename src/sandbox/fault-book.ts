import type { SandboxFailure } from './workspace-types.ts';

type Pending = SandboxFailure & { remaining: number };

/**
 * The faults queued for the emulator's Web API, by method: each applies to the next matching
 * calls (`times` of them, default 1; `Infinity` until cleared), optionally only to calls naming
 * one channel. Also whether the bot token is revoked, as Slack answers every call made with a
 * token that was revoked or uninstalled.
 */
export class FaultBook {
  private readonly faults = new Map<string, Pending[]>();
  private revoked: string | null = null;

  add(method: string, failure: SandboxFailure): void {
    const list = this.faults.get(method) ?? [];
    list.push({ ...failure, remaining: Math.max(1, failure.times ?? 1) });
    this.faults.set(method, list);
  }

  /** The fault for this call of `method`, if one matches (spends one of its `times`). */
  take(method: string, channel: string | undefined): SandboxFailure | undefined {
    const list = this.faults.get(method) ?? [];
    const index = list.findIndex((f) => f.channel === undefined || f.channel === channel);
    const found = list[index];
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) list.splice(index, 1);
    const { remaining: _remaining, ...failure } = found;
    return failure;
  }

  /** Drops the queued faults of `method`, or of every method. */
  clear(method?: string): void {
    if (method === undefined) this.faults.clear();
    else this.faults.delete(method);
  }

  /** From now on every call with the bot token answers `error` (e.g. `token_revoked`); null restores it. */
  setRevoked(error: string | null): void {
    this.revoked = error;
  }

  get revokedWith(): string | null {
    return this.revoked;
  }
}
