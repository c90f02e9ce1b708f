import { FaultBook } from '../fault-book.ts';
import { createTokenBuckets, type TakeResult, type TokenBuckets } from '../token-bucket.ts';
import type { SandboxCall, SandboxFailure, WorkspaceOptions } from '../workspace-types.ts';
import type { WorkspaceCore } from './change-feed.ts';
import type { Directory } from './directory.ts';

/** The Web API as the app meets it: the log of calls, injected faults, withheld scopes and rate limits. */
export class ApiCalls {
  private readonly callLog: SandboxCall[] = [];
  private readonly faults = new FaultBook();
  private readonly buckets: TokenBuckets;
  private readonly core: WorkspaceCore;
  private readonly directory: Directory;

  constructor(core: WorkspaceCore, directory: Directory, rate: NonNullable<WorkspaceOptions['rate']>) {
    this.core = core;
    this.directory = directory;
    if (!(rate.perChannelPerSecond > 0) || !(rate.burst >= 1)) {
      throw new Error('SlackWorkspace: rate.perChannelPerSecond must be > 0 and rate.burst >= 1');
    }
    this.buckets = createTokenBuckets(rate);
  }

  /** Every Web API call so far (or one method's), failed ones included. */
  calls(method?: string): SandboxCall[] {
    return this.callLog.filter((c) => method === undefined || c.method === method).map((c) => ({ ...c }));
  }

  /** Records one Web API call (the emulator calls this for every request). */
  recordCall(call: Omit<SandboxCall, 'at'>): void {
    const { token: _token, ...args } = call.args;
    this.callLog.push({ ...call, args, at: this.core.now().toISOString() });
    this.core.feed.changed();
  }

  // ---------------------------------------------------------------- faults and pacing

  /** Makes the next `times` (default 1) calls of `method` fail (or be slow) as described. */
  failNext(method: string, failure: SandboxFailure): void {
    const channel =
      failure.channel === undefined ? {} : { channel: this.directory.channelId(failure.channel) };
    this.faults.add(method, { ...failure, ...channel });
  }

  /** The fault to apply to this call of `method`, if one matches (spends one of its `times`). */
  takeFault(method: string, args: { channel?: unknown } = {}): SandboxFailure | undefined {
    const named = typeof args.channel === 'string' ? args.channel : undefined;
    return this.faults.take(
      method,
      named === undefined ? undefined : (this.directory.findChannel(named)?.id ?? named),
    );
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
    return this.buckets.take(channelId, this.core.now().getTime());
  }
}
