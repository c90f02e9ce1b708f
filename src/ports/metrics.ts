/**
 * What the bot measures, as events; the Prometheus registry behind it is in system/metrics.ts.
 * Durations are in seconds (Prometheus' base unit).
 */
export interface BotMetrics {
  /** How long Slack waited for the acknowledgement of a request, by surface (command, action…). */
  ackLatency(surface: string, seconds: number): void;
  /** A message reached Slack `seconds` after it was enqueued. */
  outboxDelivered(lane: string, seconds: number): void;
  /** A message was given up on; `error` is a short, bounded reason (method and Slack error). */
  outboxFailed(lane: string, error: string): void;
  /** A message was dropped unsent because it could only have arrived too late. */
  outboxExpired(lane: string): void;
  /** One scheduler pass: how long it ran, and how late it started after it was due. */
  schedulerPass(seconds: number, lagSeconds: number): void;
  /** The reference data (config, imports, KEP checkout) changed on disk and was reloaded or kept. */
  referenceReload(result: 'applied' | 'rejected', at: Date): void;
}

/** Measures nothing: for tests and tools that have no /metrics. */
export const noMetrics: BotMetrics = {
  ackLatency: () => {},
  outboxDelivered: () => {},
  outboxFailed: () => {},
  outboxExpired: () => {},
  schedulerPass: () => {},
  referenceReload: () => {},
};
