import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReleaseCalendar } from '../../src/config/import-calendar.ts';
import { buildDigestModel, type DigestMilestone } from '../../src/domain/digest.ts';
import { renderDigest } from '../../src/domain/digest-markdown.ts';
import { buildDigestBlocks } from '../../src/slack/blocks/digest-blocks.ts';
import { digestInput } from '../domain/digest-fixture.ts';
import { enhancements } from '../fakes/enhancements-repo.ts';

/** The real v1.35 Timeline as the store hands it to the digest (day-only rows start at 00:00 UTC). */
const v135: DigestMilestone[] = parseReleaseCalendar(
  readFileSync(new URL('../fixtures/k8s/schedules/release-1.35/README.md', import.meta.url), 'utf8'),
  'README.md',
).milestones.map((m) => ({
  name: m.name,
  kind: m.kind,
  startsAt: m.at ?? `${m.date}T00:00:00.000Z`,
  date: m.date,
  endDate: m.endDate,
}));

function digestAt(now: string) {
  return buildDigestModel({ ...digestInput(), now: new Date(now), milestones: v135 });
}

describe('Timeline rows that are not deadlines, in the digest', () => {
  // Monday 27 October 2025, 09:00 UTC: "Brace Yourself" is today, KubeCon NA two weeks out.
  const digest = digestAt('2025-10-27T09:00:00Z');

  it('lists deadlines and events apart, each in calendar order, day-only rows through their day', () => {
    expect(digest.deadlines.map((d) => [d.name, d.date])).toEqual([
      ['Begin Feature blog freeze - Open placeholder PRs', null],
      ['Begin Code Freeze and Test Freeze', null],
    ]);
    expect(digest.events.map((e) => [e.name, e.date, e.endDate])).toEqual([
      ['Brace Yourself, Code Freeze is Coming', '2025-10-27', null],
      ['Call for Code Freeze Exceptions', '2025-10-31', null],
      ['v1.35.0-alpha.3 released', '2025-11-05', null],
      ['KubeCon NA', '2025-11-10', '2025-11-13'],
    ]);
  });

  it('shows a day-only deadline as its day, never 00:00 UTC', () => {
    const early = digestAt('2025-10-20T09:00:00Z');
    const docs = early.deadlines.find((d) => d.name === 'Docs deadline — Open placeholder PRs');
    expect(docs).toMatchObject({ date: '2025-10-23', checked: false });
    const slack = JSON.stringify(buildDigestBlocks(early, enhancements));
    expect(slack).toMatch(
      /\*Docs deadline — Open placeholder PRs\*, Thursday,? 23 October 2025: no readiness check/,
    );
    const markdown = renderDigest(early, enhancements);
    expect(markdown).toContain('**Docs deadline — Open placeholder PRs**: 2025-10-23; no readiness check');
    expect(`${slack}${markdown}`).not.toContain('00:00 UTC');
  });

  it('renders Events after Next deadlines in Slack and in Markdown', () => {
    const sections = buildDigestBlocks(digest, enhancements)
      .filter((b) => b.type === 'section')
      .map((b) => ('text' in b && b.text ? b.text.text : ''));
    const deadlines = sections.findIndex((t) => t.startsWith('*Next deadlines*'));
    const events = sections.findIndex((t) => t.startsWith('*Events* (14 days)'));
    expect(events).toBe(deadlines + 1);
    expect(sections[deadlines]).not.toContain('Brace Yourself');
    expect(sections[events]).toMatch(/• Brace Yourself, Code Freeze is Coming, Monday,? 27 October 2025\n/);
    expect(sections[events]).toMatch(
      /• KubeCon NA, Monday,? 10 November 2025 to Thursday,? 13 November 2025$/,
    );
    const markdown = renderDigest(digest, enhancements);
    const section = markdown.slice(markdown.indexOf('## Events (14 days)'));
    expect(markdown.indexOf('## Next deadlines')).toBeLessThan(markdown.indexOf('## Events (14 days)'));
    expect(section).toContain('- KubeCon NA: 2025-11-10 to 2025-11-13');
  });

  it('leaves the Events section out when there are none', () => {
    const quiet = buildDigestModel(digestInput());
    expect(quiet.events).toEqual([]);
    expect(JSON.stringify(buildDigestBlocks(quiet, enhancements))).not.toContain('*Events*');
    expect(renderDigest(quiet, enhancements)).not.toContain('Events');
  });
});
