import type { DeliveryResult, EnvelopeType, SocketModeHub } from '../socket-mode-hub.ts';
import type { DriverResult, RequestKind, Transport } from './types.ts';

const envelopeTypes: Record<RequestKind, EnvelopeType> = {
  command: 'slash_commands',
  interactive: 'interactive',
  event: 'events_api',
};

/** Delivers each payload as a Socket Mode envelope through the hub. */
export function createSocketTransport(hub: SocketModeHub): Transport {
  return {
    send: (kind, payload) => hub.deliver(envelopeTypes[kind], payload).then(fromDelivery, fromUndelivered),
    raw: () =>
      Promise.reject(
        new Error('raw() sends HTTP bytes and works with createHttpDriver only, not in Socket Mode.'),
      ),
  };
}

function fromDelivery(delivery: DeliveryResult): DriverResult {
  return { status: 200, body: delivery.ackPayload, retriesSent: delivery.attempts - 1 };
}

function fromUndelivered(error: unknown): DriverResult {
  const message = error instanceof Error ? error.message : String(error);
  return { status: 504, body: { error: 'operation_timeout', message } };
}
