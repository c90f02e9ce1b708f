import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKepsFromCheckout } from '../../src/github/local-checkout.ts';

const fixtureRoot = fileURLToPath(new URL('../fixtures/k8s', import.meta.url));

describe('membership problems are warnings with file and line', () => {
  let root = '';
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'drumbeat-dup-'));
    write('keps/sig-node/2133-kubelet-credential-providers/kep.yaml', 'title: Old\nkep-number: 2133\n');
    write('keps/sig-auth/2133-moved/kep.yaml', 'title: New\nowning-sig: sig-auth\n\nkep-number: 2133\n');
    write('keps/sig-auth/3000-unique/kep.yaml', 'title: Unique\nkep-number: 3000\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('names every folder that shares a KEP number, each at the line of its kep-number', async () => {
    const { warnings } = await readKepsFromCheckout(root);
    expect(warnings.map((w) => w.source)).toEqual([
      'keps/sig-auth/2133-moved/kep.yaml:4',
      'keps/sig-node/2133-kubelet-credential-providers/kep.yaml:2',
    ]);
    expect(warnings[0]?.message).toContain(
      'kep-number 2133 is also used by keps/sig-node/2133-kubelet-credential-providers/kep.yaml:2',
    );
  });

  it('keeps an unparseable milestone value as a warning with its line, not a silent drop', async () => {
    const { keps } = await readKepsFromCheckout(fixtureRoot);
    const kep = keps.find((k) => k.number === 1432)!;
    expect(kep.warnings).toContain(
      'line 30: milestone.alpha "v1.21, v1.37" is not one release like v1.37; readiness reports it as unreadable until it is fixed',
    );
    expect(kep.raw.milestone).toMatchObject({ alpha: 'v1.21, v1.37' });
  });
});
