import { createHmac, randomBytes } from 'node:crypto';
import { formatTs } from './slack-ids.ts';
import type { DeliveryResult, EnvelopeType, SocketModeHub } from './socket-mode-hub.ts';
import { toWireMessage } from './wire-shapes.ts';
import type { SandboxMessage, SandboxView, SlackWorkspace } from './workspace.ts';

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

type RequestKind = 'command' | 'interactive' | 'event';

interface Transport {
  send(kind: RequestKind, payload: Record<string, unknown>, retryNum?: number): Promise<DriverResult>;
  raw(body: string, headers: Record<string, string>): Promise<DriverResult>;
}

interface Context {
  ws: SlackWorkspace;
  transport: Transport;
  responseOrigin: string;
  now: () => Date;
}

type Json = Record<string, unknown>;

/** A driver that POSTs signed requests to a Bolt HTTP receiver. */
export function createHttpDriver(ws: SlackWorkspace, options: HttpDriverOptions): SlackDriver {
  const secret = options.signingSecret ?? ws.seed.signingSecret;
  const deadline = options.ackTimeoutMs;
  const transport: Transport = {
    send: (kind, payload, retryNum) =>
      postSigned(options.appUrl, secret, encodeRequest(kind, payload), retryNum, deadline),
    raw: (body, headers) => postRaw(options.appUrl, body, headers, deadline),
  };
  return createDriver({ ws, transport, responseOrigin: options.responseOrigin, now: options.now ?? ws.now });
}

/** A driver that delivers the same payloads as Socket Mode envelopes through the hub. */
export function createSocketDriver(
  ws: SlackWorkspace,
  hub: SocketModeHub,
  options: SocketDriverOptions,
): SlackDriver {
  const envelopeTypes: Record<RequestKind, EnvelopeType> = {
    command: 'slash_commands',
    interactive: 'interactive',
    event: 'events_api',
  };
  const transport: Transport = {
    send: (kind, payload) => hub.deliver(envelopeTypes[kind], payload).then(fromDelivery, fromUndelivered),
    raw: () =>
      Promise.reject(
        new Error('raw() sends HTTP bytes and works with createHttpDriver only, not in Socket Mode.'),
      ),
  };
  return createDriver({ ws, transport, responseOrigin: options.responseOrigin, now: options.now ?? ws.now });
}

function fromDelivery(delivery: DeliveryResult): DriverResult {
  return { status: 200, body: delivery.ackPayload, retriesSent: delivery.attempts - 1 };
}

function fromUndelivered(error: unknown): DriverResult {
  const message = error instanceof Error ? error.message : String(error);
  return { status: 504, body: { error: 'operation_timeout', message } };
}

function createDriver(ctx: Context): SlackDriver {
  return {
    command: (user, channel, command, text) => sendCommand(ctx, user, channel, command, text ?? ''),
    click: (user, target) => sendClick(ctx, user, target),
    submitView: (user, viewId, values) => sendViewSubmission(ctx, user, viewId, values),
    closeView: (user, viewId) => sendViewClosed(ctx, user, viewId),
    messageShortcut: (user, channel, ts, callbackId) =>
      sendMessageShortcut(ctx, user, channel, ts, callbackId),
    options: (user, viewId, actionId, value) => sendBlockSuggestion(ctx, user, viewId, actionId, value),
    event: (event, options) => sendEvent(ctx, event, options ?? {}),
    raw: (body, headers) => ctx.transport.raw(body, headers),
  };
}

// ---------------------------------------------------------------- slash commands

