import { escalateAfterRequest } from '../app/escalate-after-request.ts';
import { createInboundRepo } from '../db/repos/inbound-repo.ts';
import { createAckOnError } from '../slack/ack-on-error.ts';
import type { AfterRequestWork } from '../slack/after-request.ts';
import { createSlackApp, type SlackApp } from '../slack/app.ts';
import { createIdempotencyMiddleware } from '../slack/idempotency.ts';
import { registerListeners } from '../slack/listeners/index.ts';
import type { BotBase } from './bot-base.ts';
import type { BotCore } from './bot-core.ts';
import { createSlackConnector, type SlackConnector } from './connect-slack.ts';
import type { Features } from './features.ts';
import { healthRoutes } from './health-endpoints.ts';
import { siteRoutes } from './site.ts';
import { slackLogLevel } from './slack-clients.ts';
import type { StartBotOptions } from './start-bot-options.ts';

/** The Slack intake: the Bolt app and what connects it (Socket Mode: a few attempts, see connect-slack.ts). */
export function buildSlackIntake(
  options: StartBotOptions,
  base: BotBase,
  core: BotCore,
): { slack: SlackApp; connector: SlackConnector } {
  const slack = botSlackApp(options, base, core);
  core.late.slack = slack;
  const connector = createSlackConnector(slack, {
    socket: options.env.slack.kind === 'socket',
    logger: options.logger,
    ...(options.connect ? { policy: options.connect } : {}),
  });
  core.late.connector = connector;
  return { slack, connector };
}

/**
 * The Bolt app: each delivery handled once, a request a listener failed on still answered, the
 * listeners, and the health and site routes.
 */
function botSlackApp(options: StartBotOptions, base: BotBase, core: BotCore): SlackApp {
  const { env, clock, logger } = options;
  return createSlackApp({
    mode: env.slack,
    apiUrl: env.SLACK_API_URL,
    port: env.PORT,
    host: env.HOST,
    logger,
    logLevel: slackLogLevel(env.LOG_LEVEL),
    identity: () => base.auth.identity(),
    middleware: [
      createIdempotencyMiddleware({ inbound: createInboundRepo(base.db), clock, logger }),
      createAckOnError(logger),
    ],
    afterRequest: [escalationSweep(core.live.features)],
    ackLatency: core.metrics.ackLatency,
    ackGate: core.ackGate,
    register: (app) => registerListeners(app, core.live.ctx),
    routes: [...healthRoutes(core.health), ...siteRoutes(core.site)],
  });
}

/** New blockers start their ladder, closed ones announce their resolution, right after each request. */
function escalationSweep(features: Features): AfterRequestWork {
  return {
    name: 'escalation-sweep',
    run: () => escalateAfterRequest(features.escalation),
    failure: 'escalation: posting resolutions failed; the next scheduler pass tries again',
  };
}
