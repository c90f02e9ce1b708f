import { sendClick } from './driver/block-actions.ts';
import { sendEvent } from './driver/events.ts';
import { createHttpTransport } from './driver/http-transport.ts';
import { sendMessageShortcut } from './driver/shortcuts.ts';
import { sendCommand } from './driver/slash-commands.ts';
import { createSocketTransport } from './driver/socket-transport.ts';
import type { DriverContext, HttpDriverOptions, SlackDriver, SocketDriverOptions } from './driver/types.ts';
import { sendBlockSuggestion, sendViewClosed, sendViewSubmission } from './driver/views.ts';
import type { SocketModeHub } from './socket-mode-hub.ts';
import type { SlackWorkspace } from './workspace.ts';

export { encodeRequest, signRequest } from './driver/http-transport.ts';
export { buildStateValues } from './driver/state-values.ts';
export type {
  ClickTarget,
  DriverResult,
  HttpDriverOptions,
  SlackDriver,
  SocketDriverOptions,
} from './driver/types.ts';

/** A driver that POSTs signed requests to a Bolt HTTP receiver. */
export function createHttpDriver(ws: SlackWorkspace, options: HttpDriverOptions): SlackDriver {
  const secret = options.signingSecret ?? ws.seed.signingSecret;
  const transport = createHttpTransport(options.appUrl, secret, options.ackTimeoutMs);
  return createDriver({ ws, transport, responseOrigin: options.responseOrigin, now: options.now ?? ws.now });
}

/** A driver that delivers the same payloads as Socket Mode envelopes through the hub. */
export function createSocketDriver(
  ws: SlackWorkspace,
  hub: SocketModeHub,
  options: SocketDriverOptions,
): SlackDriver {
  const transport = createSocketTransport(hub);
  return createDriver({ ws, transport, responseOrigin: options.responseOrigin, now: options.now ?? ws.now });
}

/** The payload builders, one file per surface under driver/, sending through the context's transport. */
function createDriver(ctx: DriverContext): SlackDriver {
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
