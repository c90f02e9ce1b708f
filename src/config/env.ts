import { z } from 'zod';
import { instantExpectation, isInstant, rehearsalClockRefusal } from './rehearsal-clock.ts';

/**
 * The process environment: secrets and deployment settings. Everything else lives in drumbeat.yaml.
 * `.env.example` documents every variable listed here.
 */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const port = z.coerce.number().int().min(0).max(65535);

export const envSchema = z.object({
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xox'), {
    message: 'expected a bot token starting with "xoxb-" (OAuth & Permissions → Bot User OAuth Token)',
  }),
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message:
      'expected an app-level token starting with "xapp-" (Basic Information → App-Level Tokens, scope connections:write)',
  }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: z
    .string()
    .trim()
    .default('https://slack.com/api/')
    .pipe(z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://slack.com/api/' }))
    .transform((v) => (v.endsWith('/') ? v : `${v}/`)),
  PORT: port.default(3000),
  HOST: z.string().trim().default('0.0.0.0'),
  HEALTH_PORT: z.preprocess((v) => (v === '' ? undefined : v), port.optional()),
  DRUMBEAT_CONFIG: z.string().trim().default('drumbeat.yaml'),
  DRUMBEAT_DB: z.string().trim().default('drumbeat.db'),
  GITHUB_TOKEN: optionalText,
  GITHUB_API_URL: z.string().trim().default('https://api.github.com/graphql'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  NODE_ENV: optionalText,
  /** A rehearsal: the bot's clock starts at this instant and runs at real speed. */
  DRUMBEAT_CLOCK_START: optionalText
    .refine((v) => v === undefined || isInstant(v), { message: instantExpectation })
    .transform((v) => (v === undefined ? undefined : new Date(v))),
  /** `1` lets a rehearsal clock run in a production-looking setup. */
  DRUMBEAT_ALLOW_REHEARSAL_CLOCK: optionalText
    .refine((v) => v === undefined || /^(0|1|true|false)$/i.test(v), { message: 'expected 1 or 0' })
    .transform((v) => v === '1' || v?.toLowerCase() === 'true'),
});

export type RawEnv = z.infer<typeof envSchema>;

export type SlackMode =
  | { kind: 'socket'; botToken: string; appToken: string }
  | { kind: 'http'; botToken: string; signingSecret: string };

export type Env = RawEnv & { slack: SlackMode };

export type EnvResult = { ok: true; env: Env } | { ok: false; message: string };

/** The message `npm start` prints when Slack credentials are missing: what to set, where from, and the demo. */
export const missingTokensHelp = `Drumbeat cannot start: Slack credentials are not set.

Set these environment variables (see .env.example):
  SLACK_BOT_TOKEN        the Bot User OAuth Token (xoxb-…), from OAuth & Permissions
and, for Socket Mode (the default; no public URL needed):
  SLACK_APP_TOKEN        an app-level token (xapp-…) with the connections:write scope
or, for HTTP mode:
  SLACK_SIGNING_SECRET   from Basic Information → App Credentials (the bot listens on PORT, default 3000)

Create the Slack app by pasting manifests/slack-app.yaml (Socket Mode) or
manifests/slack-app-http.yaml (HTTP mode) at https://api.slack.com/apps → Create New App → From a manifest.

No Slack workspace at hand? \`npm run demo\` runs the bot against a local one.
`;

/** Validates the environment and decides the run mode: Socket Mode when SLACK_APP_TOKEN is set, else HTTP. */
export function loadEnv(source: Record<string, string | undefined>): EnvResult {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    return {
      ok: false,
      message: `Drumbeat cannot start: the environment is not valid.\n${lines.join('\n')}\n`,
    };
  }
  const raw = parsed.data;
  if (!raw.SLACK_BOT_TOKEN || (!raw.SLACK_APP_TOKEN && !raw.SLACK_SIGNING_SECRET)) {
    return { ok: false, message: missingTokensHelp };
  }
  const refusal = rehearsalClockRefusal(raw);
  if (refusal) return { ok: false, message: refusal };
  const slack: SlackMode = raw.SLACK_APP_TOKEN
    ? { kind: 'socket', botToken: raw.SLACK_BOT_TOKEN, appToken: raw.SLACK_APP_TOKEN }
    : { kind: 'http', botToken: raw.SLACK_BOT_TOKEN, signingSecret: raw.SLACK_SIGNING_SECRET! };
  return { ok: true, env: { ...raw, slack } };
}
