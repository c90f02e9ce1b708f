import { describe, expect, it } from 'vitest';
import { buildDigestModel } from '../../src/domain/digest.ts';
import { renderDigest } from '../../src/domain/digest-markdown.ts';
import type { StatusUpdate } from '../../src/domain/status.ts';
import { buildDigestBlocks, createDigestMessages } from '../../src/slack/blocks/digest-blocks.ts';
import { checkMessage } from '../../src/slack/blocks/limits.ts';
import { digestInput, keps, update } from '../domain/digest-fixture.ts';
import { enhancements } from '../fakes/enhancements-repo.ts';

const digestMessages = createDigestMessages(enhancements, null);

const allText = (parts: unknown[]) => JSON.stringify(parts);

describe('digest Block Kit', () => {
  const digest = buildDigestModel(digestInput());

  it('renders the hand-built digest (snapshot) within the Block Kit limits', () => {
    const message = digestMessages.digest(digest);
    expect(message.parts).toHaveLength(1);
    expect(checkMessage({ text: message.text, blocks: message.parts[0] })).toEqual([]);
    expect(message.text).toBe('Weekly digest for Node (v1.35): 5 KEP(s), 1 blocked, 0 at risk, 2 stale');
    expect(buildDigestBlocks(digest, enhancements)).toMatchSnapshot();
  });

  it('lists exception requests waiting for a decision only when there are some, in blocks and Markdown', () => {
    const without = buildDigestModel(digestInput());
    expect(JSON.stringify(buildDigestBlocks(without, enhancements))).not.toContain('Exception requests');
    const withOne = buildDigestModel(
      digestInput({
        openExceptions: [
          {
            id: 7,
            kep: 4222,
            kepTitle: 'Faster <!here> pods',
            freeze: 'Code Freeze',
            requestedAt: '2025-10-10T12:00:00.000Z',
          },
        ],
      }),
    );
    const blocks = buildDigestBlocks(withOne, enhancements);
    expect(checkMessage({ text: 'digest', blocks })).toEqual([]);
    const json = JSON.stringify(blocks);
    expect(json).toContain('Exception requests waiting for a decision* (1)');
    expect(json).toContain('#7 KEP-4222 Faster &lt;!here&gt; pods: past Code Freeze');
    expect(renderDigest(withOne, enhancements, 'markdown')).toMatch(
      /## Exception requests waiting for a decision\n\n- #7 KEP-4222 Faster/,
    );
  });

  it('escapes user text: no broadcast, no fake links', () => {
    const json = allText(buildDigestBlocks(digest, enhancements));
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain('Beta &lt;thing&gt; &amp; co');
  });

  it('has a section per part of the digest, in reading order', () => {
    const texts = buildDigestBlocks(digest, enhancements)
      .filter((b) => b.type === 'section')
      .map((b) => ('text' in b && b.text ? b.text.text.split('\n')[0] : ''));
    expect(texts.map((t) => (t ?? '').replace(/\*/g, '').split(' (')[0])).toEqual([
      'KEPs by stage and state',
      '```',
      'What changed since the last digest',
      'Blocked and at risk',
      'Stale',
      'Next deadlines',
      'Votes in the SIG channel',
      'Commit confidence',
      'Facilitator response to drumbeat rounds',
    ]);
  });

  it('spreads a digest too long for one message over thread replies without losing anything', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      ...keps[1]!,
      path: `keps/sig-node/${2000 + i}-k`,
      number: 2000 + i,
      title: `A long KEP title number ${i} ${'x'.repeat(80)}`,
    }));
    const updates: StatusUpdate[] = many.flatMap((k) => [
      update(k.number, 'at-risk', '2025-10-07T10:00:00.000Z', {
        kepPath: k.path,
        note: `note ${k.number} ${'y'.repeat(100)}`,
      }),
      update(k.number, 'blocked', '2025-10-08T10:00:00.000Z', { kepPath: k.path, note: `still ${k.number}` }),
    ]);
    const big = buildDigestModel(
      digestInput({
        keps: many,
        updates,
        latest: new Map(updates.map((u) => [u.kepPath, u])),
        before: new Map(),
        stateSince: new Map(),
        blockers: [],
      }),
    );
    const message = digestMessages.digest(big);
    expect(message.parts.length).toBeGreaterThan(3);
    for (const part of message.parts) {
      expect(part.length).toBeLessThanOrEqual(50);
      expect(checkMessage({ text: message.text, blocks: part })).toEqual([]);
    }
    const json = allText(message.parts);
    for (const k of many) {
      // a row of the table; a link in the changes, in the blocked list and in the not-ready list
      expect(json).toContain(`${k.number}  beta   blocked`);
      expect(json.split(`|KEP-${k.number}>`).length - 1).toBe(3);
    }
    expect(json).toContain('Facilitator response to drumbeat rounds');
  });

  it('tells the PM channel, in one post, which chairs cannot be reached and how to fix it', () => {
    const notice = digestMessages.unreachable([
      {
        sig: 'sig-node',
        sigName: 'Node',
        chairs: ['mrunalp', 'SergeyKanzhelev'],
        problem: null,
        problemCode: null,
      },
      { sig: 'sig-apps', sigName: 'Apps', chairs: [], problem: 'it has no chairs', problemCode: 'no-chairs' },
    ]);
    expect(notice.parts).toHaveLength(1);
    expect(checkMessage({ text: notice.text, blocks: notice.parts[0] })).toEqual([]);
    expect(notice.text).toBe('2 weekly digest(s) cannot reach their readers: sig-node, sig-apps');
    const text = allText(notice.parts);
    expect(text).toContain('add `{ github: LOGIN, slack: U… }` to `people`');
    expect(text).toContain('*Node* (sig-node): chairs `mrunalp`, `SergeyKanzhelev` have no Slack user');
    expect(text).toContain('*Apps* (sig-apps): nobody gets it — it has no chairs');
  });

  it('keeps a notice about many SIGs within Slack’s limits', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      sig: `sig-${i}`,
      sigName: `Group ${i}`,
      chairs: ['someone-with-a-long-login', 'another-long-login-here'],
      problem: null,
      problemCode: null,
    }));
    const notice = digestMessages.unreachable(many);
    for (const part of notice.parts) expect(checkMessage({ text: notice.text, blocks: part })).toEqual([]);
    expect(allText(notice.parts)).toContain('Group 59');
  });
});
