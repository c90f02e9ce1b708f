import { performance } from 'node:perf_hooks';
import type { App } from '@slack/bolt';

const surfaces: Record<string, string> = {
  block_actions: 'action',
  interactive_message: 'action',
  view_submission: 'view',
  view_closed: 'view',
  shortcut: 'shortcut',
  message_action: 'shortcut',
  block_suggestion: 'options',
  event_callback: 'event',
};

/** Which kind of Slack request a body is, as the ack-latency label. */
export function surfaceOf(body: { command?: unknown; type?: unknown }): string {
  if (typeof body.command === 'string') return 'command';
  return (typeof body.type === 'string' && surfaces[body.type]) || 'other';
}

/**
 * Times every request from the moment the receiver hands it to Bolt until its acknowledgement has
 * been sent (the HTTP response, or the Socket Mode envelope ack): what Slack's 3-second budget
 * measures. The receiver's event is the one place the ack can be wrapped: middleware gets a copy of
 * the listener's arguments.
 */
export function timeAcks(app: App, observe: (surface: string, seconds: number) => void): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => {
    const started = performance.now();
    const surface = surfaceOf(event.body);
    let timed = false;
    const ack: typeof event.ack = async (response) => {
      const result = await event.ack(response);
      if (!timed) observe(surface, (performance.now() - started) / 1000);
      timed = true;
      return result;
    };
    return processEvent({ ...event, ack });
  };
}
