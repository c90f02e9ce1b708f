import type { SlackWorkspace } from '../workspace.ts';

/** What came back from the app for one simulated request. */
export interface DriverResult {
  /** HTTP status (HTTP mode); 200 when the envelope was acked, 504 when it never was (Socket Mode). */
  status: number;
  /** Parsed JSON body / text (HTTP) or the ack payload (Socket Mode); null when empty. */
  body: unknown;
  /** The trigger_id minted for this request, when it carried one. */
  triggerId?: string;
  /** Retries sent before the answer: the X-Slack-Retry-Num (HTTP events) or redeliveries (Socket Mode). */
  retriesSent?: number;
}

/** What a click targets: a message button (channel + messageTs), an ephemeral's button (channel only) or a view's. */
export interface ClickTarget {
  channel?: string;
  messageTs?: string;
  viewId?: string;
  actionId: string;
  value?: string;
  blockId?: string;
  selectedOption?: { text: string; value: string };
}

/** Acts as a person in the workspace: each call sends the app exactly the payload Slack would. */
export interface SlackDriver {
  /** A slash command (`/kep-status`) typed by `user` in `channel` (names or ids). */
  command(user: string, channel: string, command: string, text?: string): Promise<DriverResult>;
  /** A `block_actions` click on a message, an ephemeral message or a view. */
  click(user: string, target: ClickTarget): Promise<DriverResult>;
  /** A `view_submission`; `values` has the `view.state.values` shape (scalars are accepted and converted). */
  submitView(
    user: string,
    viewId: string,
    values: Record<string, Record<string, unknown>>,
  ): Promise<DriverResult>;
  /** Closes the view stack; a `view_closed` is sent only when the view asked for `notify_on_close` (else status 0). */
  closeView(user: string, viewId: string): Promise<DriverResult>;
  /** A message shortcut (`message_action`) on a stored message. */
  messageShortcut(
    user: string,
    channel: string,
    messageTs: string,
    callbackId: string,
  ): Promise<DriverResult>;
  /** A `block_suggestion` for an external_select in a view; the body is the app's options. */
  options(user: string, viewId: string, actionId: string, value: string): Promise<DriverResult>;
  /**
   * An Events API `event_callback` wrapping `event` (e.g. `{ type: 'app_home_opened', user, tab: 'home' }`).
   * `retryNum` sets X-Slack-Retry-Num (HTTP); in Socket Mode the hub numbers its own redeliveries instead.
   */
  event(
    event: Record<string, unknown>,
    options?: { eventId?: string; retryNum?: number },
  ): Promise<DriverResult>;
  /** HTTP mode only: sends exactly these bytes and headers (bad signatures, replays). */
  raw(body: string, headers: Record<string, string>): Promise<DriverResult>;
}

/** Options for {@link createHttpDriver}. */
export interface HttpDriverOptions {
  /** Where the app receives Slack requests, e.g. `http://127.0.0.1:PORT/slack/events`. */
  appUrl: string;
  /** Defaults to the workspace's signing secret. */
  signingSecret?: string;
  /** Origin of the web API server, prefixed to response_url paths (`http://127.0.0.1:PORT`). */
  responseOrigin: string;
  /** Clock for payload timestamps (action_ts, event_time); defaults to the workspace clock. */
  now?: () => Date;
  /**
   * Give up on the app's answer after this many ms of real time, as Slack does after 3 s: the
   * request then counts as `operation_timeout` (HTTP 504), and a late answer is never shown.
   * Default: wait for the answer however long it takes.
   */
  ackTimeoutMs?: number;
}

/** Options for {@link createSocketDriver}. */
export interface SocketDriverOptions {
  responseOrigin: string;
  now?: () => Date;
}

/** How the payloads reach the app: signed HTTP requests or Socket Mode envelopes. */
export type RequestKind = 'command' | 'interactive' | 'event';

export interface Transport {
  send(kind: RequestKind, payload: Record<string, unknown>, retryNum?: number): Promise<DriverResult>;
  raw(body: string, headers: Record<string, string>): Promise<DriverResult>;
}

/** What each payload builder needs: the workspace, the way to the app and the clock. */
export interface DriverContext {
  ws: SlackWorkspace;
  transport: Transport;
  responseOrigin: string;
  now: () => Date;
}