async function sendCommand(ctx: Context, user: string, channel: string, command: string, text: string) {
  if (!/^\/[a-z0-9_-]+$/i.test(command)) {
    throw new Error(`Slash command "${command}" must be a slash and a name, e.g. "/kep-status".`);
  }
  const { ws } = ctx;
  const userId = ws.userId(user);
  const channelId = ws.channelId(channel);
  const triggerId = ws.mintTriggerId(userId);
  const responseUrl = ctx.responseOrigin + ws.createResponseUrlPath({ channel: channelId, user: userId });
  const payload = {
    token: VERIFICATION_TOKEN,
    team_id: ws.seed.team.id,
    team_domain: ws.seed.team.domain,
    channel_id: channelId,
    channel_name: channelName(ws, channelId),
    user_id: userId,
    user_name: userName(ws, userId),
    command,
    text,
    api_app_id: ws.seed.bot.appId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: triggerId,
  };
  const result = await ctx.transport.send('command', payload);
  await recordCommandOutcome(ctx, { channel: channelId, user: userId, command, responseUrl }, result);
  return { ...result, triggerId };
}

interface CommandContext {
  channel: string;
  user: string;
  command: string;
  responseUrl: string;
}

/** Shows the synchronous answer to a slash command the way Slack does: ephemeral, in-channel, or an error. */
async function recordCommandOutcome(
  ctx: Context,
  command: CommandContext,
  result: DriverResult,
): Promise<void> {
  if (result.status !== 200) {
    const error = result.status === 504 ? 'operation_timeout' : 'dispatch_failed';
    const text = `${command.command} failed with the error "${error}"`;
    ctx.ws.recordEphemeral({
      channel: command.channel,
      user: command.user,
      text,
      blocks: null,
      viaResponseUrl: false,
    });
    return;
  }
  const body = result.body;
  if (isEmpty(body)) return;
  if (typeof body === 'string') {
    ctx.ws.recordEphemeral({
      channel: command.channel,
      user: command.user,
      text: body,
      blocks: null,
      viaResponseUrl: false,
    });
    return;
  }
  const message = body as Json;
  if (message.response_type === 'in_channel') {
    // Slack posts an in-channel answer as a bot message, as a response_url POST would; reuse that path.
    await postToResponseUrl(command.responseUrl, message);
    return;
  }
  ctx.ws.recordEphemeral({
    channel: command.channel,
    user: command.user,
    text: typeof message.text === 'string' ? message.text : '',
    blocks: Array.isArray(message.blocks) ? message.blocks : null,
    viaResponseUrl: false,
  });
}

