import { describe, expect, it } from 'vitest';
import { reasonMaxLength, shortenReason } from '../../src/domain/milestone-removal.ts';
import type { NotReadyKep } from '../../src/domain/readiness.ts';
import type { DeadlineAlertModel } from '../../src/ports/schedule.ts';
import { messageBlockProblems } from '../../src/sandbox/check-blocks.ts';
import {
  buildRemovalConfirm,
  buildRemovalNotice,
  parseRemovalButtonValue,
} from '../../src/slack/blocks/removal-blocks.ts';
import { buildRemovalPicker } from '../../src/slack/blocks/removal-picker.ts';
import { makeKep } from '../db/factories.ts';
import { enhancements } from '../fakes/enhancements-repo.ts';

const kep = {
  ...makeKep({ number: 5593, title: `<!channel> ${'very long title '.repeat(40)}` }),
  firstSeenAt: '',
  updatedAt: '',
};
const reason = shortenReason(`*bold* <@U123> ${'x'.repeat(500)}`);

describe('removal blocks stay within Slack limits and escape user text', () => {
  it('the confirm step with the longest reason and title', () => {
    const confirm = buildRemovalConfirm({ direction: 'remove', kep, release: 'v1.35', reason }, enhancements);
    expect(messageBlockProblems(confirm.text, confirm.blocks)).toEqual([]);
    // mrkdwn is escaped; plain text (the confirm dialog) and the button's value are never parsed
    const shown = JSON.stringify(confirm.blocks[0]);
    expect(shown).not.toContain('<!channel>');
    expect(shown).toContain('&lt;@U123&gt;');
    expect(confirm.text).not.toContain('<@U123>');
    const button = (confirm.blocks[1] as { elements: Array<{ value: string }> }).elements[0]!;
    expect(parseRemovalButtonValue(button.value)).toEqual({ kep: 5593, reason });
    expect([...reason].length).toBe(reasonMaxLength);
  });

  it('the SIG channel notice', () => {
    const notice = buildRemovalNotice(
      {
        direction: 'remove',
        kep,
        board: 'Tracked For Code Freeze',
        removal: {
          id: 1,
          release: 'v1.35',
          kepNumber: 5593,
          kepPath: kep.path,
          sig: 'sig-node',
          reason,
          removedBy: 'U0000000002',
          removedAt: '2026-02-12T10:00:00Z',
          board: 'kubernetes/1',
          undoneAt: null,
          undoneBy: null,
        },
      },
      enhancements,
    );
    expect(messageBlockProblems(notice.text, notice.blocks)).toEqual([]);
    expect(JSON.stringify(notice.blocks)).toContain('<@U0000000002>');
    expect(JSON.stringify(notice.blocks)).not.toContain('<@U123>');
    expect(JSON.stringify(notice.blocks)).toContain("the board's Status is what counts");
  });

  it('the alert menu caps its options at 100 and only appears in the release channel', () => {
    const notReady: NotReadyKep[] = Array.from({ length: 130 }, (_, i) => ({
      kep: makeKep({ number: 1000 + i, title: 'x'.repeat(200) }),
      status: 'At Risk For Code Freeze',
      selfReport: null,
      reasons: ['no PRR approval'],
    }));
    const model: DeadlineAlertModel = {
      milestone: {
        name: 'Code Freeze',
        kind: 'code-freeze',
        at: new Date('2026-02-26T02:00:00Z'),
        date: null,
      },
      deadline: new Date('2026-02-26T02:00:00Z'),
      leadLabel: '2h',
      now: new Date('2026-02-26T00:00:00Z'),
      release: 'v1.35',
      meaning: null,
      checked: true,
      notReady,
      kepCount: 130,
      keps: [],
      scope: { kind: 'release' },
    };
    const blocks = buildRemovalPicker(model);
    expect(messageBlockProblems('alert', blocks)).toEqual([]);
    const options = (blocks[1] as { elements: Array<{ options: Array<{ value: string }> }> }).elements[0]!
      .options;
    expect(options).toHaveLength(100);
    expect(parseRemovalButtonValue(options[0]!.value)).toEqual({
      kep: 1000,
      reason: 'missed Code Freeze',
      after: '2026-02-26T02:00:00.000Z',
    });
    expect(buildRemovalPicker({ ...model, scope: { kind: 'sig', sig: 'sig-node' } })).toEqual([]);
    expect(buildRemovalPicker({ ...model, notReady: [] })).toEqual([]);
  });
});
