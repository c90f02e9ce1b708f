import { describe, expect, it } from 'vitest';
import { createLanePacer } from '../../../src/slack/outbox/create-lane-pacer.ts';
import { methodsFor } from '../../../src/slack/outbox/resolve-target.ts';

describe('lane pacer', () => {
  it('paces each channel on its own', () => {
    const pacer = createLanePacer(1000);
    pacer.reserve('C1', 0);
    expect(pacer.readyAt('C1')).toBe(1000);
    expect(pacer.readyAt('C2')).toBe(0);
  });

  it('a 429 on a channel pauses that channel only, however many channels are limited', () => {
    const pacer = createLanePacer(1000);
    expect(pacer.rateLimit({ key: 'C1', method: 'chat.postMessage' }, 30_000)).toBe('channel');
    expect(pacer.rateLimit({ key: 'C2', method: 'chat.postMessage' }, 20_000)).toBe('channel');
    expect(pacer.readyAt('C1')).toBe(30_000);
    expect(pacer.readyAt('C2')).toBe(20_000);
    expect(pacer.readyAt('C3')).toBe(0);
    expect(pacer.methodsReadyAt(['chat.postMessage'])).toBe(0);
    expect(pacer.rateLimitedKeys(25_000)).toEqual(['C1']);
  });

  it('a 429 on a call without a channel pauses that method only', () => {
    const pacer = createLanePacer(1000);
    expect(pacer.rateLimit({ key: null, method: 'conversations.open' }, 10_000)).toBe('method');
    expect(pacer.methodsReadyAt(['conversations.open', 'chat.postMessage'])).toBe(10_000);
    expect(pacer.methodsReadyAt(['chat.postMessage'])).toBe(0);
    expect(pacer.pausedMethods(5_000)).toEqual({ 'conversations.open': 10_000 });
    expect(pacer.pausedMethods(10_000)).toEqual({});
  });

  it('a later Retry-After never shortens a pause', () => {
    const pacer = createLanePacer(1000);
    pacer.rateLimit({ key: 'C1', method: 'chat.update' }, 30_000);
    pacer.rateLimit({ key: 'C1', method: 'chat.postMessage' }, 5_000);
    expect(pacer.readyAt('C1')).toBe(30_000);
  });
});

describe('the methods a row calls', () => {
  const ready = { state: 'ready' as const, channel: 'C1', threadTs: null, ts: null, paceKey: 'C1' };
  it.each([
    ['post', false, ready, ['chat.postMessage']],
    ['post', true, ready, ['conversations.history', 'chat.postMessage']],
    ['post', true, { ...ready, threadTs: '1.2' }, ['conversations.replies', 'chat.postMessage']],
    ['dm', false, { ...ready, channel: null }, ['conversations.open', 'chat.postMessage']],
    ['dm', false, { ...ready, channel: 'D1' }, ['chat.postMessage']],
    ['update', true, ready, ['chat.update']],
    ['ephemeral', false, ready, ['chat.postEphemeral']],
    ['publish', false, { ...ready, channel: null }, ['views.publish']],
  ] as const)('%s (uncertain: %s)', (kind, uncertain, target, methods) => {
    expect(methodsFor({ kind, uncertain }, target)).toEqual(methods);
  });
});
