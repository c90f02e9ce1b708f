import { readFileSync } from 'node:fs';
import type { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/load-config.ts';
import { exampleConfigFile } from '../../src/sandbox/start-sandbox-bot.ts';
import type { BotContext } from '../../src/slack/context.ts';
import { actions, commands, shortcuts, views } from '../../src/slack/ids.ts';
import { registerListeners } from '../../src/slack/listeners/index.ts';
import { createLogger } from '../../src/system/logger.ts';
import { systemClock } from '../../src/system/system-clock.ts';
import { botContextFrom, composeFeatures } from '../../src/wiring/features.ts';
import { tempStore } from '../db/temp-db.ts';

type Registered = Record<
  'command' | 'action' | 'view' | 'shortcut' | 'event' | 'options',
  (string | RegExp)[]
>;

const cleanups: (() => void)[] = [];

/** Registers the real listeners on a stand-in App that only records what is registered. */
async function registered(): Promise<Registered> {
  const seen: Registered = { command: [], action: [], view: [], shortcut: [], event: [], options: [] };
  const id = (c: unknown): string | RegExp => {
    if (typeof c === 'string' || c instanceof RegExp) return c;
    const o = c as { action_id?: string | RegExp; callback_id?: string | RegExp; type?: string };
    return o.action_id ?? o.callback_id ?? o.type ?? JSON.stringify(c);
  };
  const app = new Proxy(
    {},
    {
      get: (_t, prop: string) => (first: unknown) => {
        if (prop in seen) seen[prop as keyof Registered].push(id(first));
      },
    },
  ) as unknown as App;
  const loaded = await loadConfig(exampleConfigFile);
  if (!loaded.ok) throw new Error('the example config must load');
  const temp = tempStore();
  cleanups.push(temp.cleanup);
  const adapters = {
    store: temp.store,
    chat: {} as BotContext['chat'],
    clock: systemClock,
    logger: createLogger({ level: 'silent' }),
    channels: { pm: null, release: null, sig: () => null },
  };
  const ctx = botContextFrom(loaded.config, adapters, composeFeatures(loaded.config, adapters));
  registerListeners(app, ctx);
  return seen;
}

const manifest = parse(readFileSync(new URL('../../manifests/slack-app.yaml', import.meta.url), 'utf8'));
const matches = (ids: (string | RegExp)[], value: string) =>
  ids.some((i) => (typeof i === 'string' ? i === value : i.test(value)));

describe('the listeners the app registers match the manifest and ids.ts', () => {
  let seen: Registered;
  beforeAll(async () => {
    seen = await registered();
  });
  afterAll(() => {
    for (const cleanup of cleanups) cleanup();
  });

  it('registers exactly the manifest’s slash commands', () => {
    const listed = manifest.features.slash_commands.map((c: { command: string }) => c.command).sort();
    expect([...seen.command].sort()).toEqual(listed);
  });

  it('registers exactly the manifest’s shortcuts', () => {
    const listed = manifest.features.shortcuts.map((s: { callback_id: string }) => s.callback_id).sort();
    expect([...seen.shortcut].sort()).toEqual(listed);
  });

  it('registers exactly the manifest’s bot events', () => {
    // Bolt registers `message` for the manifest's message.channels / message.groups
    const subscribed = manifest.settings.event_subscriptions.bot_events.map((e: string) =>
      e.replace(/^message\..*$/, 'message'),
    );
    expect([...seen.event].sort()).toEqual([...new Set<string>(subscribed)].sort());
  });

  it('has a listener for every action and view id in ids.ts, and uses no id that is not there', () => {
    const actionIds = Object.values(actions);
    for (const a of actionIds)
      expect(matches([...seen.action, ...seen.options], a) || a === actions.voteCast, a).toBe(true);
    for (const v of Object.values(views)) expect(matches(seen.view, v), v).toBe(true);
    for (const s of seen.action.filter((x): x is string => typeof x === 'string')) {
      expect(
        actionIds.includes(s as (typeof actionIds)[number]) || s.startsWith(`${actions.voteCast}_`),
        s,
      ).toBe(true);
    }
    expect(Object.values(commands).length).toBe(seen.command.length);
    expect(Object.values(shortcuts).length).toBe(seen.shortcut.length);
  });
});
