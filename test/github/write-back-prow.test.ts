import { afterEach, describe, expect, it } from 'vitest';
import type { SyncGithubOptions } from '../../src/app/sync-github.ts';
import { prowComment } from '../../src/domain/issue-commands.ts';
import { syntheticGithubSeed } from '../../src/sandbox/github/fixture-github.ts';
import { type GithubHarness, githubHarness } from './github-harness.ts';

const release = 'v1.37';
const repo = 'kubernetes/enhancements';
let h: GithubHarness;
afterEach(async () => h?.close());

async function tracked(options: Partial<SyncGithubOptions> = {}) {
  const seed = syntheticGithubSeed(3, release);
  seed.labels = [...(seed.labels ?? []), 'tracked/yes', 'tracked/no'];
  for (const issue of seed.issues ?? []) issue.labels = [...issue.labels, 'tracked/yes'].sort();
  h = await githubHarness({ seed, start: '2026-02-01T12:00:00.000Z', options: { release, ...options } });
  await h.sync();
  h.clock.advance(60_000);
}

const calls = (name: string) => h.fake.requests.filter((r) => r.operationName === name);

describe('the Prow commands', () => {
  it('are the handbook’s text, one a line', () => {
    expect(
      prowComment([
        { kind: 'remove-label', label: 'tracked/yes' },
        { kind: 'add-label', label: 'tracked/no' },
        { kind: 'clear-milestone', label: '' },
      ]),
    ).toBe('/remove-label tracked/yes\n/label tracked/no\n/milestone clear');
    expect(
      prowComment([
        { kind: 'add-label', label: 'tracked/yes' },
        { kind: 'remove-label', label: 'tracked/no' },
        { kind: 'set-milestone', label: 'v1.37' },
      ]),
    ).toBe('/label tracked/yes\n/remove-label tracked/no\n/milestone v1.37');
  });
});

describe('removing a KEP from the milestone on the board', () => {
  it('is planned and shown by a dry run, and changes nothing', async () => {
    await tracked({ writeBack: true });
    h.state.setBoardField(10_001, 'Status', 'Removed from Milestone');
    h.fake.requests.length = 0;
    const summary = await h.sync({ dryRun: true });
    expect(summary.writeBack).toMatchObject({
      mode: 'dry-run',
      via: 'prow',
      comments: [
        { repo, issueNumber: 10_001, body: '/remove-label tracked/yes\n/label tracked/no\n/milestone clear' },
      ],
    });
    expect(summary.writeBack?.actions.map((a) => a.action.description)).toEqual([
      `remove label tracked/yes from ${repo}#10001`,
      `add label tracked/no to ${repo}#10001`,
      `clear the milestone of ${repo}#10001`,
    ]);
    expect(calls('AddComment')).toEqual([]);
    expect(h.state.issues.get(10_001)).toMatchObject({ milestone: release });
  });

  it('via Prow: one comment with exactly the handbook’s commands, applied once, verified by the next sync', async () => {
    await tracked({ writeBack: true });
    h.state.setBoardField(10_001, 'Status', 'Removed From Milestone');
    h.fake.requests.length = 0;
    const applied = await h.sync();
    expect(applied.writeBack?.actions.map((a) => a.outcome)).toEqual(['applied', 'applied', 'applied']);
    expect(h.state.comments.get(10_001)?.map((c) => c.body)).toEqual([
      '/remove-label tracked/yes\n/label tracked/no\n/milestone clear',
    ]);
    expect(calls('AddLabels')).toEqual([]);
    expect(calls('RemoveLabels')).toEqual([]);
    expect(h.state.issues.get(10_001)).toMatchObject({
      milestone: null,
      labels: expect.arrayContaining(['tracked/no']),
    });
    h.clock.advance(60_000);
    const next = await h.sync();
    expect(next.writeBackChecks).toEqual({ verified: 3, awaiting: 0 });
    expect(next.writeBack?.actions).toEqual([]);
    expect(h.state.comments.get(10_001)).toHaveLength(1);
    expect(
      h.store.githubWriteBack.list().every((a) => a.appliedVia === 'prow' && a.verifiedAt !== null),
    ).toBe(true);
  });

  it('via Prow, after a crash between the comment and the record, the comment is not posted again', async () => {
    await tracked({ writeBack: true });
    h.state.prow = false; // Prow has not acted yet
    h.state.setBoardField(10_002, 'Status', 'Removed From Milestone');
    await h.sync({ dryRun: true });
    const body = '/remove-label tracked/yes\n/label tracked/no\n/milestone clear';
    h.state.addComment(10_002, body); // posted just before the crash, not recorded
    const restarted = h.reopen();
    expect(restarted.githubWriteBack.list('planned')).toHaveLength(3);
    h.fake.requests.length = 0;
    const summary = await h.sync();
    expect(summary.writeBack?.actions.map((a) => a.outcome)).toEqual(['applied', 'applied', 'applied']);
    expect(calls('AddComment')).toEqual([]);
    expect(h.state.comments.get(10_002)).toHaveLength(1);
    expect(summary.writeBackChecks).toEqual({ verified: 0, awaiting: 0 });
    h.clock.advance(60_000);
    const awaiting = await h.sync();
    expect(awaiting.writeBackChecks).toEqual({ verified: 0, awaiting: 3 });
  });

  it('via the API: exactly the label and milestone mutations, and none again', async () => {
    await tracked({ writeBack: true, writeBackVia: 'api' });
    h.state.setBoardField(10_000, 'Status', 'Removed From Milestone');
    h.fake.requests.length = 0;
    const applied = await h.sync();
    expect(applied.writeBack?.actions.map((a) => [a.action.kind, a.outcome])).toEqual([
      ['remove-label', 'applied'],
      ['add-label', 'applied'],
      ['clear-milestone', 'applied'],
    ]);
    expect(calls('RemoveLabels')).toHaveLength(1);
    expect(calls('AddLabels')).toHaveLength(1);
    expect(calls('SetMilestone')).toHaveLength(1);
    expect(calls('AddComment')).toEqual([]);
    expect(h.state.issues.get(10_000)).toMatchObject({
      milestone: null,
      labels: expect.arrayContaining(['tracked/no']),
    });
    h.clock.advance(60_000);
    h.fake.requests.length = 0;
    const again = await h.sync();
    expect(again.writeBack?.actions).toEqual([]);
    expect(calls('RemoveLabels').length + calls('AddLabels').length + calls('SetMilestone').length).toBe(0);
  });

  it('adding it back as Tracked plans the reverse commands with the release milestone', async () => {
    await tracked({ writeBack: true });
    h.state.setBoardField(10_001, 'Status', 'Removed From Milestone');
    await h.sync();
    h.clock.advance(60_000);
    h.state.setBoardField(10_001, 'Status', 'Tracked for Code Freeze');
    const back = await h.sync();
    expect(back.writeBack?.comments).toEqual([
      { repo, issueNumber: 10_001, body: '/label tracked/yes\n/remove-label tracked/no\n/milestone v1.37' },
    ]);
    expect(h.state.issues.get(10_001)).toMatchObject({
      milestone: release,
      labels: expect.arrayContaining(['tracked/yes']),
    });
    expect(h.state.issues.get(10_001)?.labels).not.toContain('tracked/no');
  });
});
