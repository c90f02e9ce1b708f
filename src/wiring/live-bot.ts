import type { ResolvedConfig } from '../config/resolved-config.ts';
import type { BotContext } from '../slack/context.ts';
import type { Adapters } from './adapters.ts';
import { botContextFrom, composeFeatures, type Features } from './features.ts';
import { liveView } from './live-view.ts';

/** What the running bot works from: the config in force, the adapters, and what they compose. */
export interface BotSnapshot {
  config: ResolvedConfig;
  adapters: Adapters;
  features: Features;
  ctx: BotContext;
}

/**
 * The bot's features and listener context as live views of one snapshot: a reload composes a new
 * snapshot and swaps it in with one assignment, so no listener or task ever sees half of each.
 */
export interface LiveBot {
  /** Each feature a live view of the current snapshot's (safe to keep, as listeners do). */
  features: Features;
  /** The listener context, a live view of the current snapshot's. */
  ctx: BotContext;
  current(): BotSnapshot;
  /** Composes the features and context for `config` and `adapters`, without using them yet. */
  compose(config: ResolvedConfig, adapters: Adapters): BotSnapshot;
  /** Makes a composed snapshot the current one (one assignment). */
  swap(snapshot: BotSnapshot): void;
}

export function createLiveBot(config: ResolvedConfig, adapters: Adapters): LiveBot {
  let snapshot: BotSnapshot | null = null;
  const current = (): BotSnapshot => {
    if (!snapshot) throw new Error('the bot snapshot is read before it was composed');
    return snapshot;
  };
  const features = liveFeatures(() => current().features);
  const compose = (next: ResolvedConfig, nextAdapters: Adapters): BotSnapshot => ({
    config: next,
    adapters: nextAdapters,
    features: composeFeatures(next, nextAdapters),
    ctx: botContextFrom(next, nextAdapters, features),
  });
  snapshot = compose(config, adapters);
  return {
    features,
    ctx: liveView(() => current().ctx),
    current,
    compose,
    swap(next) {
      snapshot = next;
    },
  };
}

/** Features whose every entry reads through to the current snapshot's. */
function liveFeatures(current: () => Features): Features {
  const view = <K extends keyof Features>(key: K) => liveView(() => current()[key]);
  return {
    votes: view('votes'),
    planning: view('planning'),
    escalation: view('escalation'),
    digest: view('digest'),
    digestSettings: view('digestSettings'),
    schedule: view('schedule'),
    scheduleSettings: view('scheduleSettings'),
    feedback: view('feedback'),
    driftNotice: view('driftNotice'),
    get roundless() {
      return current().roundless;
    },
  };
}
