import type { ResolvedSeed } from '../workspace-seed.ts';

/** The workspace's change notification: listeners called after every mutation, and waiting on them. */
export class ChangeFeed {
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` after every mutation; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener that something changed. */
  changed(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A failing listener must not break the workspace or the other listeners.
      }
    }
  }

  /** Resolves with the probe's value once truthy, re-checking on every change and every 20 ms. */
  waitFor<T>(probe: () => T | undefined | false | null, timeoutMs: number, what?: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let lastError: unknown;
      let settled = false;
      const check = (): void => {
        if (settled) return;
        try {
          const value = probe();
          if (value) finish(() => resolve(value as T));
        } catch (error) {
          lastError = error;
        }
      };
      const unsubscribe = this.onChange(check);
      const interval = setInterval(check, 20);
      const timer = setTimeout(() => finish(() => reject(new Error(timeoutMessage()))), timeoutMs);
      const finish = (settle: () => void): void => {
        settled = true;
        unsubscribe();
        clearInterval(interval);
        clearTimeout(timer);
        settle();
      };
      const timeoutMessage = () => waitTimeoutMessage(probe, timeoutMs, what, lastError);
      check();
    });
  }
}

function waitTimeoutMessage(
  probe: () => unknown,
  timeoutMs: number,
  what: string | undefined,
  lastError: unknown,
) {
  const target = what ?? probe.toString().replace(/\s+/g, ' ').slice(0, 200);
  const cause = lastError instanceof Error ? ` (the probe last threw: ${lastError.message})` : '';
  return `waitFor timed out after ${timeoutMs} ms waiting for: ${target}${cause}`;
}

/** What every part of the workspace shares: the seed, the clock and the change feed. */
export interface WorkspaceCore {
  readonly seed: ResolvedSeed;
  readonly now: () => Date;
  readonly feed: ChangeFeed;
}
