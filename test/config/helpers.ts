import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { ConfigProblem, LoadResult } from '../../src/config/load-config.ts';

/** test/fixtures/config, where the example configs live. */
export const fixtureDir = path.join(import.meta.dirname, '..', 'fixtures', 'config');

export function fixturePath(name: string): string {
  return path.join(fixtureDir, name);
}

export function readFixture(name: string): string {
  return fs.readFileSync(fixturePath(name), 'utf8');
}

/** The problems of a failed load; fails the test when the load succeeded. */
export function problemsOf(result: LoadResult): ConfigProblem[] {
  if (result.ok)
    expect.fail(`expected problems, but the config loaded (warnings: ${result.warnings.length})`);
  return result.problems;
}

export function configOf(result: LoadResult) {
  if (!result.ok)
    expect.fail(
      `expected a config, got:\n${result.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`,
    );
  return result;
}

/** Minimal valid config text; `extra` is appended (later sections may add keys or whole sections). */
export const minimalConfig = `workspace:
  channels: { pm: "#sig-pm", release: "#sig-release" }
release:
  name: v1.37
  calendar:
    milestones: [{ name: Code Freeze, kind: code-freeze, at: "2099-03-06T12:00:00Z" }]
sigs:
  groups: [{ dir: sig-node, name: Node, channel: "#sig-node" }]
`;