async function postToResponseUrl(url: string, message: Json): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
  }).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not show the in_channel answer: is the web API server at ${url} running? (${reason})`,
    );
  });
  const reply = (await response.json().catch(() => ({}))) as { ok?: boolean; error?: string };
  if (reply.ok !== true) {
    throw new Error(
      `The in_channel answer was refused by the response_url: ${reply.error ?? response.status}`,
    );
  }
}

// ---------------------------------------------------------------- block_actions

async function sendClick(ctx: Context, user: string, target: ClickTarget): Promise<DriverResult> {
  const userId = ctx.ws.userId(user);
  const surface = resolveClickSurface(ctx, userId, target);
  const found = findElement(surface.blocks, target.actionId);
  if (!found) {
    const present = listActionIds(surface.blocks).join(', ') || 'none';
    throw new Error(
      `${surface.label} has no element with action_id "${target.actionId}" (action_ids: ${present}).`,
    );
  }
  const triggerId = ctx.ws.mintTriggerId(userId);
  const action = buildAction(ctx, found, target);
  const payload: Json = {
    type: 'block_actions',
    user: userRef(ctx.ws, userId),
    api_app_id: ctx.ws.seed.bot.appId,
    token: VERIFICATION_TOKEN,
    container: surface.container,
    trigger_id: triggerId,
    team: teamRef(ctx.ws),
    enterprise: null,
    is_enterprise_install: false,
    ...surface.fields,
    actions: [action],
  };
  const result = await ctx.transport.send('interactive', payload);
  return { ...result, triggerId };
}

interface ClickSurface {
  label: string;
  blocks: unknown[];
  container: Json;
  fields: Json;
}

function resolveClickSurface(ctx: Context, userId: string, target: ClickTarget): ClickSurface {
  if (target.viewId) return viewSurface(ctx, target.viewId);
  if (target.messageTs) return messageSurface(ctx, userId, target.channel, target.messageTs);
  if (target.channel) return ephemeralSurface(ctx, userId, target.channel, target.actionId);
  throw new Error(
    'click() needs a target: { viewId }, { channel, messageTs } or { channel } for an ephemeral.',
  );
}

function viewSurface(ctx: Context, viewId: string): ClickSurface {
  const view = requireView(ctx.ws, viewId);
  const output = viewOutput(ctx.ws, view, currentStateValues(view));
  return {
    label: `View ${viewId}`,
    blocks: blocksOf(view.view),
    container: { type: 'view', view_id: viewId },
    fields: { view: output, state: output.state },
  };
}

function messageSurface(ctx: Context, userId: string, channel: string | undefined, ts: string): ClickSurface {
  const message = findMessage(ctx.ws, userId, channel, ts);
  const responseUrl =
    ctx.responseOrigin +
    ctx.ws.createResponseUrlPath({ channel: message.channel, user: userId, messageTs: ts });
  const container: Json = {
    type: 'message',
    message_ts: ts,
    channel_id: message.channel,
    is_ephemeral: false,
  };
  if (message.threadTs) container.thread_ts = message.threadTs;
  return {
    label: `Message ${ts} in ${message.channel}`,
    blocks: message.blocks ?? [],
    container,
    fields: {
      channel: { id: message.channel, name: channelName(ctx.ws, message.channel) },
      message: messagePayload(ctx.ws, message),
      state: { values: {} },
      response_url: responseUrl,
    },
  };
}

/** Slack sends no `message` for clicks on ephemerals: only the container and a response_url. */
function ephemeralSurface(ctx: Context, userId: string, channel: string, actionId: string): ClickSurface {
  const channelId = ctx.ws.channelId(channel);
  const candidates = ctx.ws.ephemerals(userId).filter((e) => e.channel === channelId);
  const ephemeral = [...candidates].reverse().find((e) => findElement(e.blocks ?? [], actionId));
  if (!ephemeral) {
    throw new Error(
      `No ephemeral message for ${userId} in ${channelId} has action_id "${actionId}"; ` +
        'pass { channel, messageTs } for a stored message or { viewId } for a view.',
    );
  }
  // Slack reports the ephemeral's own ts, the same for every click on it (a double click included).
  const ts = slackTs(new Date(ephemeral.at));
  const responseUrl = ctx.responseOrigin + ctx.ws.createResponseUrlPath({ channel: channelId, user: userId });
  return {
    label: `Ephemeral message in ${channelId}`,
    blocks: ephemeral.blocks ?? [],
    container: { type: 'message', message_ts: ts, channel_id: channelId, is_ephemeral: true },
    fields: {
      channel: { id: channelId, name: channelName(ctx.ws, channelId) },
      state: { values: {} },
      response_url: responseUrl,
    },
  };
}

function buildAction(ctx: Context, found: FoundElement, target: ClickTarget): Json {
  const element = found.element;
  const action: Json = {
    action_id: target.actionId,
    block_id: target.blockId ?? found.blockId,
    type: element.type,
    action_ts: slackTs(ctx.now()),
  };
  if (element.text !== undefined) action.text = element.text;
  const value = target.value ?? (typeof element.value === 'string' ? element.value : undefined);
  if (value !== undefined) action.value = value;
  if (element.style !== undefined) action.style = element.style;
  const selected = selectedOptionFor(element, target);
  if (selected) action.selected_option = selected;
  return action;
}

function selectedOptionFor(element: Json, target: ClickTarget): Json | undefined {
  if (target.selectedOption) {
    return { text: plainText(target.selectedOption.text), value: target.selectedOption.value };
  }
  const type = String(element.type);
  if (
    target.value === undefined ||
    !(type.endsWith('select') || type === 'overflow' || type === 'radio_buttons')
  ) {
    return undefined;
  }
  return findOption(element, target.value);
}

// ---------------------------------------------------------------- views

async function sendViewSubmission(
  ctx: Context,
  user: string,
  viewId: string,
  values: Record<string, Record<string, unknown>>,
): Promise<DriverResult> {
  const userId = ctx.ws.userId(user);
  const view = requireView(ctx.ws, viewId);
  const state = buildStateValues(view, values);
  const triggerId = ctx.ws.mintTriggerId(userId);
  const payload: Json = {
    type: 'view_submission',
    team: teamRef(ctx.ws),
    user: userRef(ctx.ws, userId),
    api_app_id: ctx.ws.seed.bot.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: triggerId,
    view: viewOutput(ctx.ws, view, state),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  const result = await ctx.transport.send('interactive', payload);
  if (result.status === 200) ctx.ws.applyViewResponse(viewId, isEmpty(result.body) ? {} : result.body);
  return { ...result, triggerId };
}

async function sendViewClosed(ctx: Context, user: string, viewId: string): Promise<DriverResult> {
  const userId = ctx.ws.userId(user);
  const view = requireView(ctx.ws, viewId);
  const output = viewOutput(ctx.ws, view, currentStateValues(view));
  ctx.ws.closeView(String(output.root_view_id)); // the × closes the whole stack
  if (output.notify_on_close !== true) return { status: 0, body: null };
  const payload: Json = {
    type: 'view_closed',
    team: teamRef(ctx.ws),
    user: userRef(ctx.ws, userId),
    api_app_id: ctx.ws.seed.bot.appId,
    token: VERIFICATION_TOKEN,
    view: output,
    is_cleared: true,
    is_enterprise_install: false,
    enterprise: null,
  };
  return ctx.transport.send('interactive', payload);
}

async function sendBlockSuggestion(
  ctx: Context,
  user: string,
  viewId: string,
  actionId: string,
  value: string,
): Promise<DriverResult> {
  const userId = ctx.ws.userId(user);
  const view = requireView(ctx.ws, viewId);
  const found = findElement(blocksOf(view.view), actionId);
  if (!found) {
    const present = listActionIds(blocksOf(view.view)).join(', ') || 'none';
    throw new Error(`View ${viewId} has no element with action_id "${actionId}" (action_ids: ${present}).`);
  }
  const payload: Json = {
    type: 'block_suggestion',
    user: userRef(ctx.ws, userId),
    container: { type: 'view', view_id: viewId },
    api_app_id: ctx.ws.seed.bot.appId,
    token: VERIFICATION_TOKEN,
    action_id: actionId,
    block_id: found.blockId,
    value,
    team: teamRef(ctx.ws),
    enterprise: null,
    is_enterprise_install: false,
    view: viewOutput(ctx.ws, view, currentStateValues(view)),
  };
  return ctx.transport.send('interactive', payload);
}

// ---------------------------------------------------------------- shortcuts and events

async function sendMessageShortcut(
  ctx: Context,
  user: string,
  channel: string,
  ts: string,
  callbackId: string,
) {
  const userId = ctx.ws.userId(user);
  const message = findMessage(ctx.ws, userId, channel, ts);
  const triggerId = ctx.ws.mintTriggerId(userId);
  const responseUrl =
    ctx.responseOrigin +
    ctx.ws.createResponseUrlPath({ channel: message.channel, user: userId, messageTs: ts });
  const payload: Json = {
    type: 'message_action',
    token: VERIFICATION_TOKEN,
    action_ts: slackTs(ctx.now()),
    team: teamRef(ctx.ws),
    user: userRef(ctx.ws, userId),
    channel: { id: message.channel, name: channelName(ctx.ws, message.channel) },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: callbackId,
    trigger_id: triggerId,
    response_url: responseUrl,
    message_ts: ts,
    message: messagePayload(ctx.ws, message),
  };
  const result = await ctx.transport.send('interactive', payload);
  return { ...result, triggerId };
}

async function sendEvent(ctx: Context, event: Json, options: { eventId?: string; retryNum?: number }) {
  if (typeof event.type !== 'string' || event.type === '') {
    throw new Error(
      'event() needs an event with a string "type", e.g. { type: "app_home_opened", user, tab: "home" }.',
    );
  }
  const now = ctx.now();
  const { ws } = ctx;
  const payload: Json = {
    token: VERIFICATION_TOKEN,
    team_id: ws.seed.team.id,
    api_app_id: ws.seed.bot.appId,
    event: { event_ts: slackTs(now), ...event },
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: Math.floor(now.getTime() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: ws.seed.team.id,
        user_id: ws.seed.bot.userId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(12).toString('base64url')}`,
  };
  const result = await ctx.transport.send('event', payload, options.retryNum);
  return options.retryNum === undefined ? result : { retriesSent: options.retryNum, ...result };
}

