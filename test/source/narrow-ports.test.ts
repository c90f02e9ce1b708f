/**
 * Use cases and ports name the repos they use: nothing in src/app/ or src/ports/ takes the whole
 * `Store` as a parameter or property (a `Pick<Store, …>` or `WithStore<…>` says which repos), and
 * listeners under src/slack/listeners/ never reach into a store themselves (`….store.keps…`): they
 * hand it to the use case they call.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = path.join(import.meta.dirname, '..', '..', 'src');

/** A `name: Store` or `name?: Store`, or `Store` in a union or intersection: the whole store as a type. */
const wholeStore = /(?:\w\??\s*:|[&|])\s*Store\b(?![\w[.])/g;
/** A property read through a store: `ctx.store.keps`, `deps.store?.votes`, `store.people`. */
const storeAccess = /\bstore\s*\??\.\s*[A-Za-z_$]/g;

/** The text without its comments (so prose about "the Store" is not code). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Each `file:line: text` of the .ts files under `dir` where `pattern` matches the code. */
function findings(dir: string, pattern: RegExp): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts')) continue;
    const text = fs.readFileSync(path.join(dir, entry), 'utf8');
    for (const line of matchingLines(text, pattern))
      found.push(`${path.join(path.relative(srcDir, dir), entry)}:${line}`);
  }
  return found;
}

/** `line: text` for each line of `text` whose code matches `pattern`. */
function matchingLines(text: string, pattern: RegExp): string[] {
  const code = withoutComments(text).split('\n');
  return code.flatMap((line, i) => (line.match(pattern) ? [`${i + 1}: ${line.trim()}`] : []));
}

describe('the whole Store in src/app and src/ports', () => {
  it('is found when a use case takes it (the check itself works)', () => {
    const sample = [
      "import type { Store } from '../ports/store.ts';",
      '/** Reads the Store: a comment is not code. */',
      'export function a(store: Store, now: Date) {}',
      'export function b(deps: { store: Store; clock: Clock }) {}',
      'export interface C { store?: Store }',
      'export type D = Base & Store;',
      "export type E = Pick<Store, 'keps'>;",
      "export type F = WithStore<EscalationDeps, 'blockers'>;",
      "export function g(store: Pick<Store, 'people'>, blocker: Store['blockers']) {}",
    ].join('\n');
    expect(matchingLines(sample, wholeStore).map((l) => l.split(':')[0])).toEqual(['3', '4', '5', '6']);
  });

  it('is taken by no use case, helper or feature deps', () => {
    const found = [
      ...findings(path.join(srcDir, 'app'), wholeStore),
      ...findings(path.join(srcDir, 'ports'), wholeStore),
    ];
    expect(found).toEqual([]);
  });
});

describe('store access in listeners', () => {
  it('is found when a listener reads a repo (the check itself works)', () => {
    const sample = [
      '// the store.keps of a comment is not code',
      'const kep = ctx.store.keps.findByNumber(1);',
      'const vote = deps.store?.votes.get(1);',
      'const { store } = ctx;',
      'store.people.list();',
      'const card = showKepCard(ctx.store, input);',
      'recordStatus(ctx, policy, input);',
    ].join('\n');
    expect(matchingLines(sample, storeAccess).map((l) => l.split(':')[0])).toEqual(['2', '3', '5']);
  });

  it('happens in no listener: they pass the store to a use case', () => {
    expect(findings(path.join(srcDir, 'slack', 'listeners'), storeAccess)).toEqual([]);
  });
});
