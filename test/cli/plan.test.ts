import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planCommand } from '../../src/cli/commands/plan.ts';
import type { PlanEntry } from '../../src/domain/plan.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { captureIo } from './cli-io.ts';

const io = () => captureIo({ cwd: process.cwd() });

const entry = (kep: number, over: Partial<PlanEntry> = {}): PlanEntry => ({
  kep,
  kepPath: `keps/sig-node/${kep}-x`,
  title: `Title ${kep}`,
  stage: 'beta',
  increments: [{ increment: 2, confidence: 80 }],
  dependsOn: [],
  releaseNote: `Note *${kep}*`,
  ...over,
});

let t: TempStore;
beforeEach(() => {
  t = tempStore();
  const v1 = t.store.planning.savePlan({
    release: 'v1.35',
    sig: 'sig-node',
    entries: [entry(1287, { dependsOn: [4742] }), entry(3673)],
    author: 'U3',
    savedAt: '2025-09-22T10:00:00.000Z',
    idempotencyKey: 'a',
  }).plan;
  t.store.planning.approvePlans([v1.id], '2025-09-24T17:00:00.000Z');
  t.store.planning.savePlan({
    release: 'v1.35',
    sig: 'sig-node',
    entries: [entry(1287), entry(4742)],
    author: 'U3',
    savedAt: '2025-09-30T10:00:00.000Z',
    idempotencyKey: 'b',
  });
});
afterEach(() => t.cleanup());

describe('drumbeat plan', () => {
  it("prints the SIG's latest plan with its weeks, as text or Markdown", async () => {
    const text = io();
    // the example config names v1.35 and its coding period (weeks)
    expect(
      await planCommand.run(['--sig', 'sig-node', '--db', t.file, '--config', 'drumbeat.example.yaml'], text),
    ).toBe(0);
    expect(text.out).toContain('sig-node plan for v1.35, v2 (not approved');
    expect(text.out).toContain('• #4742 Title 4742 (beta)');
    expect(text.out).toContain('lands: weeks 3–4 at 80%');
    expect(text.out).toContain('Earlier versions: v1 (2025-09-22, 2 KEPs, approved)');
    const md = io();
    expect(
      await planCommand.run(['--sig', 'sig-node', '--release', 'v1.35', '--db', t.file, '--markdown'], md),
    ).toBe(0);
    expect(md.out).toContain('## sig-node plan for v1.35, v2');
    expect(md.out).toContain('- **#1287 Title 1287 (beta)**');
    expect(md.out).toContain('release note: Note \\*1287\\*');
    expect(md.out).toContain('lands: increment 2 at 80%');
  });

  it.each([
    [['--release', 'v1.35'], 2, 'name the SIG with --sig'],
    [['--sig', 'sig-auth', '--release', 'v1.35'], 1, 'has no plan for v1.35'],
  ])('%j exits %i', async (args, code, message) => {
    const out = io();
    expect(await planCommand.run([...args, '--db', t.file], out)).toBe(code);
    expect(out.err).toContain(message);
  });
});