// ---------------------------------------------------------------- HTTP transport

interface EncodedRequest {
  body: string;
  contentType: string;
}

/** Commands are a flat form, interactivity is `payload=<json>` in a form, events are JSON. */
export function encodeRequest(kind: RequestKind, payload: Record<string, unknown>): EncodedRequest {
  if (kind === 'event') return { body: JSON.stringify(payload), contentType: 'application/json' };
  const form =
    kind === 'command'
      ? new URLSearchParams(Object.entries(payload).map(([k, v]): [string, string] => [k, String(v)]))
      : new URLSearchParams({ payload: JSON.stringify(payload) });
  // Bolt compares the content type exactly, so no `; charset=` suffix.
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` keyed by the signing secret. */
export function signRequest(signingSecret: string, timestamp: number, body: string): string {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return `v0=${digest}`;
}

async function postSigned(
  url: string,
  secret: string,
  request: EncodedRequest,
  retryNum?: number,
  deadlineMs?: number,
) {
  // The real wall clock, not the workspace clock: Bolt rejects signatures whose timestamp is more than
  // five minutes away from its own real clock, and tests may run the workspace on a fake clock.
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': request.contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signRequest(secret, timestamp, request.body),
  };
  if (retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return postRaw(url, request.body, headers, deadlineMs);
}

async function postRaw(
  url: string,
  body: string,
  headers: Record<string, string>,
  deadlineMs?: number,
): Promise<DriverResult> {
  const signal = deadlineMs === undefined ? null : AbortSignal.timeout(deadlineMs);
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal });
    const text = await response.text();
    return { status: response.status, body: parseBody(text, response.headers.get('content-type') ?? '') };
  } catch (error) {
    if (!signal?.aborted) throw error;
    const message = `the app did not answer within ${deadlineMs} ms`;
    return { status: 504, body: { error: 'operation_timeout', message } };
  }
}

function parseBody(text: string, contentType: string): unknown {
  if (text === '') return null;
  if (!contentType.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------- workspace lookups

/** The legacy verification token Slack still sends; Bolt ignores it. */
const VERIFICATION_TOKEN = 'sandbox-verification-token';

function userName(ws: SlackWorkspace, userId: string): string {
  return ws.findUser(userId)?.name ?? userId;
}

function userRef(ws: SlackWorkspace, userId: string): Json {
  const name = userName(ws, userId);
  return { id: userId, username: name, name, team_id: ws.seed.team.id };
}

function teamRef(ws: SlackWorkspace): Json {
  return { id: ws.seed.team.id, domain: ws.seed.team.domain };
}

/** Slack names an IM `directmessage` in payloads. */
function channelName(ws: SlackWorkspace, channelId: string): string {
  const channel = ws.findChannel(channelId);
  if (!channel) return channelId;
  return channel.isIm ? 'directmessage' : channel.name;
}

/** A stored message (top-level or reply) by ts; without a channel, in the bot's IM with the user. */
function findMessage(
  ws: SlackWorkspace,
  userId: string,
  channel: string | undefined,
  ts: string,
): SandboxMessage {
  const channelId = channel === undefined ? ws.imWith(userId)?.id : ws.channelId(channel);
  const message = channelId === undefined ? undefined : ws.findMessage(channelId, ts);
  if (!message) {
    const where = channel === undefined ? `the bot's DM with ${userId}` : channel;
    throw new Error(
      `No message with ts ${ts} in ${where}; read ws.messages()/ws.replies()/ws.dms() for the right ts.`,
    );
  }
  return { ...message };
}

