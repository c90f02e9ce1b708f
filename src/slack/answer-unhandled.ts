import type { App } from '@slack/bolt';
import type { Logger } from '../ports/logger.ts';

/** The parts of a Slack request body that say what it is for. */
interface RequestBody {
  type?: string;
  command?: string;
  callback_id?: string;
  response_url?: string;
  view?: { callback_id?: string };
  actions?: Array<{ action_id?: string }>;
}

/** What was left unanswered, for the explanation and the log. */
export function describeUnhandled(body: RequestBody): { what: string; id: string } {
  if (body.command) return { what: 'command', id: body.command };
  if (body.type === 'block_actions') return { what: 'button', id: body.actions?.[0]?.action_id ?? '?' };
  if (body.type === 'view_submission' || body.type === 'view_closed')
    return { what: 'form', id: body.view?.callback_id ?? '?' };
  if (body.type === 'shortcut' || body.type === 'message_action')
    return { what: 'shortcut', id: body.callback_id ?? '?' };
  return { what: 'request', id: body.type ?? '?' };
}

const nothingChanged = 'It may come from an older version of the bot; nothing was changed.';

/**
 * The acknowledgement for a request no listener answered: a slash command gets an ephemeral
 * reply, a form submission a view saying so; anything else a plain ack (a button's explanation
 * goes to its response_url, see below).
 */
export function unhandledAck(body: RequestBody): unknown {
  const { what, id } = describeUnhandled(body);
  // Slack sends only the manifest's commands: one left unanswered means the bot could not take it
  // (e.g. it could not confirm who it is with Slack), not an unknown command
  if (what === 'command')
    return {
      response_type: 'ephemeral',
      text: `Drumbeat could not take ${id} just now (its log says why); nothing was changed. Please try again in a minute.`,
    };
  if (body.type === 'view_submission') {
    return {
      response_action: 'update',
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: 'Drumbeat' },
        close: { type: 'plain_text', text: 'Close' },
        blocks: [
          {
            type: 'section',
            text: { type: 'mrkdwn', text: `Drumbeat no longer handles this form. ${nothingChanged}` },
          },
        ],
      },
    };
  }
  if (body.type === 'block_suggestion') return { options: [] };
  return undefined;
}

/**
 * Answers, at once, every request that no listener acknowledged (an action id or a form callback
 * the bot does not know, a button from an older version), with a short explanation, instead of
 * leaving Slack to time out (an HTTP 404 after 2.9 s, or Socket Mode redeliveries). Wraps the
 * receiver's entry point, like `timeAcks`: Bolt's middleware only sees a copy of the ack.
 */
export function answerUnhandled(app: App, logger: Logger): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    let acked = false;
    const ack: typeof event.ack = async (response) => {
      acked = true;
      return event.ack(response);
    };
    try {
      await processEvent({ ...event, ack });
    } finally {
      if (!acked) await answer(event.body as RequestBody, event.ack, logger);
    }
  };
}

async function answer(body: RequestBody, ack: (response?: never) => Promise<void>, logger: Logger) {
  const { what, id } = describeUnhandled(body);
  logger.info('answered a request no listener handled', { what, id });
  try {
    await ack(unhandledAck(body) as never);
  } catch (error) {
    logger.debug('could not acknowledge an unhandled request', { error });
  }
  if (what === 'button' && body.response_url) await explainButton(body.response_url, logger);
}

/** A button's explanation: an ephemeral reply through the click's response_url. */
async function explainButton(responseUrl: string, logger: Logger): Promise<void> {
  const text = `This button does nothing in Drumbeat any more. ${nothingChanged}`;
  try {
    await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    logger.warn('could not explain an unhandled button', { error });
  }
}
