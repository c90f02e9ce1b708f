import { afterEach, describe, expect, it } from 'vitest';
import { applyWriteBack } from '../../src/app/apply-write-back.ts';
import { planWriteBack } from '../../src/app/plan-write-back.ts';
import { drive, type GithubHarness, githubHarness, silentLogger } from './github-harness.ts';

let h: GithubHarness;
afterEach(async () => h?.close());

const repo = 'kubernetes/enhancements';

/** The milestone-approved label through the API (`writeBack.via: api`); Prow mode has its own tests. */
async function syncedWithPlan(options: Parameters<typeof githubHarness>[0] = {}) {
  h = await githubHarness({ ...options, options: { writeBackVia: 'api', ...options.options } });
  await h.sync();
  const [a, b] = h.store.githubSnapshots.listIssues(repo);
  const plan = planWriteBack(h, {
    repo,
    label: 'milestone-approved',
    reason: 'vote 12 approved',
    issueNumbers: [a!.number, b!.number],
  });
  h.fake.requests.length = 0;
  return { numbers: [a!.number, b!.number], plan };
}

const addLabelCalls = () => h.fake.requests.filter((r) => r.operationName === 'AddLabels');

describe('planning', () => {
  it('plans one action per issue, once', async () => {
    const { numbers, plan } = await syncedWithPlan();
    expect(plan.planned.map((a) => a.description)).toEqual(
      numbers.map((n) => `add label milestone-approved to ${repo}#${n}`),
    );
    const again = planWriteBack(h, {
      repo,
      label: 'milestone-approved',
      reason: 'vote 13 approved',
      issueNumbers: numbers,
    });
    expect(again.planned).toEqual([]);
    expect(again.existing.map((a) => a.reason)).toEqual(['vote 12 approved', 'vote 12 approved']);
    expect(h.store.githubWriteBack.list()).toHaveLength(2);
  });

  it('skips issues that already carry the label', async () => {
    h = await githubHarness();
    const [first] = [...h.state.issues.values()].filter((i) => i.labels.includes('lead-opted-in'));
    h.state.updateIssue(first!.number, { labels: [...first!.labels, 'milestone-approved'] });
    await h.sync();
    const plan = planWriteBack(h, {
      repo,
      label: 'milestone-approved',
      reason: 'vote',
      issueNumbers: [first!.number],
    });
    expect(plan).toMatchObject({ planned: [], alreadyLabelled: [first!.number] });
  });
});

describe('applying', () => {
  it('with write-back off, the sync prints the plan and changes nothing on GitHub', async () => {
    const { numbers } = await syncedWithPlan();
    const summary = await h.sync();
    expect(summary.writeBack).toMatchObject({
      mode: 'dry-run',
      actions: [{ outcome: 'would-apply' }, { outcome: 'would-apply' }],
    });
    expect(addLabelCalls()).toEqual([]);
    for (const n of numbers) expect(h.state.issues.get(n)!.labels).not.toContain('milestone-approved');
    expect(h.store.githubWriteBack.list('planned')).toHaveLength(2);
  });

  it('--dry-run wins over writeBack: true', async () => {
    await syncedWithPlan({ options: { writeBack: true } });
    const summary = await h.sync({ dryRun: true });
    expect(summary.writeBack?.mode).toBe('dry-run');
    expect(addLabelCalls()).toEqual([]);
  });

  it('with write-back on, applies each action once and records it; a second apply does nothing', async () => {
    const { numbers } = await syncedWithPlan({ options: { writeBack: true } });
    const summary = await h.sync();
    expect(summary.writeBack).toMatchObject({
      mode: 'applied',
      actions: [{ outcome: 'applied' }, { outcome: 'applied' }],
    });
    expect(addLabelCalls()).toHaveLength(2);
    for (const n of numbers) expect(h.state.issues.get(n)!.labels).toContain('milestone-approved');
    expect(h.store.githubWriteBack.list('applied').map((a) => a.appliedAt)).toEqual([
      h.clock.now().toISOString(),
      h.clock.now().toISOString(),
    ]);
    h.fake.requests.length = 0;
    const again = await h.sync();
    expect(again.writeBack).toMatchObject({ mode: 'applied', via: 'api', actions: [] });
    expect(addLabelCalls()).toEqual([]);
    expect(again.events.map((e) => e.message)).toEqual([
      'label milestone-approved added',
      'label milestone-approved added',
    ]);
  });

  it('an action applied before a crash (label on GitHub, not recorded) is recorded without writing again', async () => {
    const { numbers } = await syncedWithPlan();
    const issue = h.state.issues.get(numbers[0]!)!;
    h.state.updateIssue(issue.number, { labels: [...issue.labels, 'milestone-approved'] });
    const result = await drive(
      applyWriteBack({ ...h, logger: silentLogger }, { enabled: true, via: 'api' }),
      h.clock,
    );
    expect(result.actions.map((a) => a.outcome).sort()).toEqual(['already-there', 'applied']);
    expect(addLabelCalls()).toHaveLength(1);
  });

  it('a label missing from the repository fails with what to do, and the action stays planned', async () => {
    const { numbers } = await syncedWithPlan();
    h.state.labels.delete('milestone-approved');
    const result = await drive(
      applyWriteBack({ ...h, logger: silentLogger }, { enabled: true, via: 'api' }),
      h.clock,
    );
    expect(result.actions[0]).toMatchObject({
      outcome: 'failed',
      error: expect.stringMatching(/has no label "milestone-approved"; create it/),
    });
    expect(h.store.githubWriteBack.get(`add-label:${repo}#${numbers[0]}:milestone-approved`)).toMatchObject({
      state: 'planned',
      lastError: expect.any(String),
    });
  });

  it('a GitHub outage stops applying; what was not applied stays planned for the next run', async () => {
    await syncedWithPlan({ client: { retries: 0 } });
    h.fake.failNext('502', 1, 'AddLabels');
    const result = await drive(
      applyWriteBack({ ...h, logger: silentLogger }, { enabled: true, via: 'api' }),
      h.clock,
    );
    expect(result.actions.map((a) => a.outcome)).toEqual(['failed']);
    expect(h.store.githubWriteBack.list('planned')).toHaveLength(2);
    const retry = await drive(
      applyWriteBack({ ...h, logger: silentLogger }, { enabled: true, via: 'api' }),
      h.clock,
    );
    expect(retry.actions.map((a) => a.outcome)).toEqual(['applied', 'applied']);
  });
});