/** The message as Slack embeds it in block_actions / message_action: as conversations.history shows it. */
function messagePayload(ws: SlackWorkspace, m: SandboxMessage): Json {
  return toWireMessage(ws, m, { includeMetadata: true, context: 'history' });
}

function requireView(ws: SlackWorkspace, viewId: string): SandboxView {
  const view = ws.view(viewId);
  if (!view)
    throw new Error(`No view ${viewId} in the workspace; read ws.openViews(user) for the open ones.`);
  if (view.closed) throw new Error(`View ${viewId} is closed; a person can no longer act on it.`);
  return view;
}

/** The view as Slack shows it to the app: the stored definition plus id, hash, state and app fields. */
function viewOutput(ws: SlackWorkspace, view: SandboxView, values: Json): Json {
  const links = ws.viewLinks(view.id);
  return {
    team_id: ws.seed.team.id,
    title: plainText(''),
    blocks: [],
    close: null,
    submit: null,
    private_metadata: '',
    callback_id: '',
    external_id: '',
    clear_on_close: false,
    notify_on_close: false,
    ...view.view,
    id: view.id,
    type: view.type,
    hash: view.hash,
    state: { values },
    root_view_id: links?.rootId ?? view.id,
    previous_view_id: links?.previousId ?? null,
    app_id: ws.seed.bot.appId,
    app_installed_team_id: ws.seed.team.id,
    bot_id: ws.seed.bot.botId,
  };
}

