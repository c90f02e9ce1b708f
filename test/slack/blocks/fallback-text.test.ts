/**
 * The plain `text` of a message (notifications, screen readers, clients without blocks) is escaped
 * like its blocks: typed text can never become an active mention there.
 */
import { describe, expect, it } from 'vitest';
import { buildStatusHelp } from '../../../src/slack/blocks/kep-status-blocks.ts';

const hostile = '<!channel> <!here> <@U0EVIL> <!subteam^S0EVIL>';
const live = /<!channel>|<!here>|<@U0EVIL>|<!subteam/;

describe('fallback text', () => {
  it('a grammar problem quoting what was typed is escaped in text and blocks', () => {
    const message = buildStatusHelp(`"${hostile}" is not a state`, `5593 ${hostile}`);
    expect(message.text).toMatch(/^Not understood: /);
    expect(message.text).toContain('&lt;!channel&gt;');
    expect(message.text).not.toMatch(live);
    expect(JSON.stringify(message.blocks)).not.toMatch(live);
  });
});
