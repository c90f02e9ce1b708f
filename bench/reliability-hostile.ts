/**
 * Hostile inputs and forged payloads against the real bot over loopback. Hostile: typed text built
 * to ping everyone, spoof a user, overflow a block or confuse the grammar, and bodies that are not
 * what Slack sends. Forged: requests a third party could send (no or a wrong signature, a stale or
 * future timestamp, a different secret). A failure is a 5xx or no answer, an active mention coming
 * from input, a forged request acted on, or a dead process; lost is a valid update not recorded.
 */
import { encodeRequest, signRequest } from '../src/sandbox/driver.ts';
import type { SandboxBot } from '../src/sandbox/start-sandbox-bot.ts';
import { slashCommandPayload } from '../test/e2e/harness.ts';
import type { ReliabilityRow } from './reliability-row.ts';

/** Mention syntax a person could type to reach everyone, or a user who never took part. */
const activeMentions = ['<!channel>', '<!here>', '<!everyone>', '<!subteam^S0EVIL>', '<@U0EVIL>'];

const hostileParts = [
  ...activeMentions,
  '@channel',
  '<#C0EVIL>',
  '<https://evil.example|click me>',
  '*bold* _it_ ~s~ `code` ```block```',
  '&lt;!channel&gt;',
  '\u0000\u0007\u202e',
  '😀'.repeat(50),
  'x'.repeat(4000),
  '-5%',
  '150%',
  '12.5%',
  'inc 999',
  'blocked by #99999999999 and sig-nowhere',
  '"unterminated',
];

/** `count` command texts: a KEP, a state and hostile parts, plus a few bare hostile lines. */
export function hostileTexts(count: number, keps: readonly number[]): string[] {
  const states = ['on-track', 'at-risk', 'blocked', 'done', ''];
  return Array.from({ length: count }, (_, i) => {
    const part = hostileParts[i % hostileParts.length]!;
    const extra = hostileParts[(i * 7 + 3) % hostileParts.length]!;
    if (i % 10 === 9) return `${part} ${extra}`;
    return `${keps[i % keps.length]} ${states[i % states.length]} ${part} ${extra}`.trim();
  });
}

/** Everything the workspace shows people: messages in every channel and DM, and ephemerals. */
function everythingShown(sb: SandboxBot): string[] {
  const messages = sb.ws.channels().flatMap((c) => sb.ws.allMessages(c.id));
  return [
    ...messages.map((m) => JSON.stringify([m.text, m.blocks ?? null])),
    ...sb.ws.ephemerals().map((e) => JSON.stringify([e.text, e.blocks ?? null])),
  ];
}

const mentionsShown = (sb: SandboxBot) =>
  everythingShown(sb).filter((s) => activeMentions.some((m) => s.includes(m))).length;

const countUpdates = (sb: SandboxBot) =>
  (sb.bot.db.prepare('SELECT count(*) AS n FROM status_updates').get() as { n: number }).n;

async function alive(sb: SandboxBot): Promise<boolean> {
  const answer = await fetch(`http://127.0.0.1:${sb.bot.port}/livez`).catch(() => null);
  return answer?.status === 200;
}

/** Raw bodies that are not what Slack sends, correctly signed: each must get a 4xx, never a 5xx. */
function oddBodies(): Array<{ body: string; type: string }> {
  const json = 'application/json';
  const form = 'application/x-www-form-urlencoded';
  return [
    ...['null', '42', '[]', '"x"', '{', '', '{"type":"event_callback"}'].map((body) => ({
      body,
      type: json,
    })),
    ...['payload=%7B', 'payload=null', 'command=%2Fkep-status', `payload=${'a'.repeat(200_000)}`].map(
      (body) => ({ body, type: form }),
    ),
  ];
}

