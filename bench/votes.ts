/**
 * `npm run bench -- votes`: 300 distinct voters click a fist-to-five button within one second, plus
 * 100 repeated clicks, through the signed HTTP path of the real bot (Bolt HTTP receiver, SQLite, the
 * outbox) against the local Slack workspace. Figures: ack latency p50/p99, ballots stored (must be
 * 300), and how many chat.update calls the tally made per second (at most about one).
 */
import type { ResolvedConfig } from '../src/config/resolved-config.ts';
import type { Person } from '../src/domain/types.ts';
import { type SandboxBot, startSandboxBot } from '../src/sandbox/start-sandbox-bot.ts';
import { systemClock } from '../src/system/system-clock.ts';
import { type Figure, figure, percentile, type Suite } from './figure.ts';

const voters = 300;
const repeats = 100;
const windowMs = 1000;

/** The example config plus 300 people (each becomes a workspace user in every configured channel). */
function withElectorate(config: ResolvedConfig): ResolvedConfig {
  const extra: Person[] = Array.from({ length: voters }, (_, i) => ({
    github: `bench-voter-${i}`,
    slack: `U9${String(i).padStart(8, '0')}`,
    timezone: 'UTC',
    quietHours: null,
  }));
  const people = [...config.people, ...extra];
  return {
    ...config,
    people,
    peopleByGithub: new Map(people.map((p) => [p.github.toLowerCase(), p])),
    peopleBySlack: new Map(people.filter((p) => p.slack).map((p) => [p.slack!, p])),
  };
}

const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startVoteOn(sb: SandboxBot): Promise<{ ts: string; channel: string; roundId: number }> {
  await sb.driver.command('lena-release-lead', '#sig-release', '/fist-to-five', 'Bench: commit to the plan?');
  const modal = await sb.ws.waitFor(() => sb.ws.openViews('lena-release-lead')[0]);
  await sb.driver.submitView('lena-release-lead', modal.id, {});
  const vote = await sb.ws.waitFor(() =>
    sb.ws.messages('#sig-release').find((m) => m.text.startsWith('Fist-to-five')),
  );
  return { ts: vote.ts, channel: vote.channel, roundId: sb.bot.store.votes.openRounds()[0]!.id };
}

/** The most calls in any half-open window of `ms`. */
function maxInWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function run(): Promise<Figure[]> {
  const sb = await startSandboxBot({ mode: 'http', clock: systemClock, editConfig: withElectorate });
  try {
    const vote = await startVoteOn(sb);
    const latencies: number[] = [];
    const click = async (user: string, value: number, at: number) => {
      await sleepMs(at);
      const began = performance.now();
      const result = await sb.driver.click(user, {
        channel: vote.channel,
        messageTs: vote.ts,
        actionId: `vote_cast_${value}`,
      });
      latencies.push(performance.now() - began);
      if (result.status !== 200) throw new Error(`a click got HTTP ${result.status}`);
    };
    const updatesBefore = sb.ws.calls('chat.update').length;
    const user = (i: number) => `bench-voter-${i}`;
    const clicks = [
      ...Array.from({ length: voters }, (_, i) => click(user(i), 3 + (i % 3), (i * windowMs) / voters)),
      ...Array.from({ length: repeats }, (_, i) => click(user(i), 3 + (i % 3), (i * windowMs) / repeats + 5)),
    ];
    await Promise.all(clicks);
    const store = sb.bot.store.votes;
    await sb.ws.waitFor(() => store.ballots(vote.roundId).length >= voters, 10_000);
    const last = store.lastEventId(vote.roundId);
    await sb.ws.waitFor(
      () => sb.ws.calls('chat.update').some((c) => JSON.stringify(c.args).includes(`Voted: ${voters} of`)),
      15_000,
    );
    const updates = sb.ws
      .calls('chat.update')
      .slice(updatesBefore)
      .filter((c) => c.ok && c.args.ts === vote.ts)
      .map((c) => Date.parse(c.at));
    const spanS = Math.max(1, (Math.max(...updates) - Math.min(...updates)) / 1000);
    return [
      figure(
        'votes: ack latency p50 (300 voters + 100 repeats in 1 s, signed HTTP)',
        percentile(latencies, 50),
        'ms',
      ),
      figure('votes: ack latency p99', percentile(latencies, 99), 'ms'),
      figure('votes: ballots stored (must be 300)', store.ballots(vote.roundId).length, 'ballots'),
      figure('votes: ballot changes recorded', store.ballotHistory(vote.roundId).length, 'events'),
      figure('votes: tally chat.update calls, most in any 1 s window', maxInWindow(updates, 1000), 'calls'),
      figure(
        'votes: tally chat.update calls per second, average over the burst',
        (updates.length - 1) / spanS,
        'calls/s',
      ),
      figure('votes: tally chat.update calls in all', updates.length, 'calls'),
      figure('votes: last ballot change shown', last > 0 ? 1 : 0, 'bool'),
    ];
  } finally {
    await sb.close();
  }
}

/** The votes bench suite. */
export const votesSuite: Suite = { name: 'votes', run };
