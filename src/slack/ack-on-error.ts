import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../ports/logger.ts';

/**
 * A global middleware that makes sure a request a listener failed on is still answered, so the
 * person sees what happened instead of Slack's "operation timed out": a slash command gets an
 * ephemeral apology, a form shows an error view, anything else is acknowledged. A listener that
 * already acknowledged is left as it was (a second ack throws, and is ignored here). The error
 * goes on to the app's error handler, which logs it.
 */
export function createAckOnError(logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    try {
      await args.next();
    } catch (error) {
      const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
      if (ack) {
        try {
          await ack(answerFor(args.body as { type?: string; command?: string }));
        } catch {
          // already acknowledged by the listener
        }
      }
      logger.debug('answered a request whose listener failed', {
        type: (args.body as { type?: string }).type,
      });
      throw error;
    }
  };
}

function answerFor(body: { type?: string; command?: string }): unknown {
  const sorry =
    'Sorry, Drumbeat could not finish that; nothing you sent was lost. Please try again, and tell the bot’s admins if it keeps happening (the error is in its log).';
  if (body.command) return { response_type: 'ephemeral', text: `${body.command}: ${sorry}` };
  if (body.type === 'view_submission') {
    return {
      response_action: 'update',
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: 'Drumbeat' },
        close: { type: 'plain_text', text: 'Close' },
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:warning: ${sorry}` } }],
      },
    };
  }
  return undefined;
}
