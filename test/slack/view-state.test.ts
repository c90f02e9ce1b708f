import { describe, expect, it } from 'vitest';
import type { BlockerRef } from '../../src/domain/status-command.ts';
import { blocks } from '../../src/slack/ids.ts';
import {
  decodeStatusModalMetadata,
  encodeStatusModalMetadata,
  formatBlockedBy,
  parseBlockedBy,
  readStatusModal,
  type StatusModalField,
  statusModalFields,
} from '../../src/slack/view-state.ts';

type Given = Partial<Record<StatusModalField, string | null>>;

/** `state.values` as Slack sends it: every input present, empty ones null. */
function values(given: Given): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  const selects: StatusModalField[] = ['kep', 'state', 'increment'];
  for (const name of Object.keys(statusModalFields) as StatusModalField[]) {
    const { block, action } = statusModalFields[name];
    const value = given[name] ?? null;
    out[block] = {
      [action]: selects.includes(name)
        ? {
            type: 'static_select',
            selected_option: value === null ? null : { text: { type: 'plain_text', text: value }, value },
          }
        : { type: 'plain_text_input', value },
    };
  }
  return out;
}

const options = {
  increments: 4,
  isKnownSig: (dir: string) => ['sig-auth', 'sig-node'].includes(dir),
  isKnownKep: (n: number) => n !== 99999,
};

describe('readStatusModal', () => {
  it('reads a complete, valid submission', () => {
    const reading = readStatusModal(
      values({
        kep: '4222',
        state: 'at-risk',
        confidence: ' 60 ',
        increment: '2',
        blockedBy: '#1234 and sig-auth',
        note: '  waiting  ',
      }),
      options,
    );
    expect(reading).toEqual({
      ok: true,
      value: {
        kep: 4222,
        state: 'at-risk',
        confidence: 60,
        increment: 2,
        blockers: [
          { type: 'kep', kep: 1234 },
          { type: 'sig', sig: 'sig-auth' },
        ],
        note: 'waiting',
      },
    });
  });

  it('treats empty optional inputs as not given', () => {
    const reading = readStatusModal(
      values({ kep: '4222', state: 'done', confidence: '', note: '' }),
      options,
    );
    expect(reading).toEqual({
      ok: true,
      value: { kep: 4222, state: 'done', confidence: null, increment: null, blockers: [], note: '' },
    });
  });

  it('ignores the increment when the release has no coding period', () => {
    const reading = readStatusModal(values({ kep: '4222', state: 'done', increment: '9' }), {
      increments: null,
    });
    expect(reading.ok && reading.value.increment).toBeNull();
  });

  it.each([
    { given: { state: 'done' }, block: blocks.kepStatusKep, error: /^Pick a KEP/ },
    { given: { kep: 'abc', state: 'done' }, block: blocks.kepStatusKep, error: /"abc" is not a KEP number/ },
    { given: { kep: '4222' }, block: blocks.kepStatusState, error: /^Pick a state: on-track, at-risk/ },
    { given: { kep: '4222', state: 'sideways' }, block: blocks.kepStatusState, error: /^Pick a state/ },
    {
      given: { kep: '4222', state: 'done', confidence: '101' },
      block: blocks.kepStatusConfidence,
      error: /0 to 100/,
    },
    {
      given: { kep: '4222', state: 'done', confidence: '-1' },
      block: blocks.kepStatusConfidence,
      error: /not "-1"/,
    },
    {
      given: { kep: '4222', state: 'done', confidence: '55.5' },
      block: blocks.kepStatusConfidence,
      error: /whole number/,
    },
    {
      given: { kep: '4222', state: 'done', increment: '5' },
      block: blocks.kepStatusIncrement,
      error: /one of the 4 increments/,
    },
    {
      given: { kep: '4222', state: 'done', increment: '0' },
      block: blocks.kepStatusIncrement,
      error: /one of the 4/,
    },
    {
      given: { kep: '4222', state: 'done', blockedBy: 'foo' },
      block: blocks.kepStatusBlockedBy,
      error: /"foo" is not a KEP/,
    },
    {
      given: { kep: '4222', state: 'done', blockedBy: 'sig-nope' },
      block: blocks.kepStatusBlockedBy,
      error: /sig-nope is not a SIG Drumbeat knows/,
    },
    {
      given: { kep: '4222', state: 'done', blockedBy: '#99999' },
      block: blocks.kepStatusBlockedBy,
      error: /KEP-99999 is not a KEP Drumbeat knows/,
    },
    {
      given: { kep: '4222', state: 'done', blockedBy: 'KEP-4222' },
      block: blocks.kepStatusBlockedBy,
      error: /KEP-4222 cannot block itself/,
    },
    {
      given: { kep: '4222', state: 'done', note: 'é'.repeat(2001) },
      block: blocks.kepStatusNote,
      error: /2001 characters long; shorten it to 2000/,
    },
  ])('$given → an error on $block', ({ given, block, error }) => {
    const reading = readStatusModal(values(given as Given), options);
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(Object.keys(reading.errors)).toEqual([block]);
    expect(reading.errors[block]).toMatch(error);
  });

  it('reports every wrong input at once, one message per block', () => {
    const reading = readStatusModal(
      values({ confidence: 'x', blockedBy: 'zzz', note: 'n'.repeat(2500) }),
      options,
    );
    expect(!reading.ok && Object.keys(reading.errors).sort()).toEqual(
      [
        blocks.kepStatusKep,
        blocks.kepStatusState,
        blocks.kepStatusConfidence,
        blocks.kepStatusBlockedBy,
        blocks.kepStatusNote,
      ].sort(),
    );
  });

  it('accepts a note of exactly 2000 characters (counted as Slack does, by code point)', () => {
    const reading = readStatusModal(values({ kep: '4222', state: 'done', note: '😀'.repeat(2000) }), options);
    expect(reading.ok && [...reading.value.note].length).toBe(2000);
  });

  it.each([null, 'text', [], { [blocks.kepStatusKep]: 'not an object' }])(
    'answers a malformed state (%j) on the KEP field instead of throwing',
    (malformed) => {
      const reading = readStatusModal(malformed, options);
      expect(!reading.ok && reading.errors[blocks.kepStatusKep]).toMatch(/run \/kep-status again/);
    },
  );
});