async function post(sb: SandboxBot, body: string, type: string, headers: Record<string, string>) {
  const answer = await fetch(`http://127.0.0.1:${sb.bot.port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': type, ...headers },
    body,
    signal: AbortSignal.timeout(3000),
  }).catch(() => null);
  return answer?.status ?? 0;
}

function signed(sb: SandboxBot, body: string, at = Math.floor(Date.now() / 1000), secret?: string) {
  return {
    'x-slack-request-timestamp': String(at),
    'x-slack-signature': signRequest(secret ?? sb.ws.seed.signingSecret, at, body),
  };
}

/** Hostile typed text through `/kep-status` and `/drumbeat`, and odd bodies. */
export async function hostileInputs(sb: SandboxBot, count = 120): Promise<ReliabilityRow> {
  const keps = sb.bot.store.keps
    .list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })
    .map((k) => k.number);
  const before = countUpdates(sb);
  let failures = 0;
  let accepted = 0;
  for (const [i, text] of hostileTexts(count, keps).entries()) {
    const command = i % 4 === 3 ? '/drumbeat' : '/kep-status';
    const typed = command === '/drumbeat' ? `ooo until ${text}` : text;
    const result = await sb.driver.command('alice-facilitator', '#sig-node', command, typed);
    if (result.status !== 200) failures++;
    if (JSON.stringify(result.body).includes('Posting to')) accepted++;
  }
  const bodies = oddBodies();
  const statuses = await Promise.all(bodies.map((b) => post(sb, b.body, b.type, signed(sb, b.body))));
  const bad = statuses.filter((s) => s === 0 || s >= 500).length;
  await sb.ws.waitFor(() => countUpdates(sb) - before >= accepted, 10_000).catch(() => undefined);
  const mentions = mentionsShown(sb);
  const up = await alive(sb);
  return {
    fault: 'hostile input (typed text and odd bodies)',
    inputs: count + bodies.length,
    failures: failures + bad + mentions + (up ? 0 : 1),
    lost: Math.max(0, accepted - (countUpdates(sb) - before)),
    note: `${accepted} valid updates among them; active mentions shown: ${mentions}; odd bodies answered ${[...new Set(statuses)].sort().join('/')}; process ${up ? 'up' : 'down'}`,
  };
}

/** Requests a third party could forge: each must be refused (401) and change nothing. */
export async function forgedPayloads(sb: SandboxBot): Promise<ReliabilityRow> {
  const before = countUpdates(sb);
  const payload = slashCommandPayload(sb.ws, sb.api.origin, {
    user: 'alice-facilitator',
    channel: '#sig-node',
    text: '5593 done forged',
  });
  const { body, contentType } = encodeRequest('command', payload);
  const now = Math.floor(Date.now() / 1000);
  const good = signed(sb, body, now);
  const forgeries: Array<Record<string, string>> = [
    { 'x-slack-request-timestamp': String(now) },
    { ...good, 'x-slack-signature': 'v0=00' },
    signed(sb, body, now, 'not-the-signing-secret'),
    signed(sb, body, now - 600),
    signed(sb, body, now + 600),
    { ...good, 'x-slack-request-timestamp': String(now - 1) },
    { ...good, 'x-slack-signature': good['x-slack-signature'].replace('v0=', 'v1=') },
  ].flatMap((h) => [h, h]);
  const statuses = await Promise.all(forgeries.map((h) => post(sb, body, contentType, h)));
  await new Promise((resolve) => setTimeout(resolve, 300));
  // the bot's own scheduled posts may appear meanwhile; only what the forged text caused counts
  const actedOn = countUpdates(sb) - before + everythingShown(sb).filter((s) => s.includes('forged')).length;
  const notRefused = statuses.filter((s) => s !== 401).length;
  return {
    fault: 'forged requests (signature, secret, timestamp)',
    inputs: forgeries.length,
    failures: notRefused + actedOn,
    lost: 0,
    note: `answered ${[...new Set(statuses)].sort().join('/')}; acted on: ${actedOn}`,
  };
}
