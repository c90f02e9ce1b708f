import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { isScalar, isSeq, parse, parseDocument } from 'yaml';
import { commands, events, shortcuts } from '../../src/slack/ids.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const readJson = (path: string): unknown => JSON.parse(read(path));

const schemaDir = 'test/fixtures/slack-manifest-schema/';
const ajv = new Ajv({ strict: false, allErrors: true });
const validate = ajv.compile(readJson(`${schemaDir}manifest.schema.1.0.0.json`) as object);

/** The parts of a manifest these tests read. */
interface Manifest {
  display_information: { name: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: Array<{ command: string; description: string; usage_hint?: string; url?: string }>;
    shortcuts: Array<{ callback_id: string; type: string; name: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean; request_url?: string; message_menu_options_url?: string };
    socket_mode_enabled: boolean;
  };
}

const files = { socket: 'manifests/slack-app.yaml', http: 'manifests/slack-app-http.yaml' } as const;
const manifests = {
  socket: parse(read(files.socket)) as Manifest,
  http: parse(read(files.http)) as Manifest,
};
const both = Object.entries(manifests) as Array<[keyof typeof files, Manifest]>;
const eventsUrl = 'https://drumbeat.example.org/slack/events';

/** The fewest bot scopes that cover DESIGN.md (each justified in a YAML comment). */
const expectedScopes = [
  'commands',
  'chat:write',
  'im:write',
  'channels:read',
  'groups:read',
  'users:read',
  'usergroups:read',
  'channels:history',
  'groups:history',
  'im:history',
  'reactions:read',
];

function schemaErrors(value: unknown): string[] {
  return validate(value)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** Every string value under `key` anywhere in `value`. */
function valuesOf(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesOf(v, key));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [...(k === key ? [v] : []), ...valuesOf(v, key)]);
}

/** A manifest without its transport-specific settings, to compare the two files. */
function withoutTransport(m: Manifest): unknown {
  const copy = structuredClone(m) as Manifest;
  for (const c of copy.features.slash_commands) delete c.url;
  delete copy.settings.event_subscriptions.request_url;
  delete copy.settings.interactivity.request_url;
  delete copy.settings.interactivity.message_menu_options_url;
  copy.settings.socket_mode_enabled = false;
  return copy;
}

describe("Slack's manifest schema (proves the validator is live)", () => {
  it('accepts the schema repository’s valid example', () => {
    expect(schemaErrors(readJson(`${schemaDir}example.v1.valid.json`))).toEqual([]);
  });

  it('rejects the invalid example for its unknown settings.bad_param', () => {
    const problems = schemaErrors(readJson(`${schemaDir}example.v1.invalid.json`));
    expect(problems).toContain('/settings must NOT have additional properties');
    expect(validate.errors?.some((e) => e.params.additionalProperty === 'bad_param')).toBe(true);
  });

  it('rejects a shortcut name over 24 characters', () => {
    const broken = structuredClone(manifests.socket);
    broken.features.shortcuts[0]!.name = 'Start fist-to-five on this';
    expect(schemaErrors(broken)).toContain(
      '/features/shortcuts/0/name must NOT have more than 24 characters',
    );
  });
});

describe.each(both)('%s manifest', (_kind, manifest) => {
  it('validates against manifest.schema.1.0.0.json', () => {
    expect(schemaErrors(manifest)).toEqual([]);
  });

  it('is Drumbeat with a bot user, App Home tabs and interactivity', () => {
    expect(manifest.display_information.name).toBe('Drumbeat');
    expect(manifest.features.bot_user.display_name).toBe('Drumbeat');
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('lists exactly the commands, shortcuts and events in ids.ts', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(
      Object.values(commands).sort(),
    );
    expect(manifest.features.shortcuts.map((s) => s.callback_id).sort()).toEqual(
      Object.values(shortcuts).sort(),
    );
    // the manifest names message events per conversation type; Bolt and ids.ts say `message`
    const subscribed = manifest.settings.event_subscriptions.bot_events.map((e) =>
      e.replace(/^message\..*$/, 'message'),
    );
    expect([...new Set(subscribed)].sort()).toEqual(Object.values(events).sort());
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['message.channels', 'message.groups']),
    );
    expect(manifest.features.shortcuts.every((s) => s.type === 'message')).toBe(true);
  });

  it('gives every command a description and a usage hint', () => {
    for (const c of manifest.features.slash_commands) {
      expect(c.description.length, c.command).toBeGreaterThan(10);
      expect(c.usage_hint, c.command).toMatch(/help/);
    }
  });

  it('asks for the fewest bot scopes, each justified in a comment', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(expectedScopes);
    const seq = parseDocument(read(files[_kind])).getIn(['oauth_config', 'scopes', 'bot'], true);
    expect(isSeq(seq)).toBe(true);
    if (!isSeq(seq)) return;
    seq.items.forEach((item, i) => {
      const comment = i === 0 ? (seq.commentBefore ?? '') : isScalar(item) ? (item.commentBefore ?? '') : '';
      expect(comment.trim().length, String(isScalar(item) ? item.value : i)).toBeGreaterThan(10);
    });
  });
});

describe('Socket Mode versus HTTP', () => {
  it('Socket Mode is on and no request URL is given', () => {
    const m = manifests.socket;
    expect(m.settings.socket_mode_enabled).toBe(true);
    for (const key of ['url', 'request_url', 'message_menu_options_url'])
      expect(valuesOf(m, key), key).toEqual([]);
  });

  it('HTTP mode is off Socket Mode and sends everything to /slack/events', () => {
    const m = manifests.http;
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.features.slash_commands.map((c) => c.url)).toEqual(
      m.features.slash_commands.map(() => eventsUrl),
    );
    expect(m.settings.interactivity.request_url).toBe(eventsUrl);
    expect(m.settings.interactivity.message_menu_options_url).toBe(eventsUrl);
    expect(m.settings.event_subscriptions.request_url).toBe(eventsUrl);
  });

  it('the two manifests are otherwise identical', () => {
    expect(withoutTransport(manifests.http)).toEqual(withoutTransport(manifests.socket));
  });
});
