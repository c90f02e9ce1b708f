import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notesCommand } from '../../src/cli/commands/notes.ts';
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

describe('drumbeat notes', () => {
  it('drafts the notes from the approved version, marking what was removed and added since', async () => {
    const out = io();
    expect(await notesCommand.run(['--release', 'v1.35', '--db', t.file], out)).toBe(0);
    expect(out.out).toContain('sig-node (plan v1, approved)');
    expect(out.out).toContain('• #1287 Title 1287 [beta]: Note *1287*');
    expect(out.out).toContain(
      '✗ #3673 Title 3673 [beta]: Note *3673* (dropped: removed from the plan in v2)',
    );
    expect(out.out).toContain('+ #4742 Title 4742 [beta]: Note *4742* (added in plan v2, after approval)');
    const md = io();
    expect(await notesCommand.run(['--release', 'v1.35', '--db', t.file, '--markdown'], md)).toBe(0);
    expect(md.out).toContain('# Release notes draft for v1.35');
    expect(md.out).toContain(
      '- ~~#3673 Title 3673 \\[beta\\]: Note \\*3673\\*~~ (dropped: removed from the plan in v2)',
    );
  });
});
