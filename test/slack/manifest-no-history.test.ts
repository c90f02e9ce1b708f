/**
 * The manifest variant without the `*:history` scopes is Slack-valid and is the Socket Mode
 * manifest minus exactly those scopes and the message events that need them.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const schema = JSON.parse(read('test/fixtures/slack-manifest-schema/manifest.schema.1.0.0.json')) as object;
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

interface Manifest {
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] } };
}

const full = parse(read('manifests/slack-app.yaml')) as Manifest;
const variant = parse(read('manifests/slack-app-no-history.yaml')) as Manifest;
const historyScopes = ['channels:history', 'groups:history', 'im:history'];

describe('manifest without history scopes', () => {
  it('validates against manifest.schema.1.0.0.json', () => {
    expect(validate(variant), JSON.stringify(validate.errors)).toBe(true);
  });

  it('holds no *:history scope and no message event', () => {
    expect(variant.oauth_config.scopes.bot.filter((s) => s.endsWith(':history'))).toEqual([]);
    expect(variant.settings.event_subscriptions.bot_events.filter((e) => e.startsWith('message.'))).toEqual(
      [],
    );
  });

  it('is otherwise the Socket Mode manifest', () => {
    const expected = structuredClone(full);
    expected.oauth_config.scopes.bot = full.oauth_config.scopes.bot.filter((s) => !historyScopes.includes(s));
    expected.settings.event_subscriptions.bot_events = full.settings.event_subscriptions.bot_events.filter(
      (e) => !e.startsWith('message.'),
    );
    expect(variant).toEqual(expected);
  });
});