describe('parseBlockedBy', () => {
  it.each<[string, BlockerRef[]]>([
    ['', []],
    ['#1234', [{ type: 'kep', kep: 1234 }]],
    [
      '#1234, sig-auth',
      [
        { type: 'kep', kep: 1234 },
        { type: 'sig', sig: 'sig-auth' },
      ],
    ],
    [
      'KEP-1234 and SIG-Auth',
      [
        { type: 'kep', kep: 1234 },
        { type: 'sig', sig: 'sig-auth' },
      ],
    ],
    [
      'kep 1234; 4222',
      [
        { type: 'kep', kep: 1234 },
        { type: 'kep', kep: 4222 },
      ],
    ],
    ['https://github.com/kubernetes/enhancements/issues/1234', [{ type: 'kep', kep: 1234 }]],
    ['#1234 #1234 1234', [{ type: 'kep', kep: 1234 }]],
    [
      '"API review", sig-node',
      [
        { type: 'party', name: 'API review' },
        { type: 'sig', sig: 'sig-node' },
      ],
    ],
    [
      '“API  review” & "" + wg-batch',
      [
        { type: 'party', name: 'API review' },
        { type: 'sig', sig: 'wg-batch' },
      ],
    ],
  ])('%j', (text, refs) => {
    expect(parseBlockedBy(text)).toEqual({ ok: true, refs });
  });

  it.each([
    ['api review', '"api", "review" are not a KEP'],
    ['#0', '"#0" is not a KEP'],
    ['@alice', '"@alice" is not a KEP'],
  ])('%j → a problem naming the tokens', (text, problem) => {
    const parsed = parseBlockedBy(text);
    expect(!parsed.ok && parsed.problem).toContain(problem);
  });

  it('refuses more than 20 blockers', () => {
    const text = Array.from({ length: 21 }, (_, i) => `#${i + 1}`).join(', ');
    expect(parseBlockedBy(text)).toEqual({ ok: false, problem: 'That is 21 blockers; name at most 20.' });
  });

  it('formats blockers so they read back the same', () => {
    const refs: BlockerRef[] = [
      { type: 'kep', kep: 1234 },
      { type: 'sig', sig: 'sig-auth' },
      { type: 'party', name: 'the "API" review' },
    ];
    const text = formatBlockedBy(refs);
    expect(text).toBe(`#1234, sig-auth, "the 'API' review"`);
    expect(parseBlockedBy(text)).toEqual({
      ok: true,
      refs: [refs[0], refs[1], { type: 'party', name: "the 'API' review" }],
    });
  });
});

describe('status modal private_metadata', () => {
  it('round-trips, versioned', () => {
    const text = encodeStatusModalMetadata({ v: 1, channel: 'C0123NODE' });
    expect(JSON.parse(text)).toEqual({ v: 1, channel: 'C0123NODE' });
    expect(decodeStatusModalMetadata(text)).toEqual({ v: 1, channel: 'C0123NODE' });
    expect(decodeStatusModalMetadata(encodeStatusModalMetadata({ v: 1, channel: null }))).toEqual({
      v: 1,
      channel: null,
    });
  });

  it.each([
    undefined,
    '',
    'not json',
    '{"v":2,"channel":"C0123NODE"}',
    '{"v":1,"channel":"#sig-node"}',
    '[]',
  ])('reads %j as no metadata', (text) => {
    expect(decodeStatusModalMetadata(text)).toBeNull();
  });

  it('refuses to encode a channel that is not a conversation id', () => {
    expect(() => encodeStatusModalMetadata({ v: 1, channel: '#sig-node' })).toThrow();
  });
});
