import { describe, expect, it } from 'vitest';
import type { HomeModel } from '../../src/app/build-home.ts';
import { buildDigestModel } from '../../src/domain/digest.ts';
import type { DeadlineAlertModel } from '../../src/ports/schedule.ts';
import { buildDeadlineAlert } from '../../src/slack/blocks/deadline-alert-blocks.ts';
import { buildDigestBlocks, createDigestMessages } from '../../src/slack/blocks/digest-blocks.ts';
import { buildHomeView } from '../../src/slack/blocks/home-blocks.ts';
import { checkMessage, checkView } from '../../src/slack/blocks/limits.ts';
import { createScheduleMessages } from '../../src/slack/blocks/schedule-messages.ts';
import { releasePageLinksFrom } from '../../src/wiring/release-page-links.ts';
import { digestInput } from '../domain/digest-fixture.ts';
import { enhancements } from '../fakes/enhancements-repo.ts';

const links = releasePageLinksFrom({ url: 'https://drumbeat.example.org/release' })!;
const json = (value: unknown) => JSON.stringify(value);

describe('release page addresses (site.url)', () => {
  it('names the release, a SIG and a KEP page under site.url, and nothing without it', () => {
    expect(links.release).toBe('https://drumbeat.example.org/release');
    expect(links.sig('sig-node')).toBe('https://drumbeat.example.org/release/sig-node');
    expect(links.kep(1287)).toBe('https://drumbeat.example.org/release/kep/1287');
    expect(releasePageLinksFrom({ url: 'https://pages.example.org/k8s/' })!.sig('sig-a b')).toBe(
      'https://pages.example.org/k8s/sig-a%20b',
    );
    expect(releasePageLinksFrom({ url: null })).toBeNull();
  });
});

describe('digest with the release page', () => {
  const digest = buildDigestModel(digestInput());

  it('replaces the KEP tables with counts by stage and by state and a link to the SIG page', () => {
    const blocks = buildDigestBlocks(digest, enhancements, links);
    const text = json(blocks);
    expect(checkMessage({ text: 'digest', blocks })).toEqual([]);
    expect(text).not.toContain('```');
    expect(text).toContain('<https://drumbeat.example.org/release/sig-node|Node on the release page>');
    const stages = new Map<string, number>();
    const states = new Map<string, number>();
    for (const k of digest.keps) {
      stages.set(k.stage ?? 'no stage', (stages.get(k.stage ?? 'no stage') ?? 0) + 1);
      states.set(k.state ?? 'no update', (states.get(k.state ?? 'no update') ?? 0) + 1);
    }
    const overview = blocks.find((b) => json(b).includes('KEPs by stage and state'));
    const lines = (overview as { text: { text: string } }).text.text.split('\n');
    expect(lines[1]!.startsWith('By stage: ')).toBe(true);
    expect(lines[2]!.startsWith('By state: ')).toBe(true);
    const parsed = (line: string) =>
      new Map(
        line
          .replace(/^By \w+: /, '')
          .split(' · ')
          .map((part) => {
            const [n, ...name] = part.split(' ');
            return [name.join(' '), Number(n)] as const;
          }),
      );
    expect(parsed(lines[1]!)).toEqual(stages);
    expect(parsed(lines[2]!)).toEqual(states);
    expect(lines[3]).toContain(`all ${digest.total} KEPs`);
    // the rest of the digest is unchanged
    expect(text).toContain('What changed since the last digest');
    expect(createDigestMessages(enhancements, links).digest(digest).parts.flat()).toEqual(blocks);
  });

  it('is unchanged without the release page', () => {
    const blocks = buildDigestBlocks(digest, enhancements);
    expect(json(blocks)).toContain('```');
    expect(json(blocks)).not.toContain('release page');
    expect(createDigestMessages(enhancements, null).digest(digest).parts.flat()).toEqual(blocks);
  });
});

const alert: DeadlineAlertModel = {
  milestone: { name: 'Code Freeze', kind: 'code-freeze', at: new Date('2025-11-07T02:00:00Z'), date: null },
  deadline: new Date('2025-11-07T02:00:00Z'),
  leadLabel: '2d',
  now: new Date('2025-11-05T02:00:00Z'),
  release: 'v1.35',
  meaning: null,
  checked: true,
  notReady: [],
  kepCount: 3,
  keps: [],
  scope: { kind: 'release' },
};

describe('deadline alert with the release page', () => {
  it('links the release channel alert to the release page and a SIG alert to its page', () => {
    const release = createScheduleMessages(enhancements, links).deadlineAlert(alert);
    expect(json(release.parts)).toContain('<https://drumbeat.example.org/release|The v1.35 release page>');
    const sig = json(
      buildDeadlineAlert({ ...alert, scope: { kind: 'sig', sig: 'sig-node' } }, enhancements, links),
    );
    expect(sig).toContain('<https://drumbeat.example.org/release/sig-node|sig-node on the release page>');
    for (const parts of [release.parts, [buildDeadlineAlert(alert, enhancements, links)]])
      expect(checkMessage({ text: 'alert', blocks: parts[0]! })).toEqual([]);
  });

  it('has no link without the release page', () => {
    expect(json(createScheduleMessages(enhancements, null).deadlineAlert(alert))).not.toContain(
      'release page',
    );
    expect(createScheduleMessages(enhancements, null).deadlineAlert(alert).parts.flat()).toEqual(
      buildDeadlineAlert(alert, enhancements),
    );
  });
});

describe('App Home with the release page', () => {
  const home: HomeModel = {
    user: 'U0ALICE',
    github: 'alice',
    release: 'v1.35',
    now: '2025-10-10T12:00:00.000Z',
    sigs: [],
    keps: [],
    votes: [],
    blockers: [],
    deadlines: [],
    events: [],
    exceptions: [],
  };

  it('points to the release page, and says nothing of it without one', () => {
    const view = buildHomeView(home, enhancements, links);
    expect(checkView(view)).toEqual([]);
    expect(json(view)).toContain('<https://drumbeat.example.org/release|The v1.35 release page>');
    expect(json(buildHomeView(home, enhancements))).not.toContain('release page');
  });
});