// ---------------------------------------------------------------- Block Kit helpers

interface FoundElement {
  blockId: string;
  element: Json;
}

function blocksOf(view: Json): unknown[] {
  return Array.isArray(view.blocks) ? view.blocks : [];
}

/** Interactive elements of a block: `elements` (actions), `accessory` (section), `element` (input). */
function elementsOf(block: Json): Json[] {
  const found: unknown[] = [];
  if (Array.isArray(block.elements)) found.push(...block.elements);
  if (block.accessory) found.push(block.accessory);
  if (block.element) found.push(block.element);
  return found.filter(isRecord);
}

function eachElement(blocks: unknown[]): FoundElement[] {
  return blocks.filter(isRecord).flatMap((block, index) => {
    const blockId = typeof block.block_id === 'string' ? block.block_id : `block-${index}`;
    return elementsOf(block).map((element) => ({ blockId, element }));
  });
}

function findElement(blocks: unknown[], actionId: string): FoundElement | undefined {
  return eachElement(blocks).find((f) => f.element.action_id === actionId);
}

function listActionIds(blocks: unknown[]): string[] {
  return eachElement(blocks)
    .map((f) => f.element.action_id)
    .filter((id): id is string => typeof id === 'string');
}

function allOptions(element: Json): Json[] {
  const groups = Array.isArray(element.option_groups) ? element.option_groups.filter(isRecord) : [];
  const flat = [element.options, ...groups.map((g) => g.options)].flatMap((o) => (Array.isArray(o) ? o : []));
  return flat.filter(isRecord);
}

function findOption(element: Json, value: string): Json | undefined {
  const option = allOptions(element).find((o) => o.value === value);
  if (option) return { text: option.text, value };
  if (String(element.type).includes('external')) return { text: plainText(value), value };
  return undefined;
}

