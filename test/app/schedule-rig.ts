import { loadReferenceData } from '../../src/app/load-reference-data.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import type { Kep } from '../../src/domain/types.ts';
import { readKepsFromCheckout } from '../../src/github/local-checkout.ts';
import type { Chat, ChatBlocks, ChatNow, DeliveryRef } from '../../src/ports/chat.ts';
import type { Logger } from '../../src/ports/logger.ts';
import type { ScheduleDeps, ScheduleSettings } from '../../src/ports/schedule.ts';
import type { Store } from '../../src/ports/store.ts';
import { exampleConfigFile } from '../../src/sandbox/start-sandbox-bot.ts';
import { createScheduleMessages } from '../../src/slack/blocks/schedule-messages.ts';
import { referenceDataFrom } from '../../src/wiring/reference-data.ts';
import { scheduleSettingsFrom } from '../../src/wiring/schedule-settings.ts';
import { enhancements } from '../fakes/enhancements-repo.ts';
import type { FakeClock } from '../fakes/fake-clock.ts';

const scheduleMessages = createScheduleMessages(enhancements, null);

/** One message as the recording chat got it. */
export interface Sent {
  kind: 'post' | 'dm';
  key: string;
  channel: string | null;
  user: string | null;
  threadOf: string | null;
  notBefore: Date | null;
  expiresAt: Date | null;
  text: string;
  blocks: ChatBlocks;
  at: Date;
}

/**
 * A Chat that records messages like the outbox stores them: once per key (a repeated key is
 * counted in `repeats` and changes nothing). `sent` survives a "restart" (share it between
 * instances), as the outbox table does. `crash` makes the next matching call store its message
 * and then throw, as a process dying right after the enqueue would.
 */
export class RecordingChat implements Chat, ChatNow {
  repeats: string[] = [];
  calls = 0;
  crash: ((key: string) => boolean) | null = null;
  readonly clock: { now(): Date };
  readonly sent: Map<string, Sent>;
  constructor(clock: { now(): Date }, sent: Map<string, Sent> = new Map()) {
    this.clock = clock;
    this.sent = sent;
  }

  #record(msg: Omit<Sent, 'at'>): DeliveryRef {
    this.calls++;
    if (this.sent.has(msg.key)) this.repeats.push(msg.key);
    else this.sent.set(msg.key, { ...msg, at: this.clock.now() });
    if (this.crash?.(msg.key)) {
      this.crash = null;
      throw new Error(`simulated crash after ${msg.key}`);
    }
    return { key: msg.key, status: 'pending', channel: msg.channel, ts: null, error: null, attempts: 0 };
  }

  post: Chat['post'] = async (m) => this.postNow(m);
  postNow: ChatNow['postNow'] = (m) => {
    const parent = m.threadOf ? this.sent.get(m.threadOf) : undefined;
    if (m.threadOf && !parent) throw new Error(`threadOf ${m.threadOf} is not in the outbox`);
    return this.#record({
      kind: 'post',
      key: m.key,
      channel: m.channel ?? parent?.channel ?? null,
      user: null,
      threadOf: m.threadOf ?? null,
      notBefore: m.notBefore ?? null,
      expiresAt: m.expiresAt ?? null,
      text: m.text,
      blocks: m.blocks ?? [],
    });
  };
  dm: Chat['dm'] = async (m) =>
    this.#record({
      kind: 'dm',
      key: m.key,
      channel: null,
      user: m.user,
      threadOf: m.threadOf ?? null,
      notBefore: m.notBefore ?? null,
      expiresAt: m.expiresAt ?? null,
      text: m.text,
      blocks: m.blocks ?? [],
    });
  update: Chat['update'] = async () => {
    throw new Error('not used');
  };
  ephemeral: Chat['ephemeral'] = async () => {
    throw new Error('not used');
  };
  publishHome: Chat['publishHome'] = async () => {
    throw new Error('not used');
  };
  getDelivery: Chat['getDelivery'] = async () => null;
  deliveryNow: ChatNow['deliveryNow'] = () => null;
  waitFor: Chat['waitFor'] = async (key) => this.getDelivery(key);
  /** Key prefixes withdrawn, with the reason. */
  withdrawn: Array<{ prefix: string; reason: string }> = [];
  withdraw: Chat['withdraw'] = async (prefix, reason) => {
    this.withdrawn.push({ prefix, reason });
    return 0;
  };

  keys(prefix = ''): string[] {
    return [...this.sent.keys()].filter((k) => k.startsWith(prefix));
  }
}

/** A logger that keeps its lines. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = {
    lines,
    debug: () => {},
    info: (m: string) => lines.push(`info ${m}`),
    warn: (m: string) => lines.push(`warn ${m}`),
    error: (m: string, f?: Record<string, unknown>) => lines.push(`error ${m} ${String(f?.error ?? '')}`),
    child: () => logger,
  };
  return logger;
}

let cached: Promise<{ config: ResolvedConfig; keps: Kep[] }> | null = null;

/** The example config and its KEPs (read once per test file). */
export function exampleData(): Promise<{ config: ResolvedConfig; keps: Kep[] }> {
  cached ??= (async () => {
    const loaded = await loadConfig(exampleConfigFile);
    if (!loaded.ok) throw new Error('example config does not load');
    const config = loaded.config;
    const read = await readKepsFromCheckout(config.github.localCheckout!, {
      knownSigs: config.sigs.map((s) => s.dir),
    });
    return { config, keps: read.keps };
  })();
  return cached;
}

/** Loads people, SIGs, the calendar and KEPs into a store, as the bot does at start. */
export function loadExample(store: Store, data: { config: ResolvedConfig; keps: Kep[] }, now: Date): void {
  const { config } = data;
  loadReferenceData(store, referenceDataFrom(config, data.keps), now);
}

export const releaseChannel = 'C0RELEASE0';
/** A channel id per SIG: `C` + the dir without dashes, upper-cased. */
export const sigChannel = (dir: string) => `C${dir.replace(/-/g, '').toUpperCase()}`;

export function scheduleDeps(store: Store, chat: Chat, logger: Logger): ScheduleDeps {
  return {
    store,
    chat,
    logger,
    channels: { release: releaseChannel, sig: (dir) => sigChannel(dir) },
    messages: scheduleMessages,
  };
}

export function exampleSettings(config: ResolvedConfig): ScheduleSettings {
  return scheduleSettingsFrom(config).settings;
}

/** Steps the clock from one due instant to the next, running a pass at each, until `to`. */
export async function runUntil(
  run: (now: Date) => Promise<{ nextDueAt: Date | null }>,
  clock: FakeClock,
  to: Date,
): Promise<number> {
  let passes = 0;
  for (;;) {
    const { nextDueAt } = await run(clock.now());
    passes++;
    if (nextDueAt === null || nextDueAt > to) break;
    clock.advance(nextDueAt.getTime() - clock.now().getTime());
  }
  return passes;
}
