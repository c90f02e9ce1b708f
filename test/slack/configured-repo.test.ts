import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load-config.ts';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import { buildDigestModel } from '../../src/domain/digest.ts';
import { renderDigest } from '../../src/domain/digest-markdown.ts';
import { repoLinksFor } from '../../src/domain/repo-links.ts';
import type { EscalationItem } from '../../src/ports/escalation.ts';
import { exampleConfigFile } from '../../src/sandbox/start-sandbox-bot.ts';
import { buildKepCard } from '../../src/slack/blocks/kep-status-blocks.ts';
import type { Adapters } from '../../src/wiring/adapters.ts';
import { botContextFrom, composeFeatures } from '../../src/wiring/features.ts';
import { RecordingChat, recordingLogger } from '../app/schedule-rig.ts';
import { makeKep } from '../db/factories.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { digestInput, now } from '../domain/digest-fixture.ts';

const fork = 'https://github.com/example/enhancements-fork';

/** The example config with `github.repo: example/enhancements-fork`. */
function forkConfig(): ResolvedConfig {
  const text = readFileSync(exampleConfigFile, 'utf8');
  const changed = text.replace(/^ {2}repo: kubernetes\/enhancements$/m, '  repo: example/enhancements-fork');
  expect(changed).not.toBe(text);
  const loaded = parseConfigText(changed, exampleConfigFile);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.config;
}

const mentionsUpstream = (value: unknown) => JSON.stringify(value).includes('kubernetes/enhancements');

describe('github.repo names the enhancements repository every link goes to', () => {
  let temp: TempStore | null = null;
  afterEach(() => {
    temp?.cleanup();
    temp = null;
  });

  function composed(config: ResolvedConfig) {
    temp = tempStore();
    const clock = { now: () => now };
    const adapters: Adapters = {
      store: temp.store,
      chat: new RecordingChat(clock),
      clock,
      logger: recordingLogger(),
      channels: { pm: null, release: null, sig: () => null },
    };
    const features = composeFeatures(config, adapters);
    return { features, ctx: botContextFrom(config, adapters, features) };
  }

  it('links a KEP card, a digest (Slack and Markdown) and an escalation to the configured fork', () => {
    const config = forkConfig();
    expect(config.github.repo).toBe('example/enhancements-fork');
    const { features, ctx } = composed(config);

    const kep = makeKep({ number: 4222, path: 'keps/sig-node/4222-example' });
    const card = buildKepCard({ kep, release: 'v1.35', history: [], blockers: [] }, now, ctx.repo);
    expect(JSON.stringify(card)).toContain(`${fork}/issues/4222`);
    expect(JSON.stringify(card)).toContain(`${fork}/tree/master/keps/sig-node/4222-example`);
    expect(mentionsUpstream(card)).toBe(false);

    const digest = buildDigestModel(digestInput());
    const slack = features.digest.messages.digest(digest);
    expect(JSON.stringify(slack)).toContain(`${fork}/issues/`);
    expect(mentionsUpstream(slack)).toBe(false);
    const markdown = renderDigest(digest, repoLinksFor(config.github.repo));
    expect(markdown).toContain(`](${fork}/issues/`);
    expect(markdown).not.toContain('kubernetes/enhancements');

    const item: EscalationItem = {
      blockerId: 1,
      kep: { number: 1287, title: 'In-place pod resize', sig: 'sig-node' },
      waitsOn: 'sig-api-machinery',
      party: { kind: 'sig', sig: 'sig-api-machinery', key: 'sig:sig-api-machinery', via: null },
      declaredBy: 'U0ALICE',
      openedAt: now,
      age: '3d (business days)',
      milestoneAtRisk: null,
      dependents: [],
      relationship: null,
      open: true,
      closedBy: null,
      closeReason: null,
      acknowledgedBy: null,
      snoozedUntil: null,
    };
    const escalation = features.escalation.messages.message({
      kind: 'post',
      key: 'escalation:1',
      step: 0,
      release: 'v1.35',
      partyLabel: 'sig-api-machinery',
      mention: [],
      items: [item],
      now,
    });
    expect(JSON.stringify(escalation)).toContain(`${fork}/issues/1287`);
    expect(mentionsUpstream(escalation)).toBe(false);
  });
});