/** Which state key holds an element's value, which property holds its initial value, and the empty value. */
const STATE_KEYS: Record<string, [string, string, unknown]> = {
  plain_text_input: ['value', 'initial_value', null],
  number_input: ['value', 'initial_value', null],
  email_text_input: ['value', 'initial_value', null],
  url_text_input: ['value', 'initial_value', null],
  rich_text_input: ['rich_text_value', 'initial_value', null],
  static_select: ['selected_option', 'initial_option', null],
  external_select: ['selected_option', 'initial_option', null],
  radio_buttons: ['selected_option', 'initial_option', null],
  multi_static_select: ['selected_options', 'initial_options', []],
  multi_external_select: ['selected_options', 'initial_options', []],
  checkboxes: ['selected_options', 'initial_options', []],
  users_select: ['selected_user', 'initial_user', null],
  multi_users_select: ['selected_users', 'initial_users', []],
  conversations_select: ['selected_conversation', 'initial_conversation', null],
  multi_conversations_select: ['selected_conversations', 'initial_conversations', []],
  channels_select: ['selected_channel', 'initial_channel', null],
  multi_channels_select: ['selected_channels', 'initial_channels', []],
  datepicker: ['selected_date', 'initial_date', null],
  timepicker: ['selected_time', 'initial_time', null],
  datetimepicker: ['selected_date_time', 'initial_date_time', null],
};

/** The state Slack reports for a view nobody has typed in: every stateful element at its initial value. */
function initialStateValues(view: SandboxView): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  for (const { blockId, element } of eachElement(blocksOf(view.view))) {
    const keys = STATE_KEYS[String(element.type)];
    if (!keys || typeof element.action_id !== 'string') continue;
    const [stateKey, initialKey, empty] = keys;
    values[blockId] ??= {};
    values[blockId][element.action_id] = { type: element.type, [stateKey]: element[initialKey] ?? empty };
  }
  return values;
}

function currentStateValues(view: SandboxView): Json {
  const stored = isRecord(view.view.state) && isRecord(view.view.state.values) ? view.view.state.values : {};
  return { ...initialStateValues(view), ...stored };
}

/** `view.state.values` for a submission: initial values overlaid with `given` (state shape or plain scalars). */
export function buildStateValues(view: SandboxView, given: Record<string, Record<string, unknown>>): Json {
  const values = initialStateValues(view);
  const elements = eachElement(blocksOf(view.view));
  for (const [blockId, actions] of Object.entries(given)) {
    for (const [actionId, input] of Object.entries(actions)) {
      const found = elements.find((f) => f.blockId === blockId && f.element.action_id === actionId);
      if (!found) {
        const known = elements.map((f) => `${f.blockId}/${String(f.element.action_id)}`).join(', ') || 'none';
        throw new Error(
          `View ${view.id} has no element ${blockId}/${actionId} (block_id/action_id: ${known}).`,
        );
      }
      values[blockId] ??= {};
      values[blockId][actionId] = stateValue(found.element, input);
    }
  }
  return values;
}

function stateValue(element: Json, input: unknown): Json {
  const type = String(element.type);
  if (isRecord(input)) return { type, ...input };
  const stateKey = STATE_KEYS[type]?.[0] ?? 'value';
  if (stateKey === 'selected_option') return { type, selected_option: requireOption(element, String(input)) };
  if (stateKey === 'selected_options') {
    const list = Array.isArray(input) ? input : [input];
    return { type, selected_options: list.map((v) => requireOption(element, String(v))) };
  }
  if (stateKey === 'value' && input !== null) return { type, value: String(input) };
  return { type, [stateKey]: input };
}

function requireOption(element: Json, value: string): Json {
  const option = findOption(element, value);
  if (option) return option;
  const known = allOptions(element)
    .map((o) => String(o.value))
    .join(', ');
  throw new Error(
    `Element ${String(element.action_id)} has no option "${value}" (options: ${known || 'none'}).`,
  );
}

// ---------------------------------------------------------------- small helpers

function plainText(text: string): Json {
  return { type: 'plain_text', text, emoji: true };
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(body: unknown): boolean {
  return (
    body === null || body === undefined || body === '' || (isRecord(body) && Object.keys(body).length === 0)
  );
}

/** A Slack-style `ts` for `now`: seconds, a dot, six digits of microseconds. */
function slackTs(now: Date): string {
  return formatTs(now.getTime() * 1000);
}
