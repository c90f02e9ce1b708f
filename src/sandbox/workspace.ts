/**
 * The local Slack workspace: users, channels, messages, ephemerals, views and every Web API call,
 * held in memory. The loopback Web API emulator (`web-api-server.ts`) and the driver mutate it; tests
 * and the demo read it. Time comes from the injected `now()`, so rate limits and trigger expiry
 * follow a fake clock in tests.
 */
import type { TakeResult } from './token-bucket.ts';
import { applyViewResponse } from './workspace/view-response.ts';
import { WorkspaceMessages } from './workspace/workspace-messages.ts';
import type { SandboxCall, SandboxFailure, SandboxView } from './workspace-types.ts';

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
 * faults and rate limits, and the change feed. It is built in layers: `WorkspaceParts` (the parts,
 * identity, triggers and response URLs), `WorkspaceMessages` (messages, threads and reactions), and
 * here the views, the Web API calls and the change notification.
 */
export class SlackWorkspace extends WorkspaceMessages {
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
