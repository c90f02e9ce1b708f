import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kep } from '../../src/domain/types.ts';
import { CheckoutError, parseKepYaml, readKepsFromCheckout } from '../../src/github/local-checkout.ts';

const fixtureRoot = fileURLToPath(new URL('../fixtures/k8s', import.meta.url));

describe('readKepsFromCheckout on the real fixtures', () => {
  let keps: Kep[] = [];
  let warnings: { source: string; message: string }[] = [];
  const find = (path: string) => {
    const kep = keps.find((k) => k.path === path);
    if (!kep) throw new Error(`no KEP at ${path}`);
    return kep;
  };
  beforeAll(async () => {
    ({ keps, warnings } = await readKepsFromCheckout(fixtureRoot));
  });

  it('reads every real KEP (395 kep.yaml files minus the template), sorted by path', () => {
    expect(keps).toHaveLength(394);
    expect(keps.some((k) => k.path.includes('NNNN'))).toBe(false);
    expect(keps.some((k) => k.path.startsWith('keps/prod-readiness'))).toBe(false);
    expect(keps.map((k) => k.path)).toEqual([...keps.map((k) => k.path)].sort());
    expect(warnings).toEqual([]);
  });

  it.each([
    ['sig-node', 23, [12, 5, 6]],
    ['sig-scheduling', 11, [5, 5, 1]],
  ])('%s has %i KEPs in v1.37 (alpha/beta/stable %j)', (sig, total, stages) => {
    const inRelease = keps.filter((k) => k.owningSig === sig && k.latestMilestone === 'v1.37');
    expect(inRelease).toHaveLength(total);
    expect(
      ['alpha', 'beta', 'stable'].map((stage) => inRelease.filter((k) => k.stage === stage).length),
    ).toEqual(stages);
  });

  it('keeps kep-number when the directory disagrees (1884 in 2043-…)', () => {
    const kep = find('keps/sig-node/2043-pod-resource-concrete-assigments');
    expect(kep.number).toBe(1884);
    expect(kep.latestMilestone).toBeNull();
    expect(kep.warnings).toEqual([
      'line 2: kep-number is 1884 but the directory name says 2043; using 1884 (kep-number)',
    ]);
  });

  it.each([
    ['keps/sig-network/0752-endpointslices', 752],
    ['keps/sig-auth/3325-self-subject-attributes-review-api', 3325],
    ['keps/sig-network/563-dual-stack', 563],
    ['keps/sig-release/0000-anago-to-krel-migration', 0],
  ])('%s has number %i and no number warning', (path, number) => {
    const kep = find(path);
    expect(kep.number).toBe(number);
    expect(kep.warnings.filter((w) => w.includes('kep-number'))).toEqual([]);
  });

  it('normalises the messy files of NOTES.md §2.7', () => {
    expect(find('keps/sig-api-machinery/4153-declarative-validation')).toMatchObject({ status: null });
    expect(find('keps/sig-api-machinery/4153-declarative-validation').warnings[0]).toMatch(
      /^line \d+: status "superseded"/,
    );
    expect(find('keps/sig-node/281-dynamic-kubelet-configuration')).toMatchObject({
      status: null,
      stage: 'removed',
      latestMilestone: 'v1.26',
      milestones: { alpha: 'v1.8', beta: 'v1.11', deprecated: 'v1.22', removed: 'v1.24' },
    });
    const template = find('keps/sig-api-machinery/5000-api-linting-crd-schema-tooling');
    expect(template).toMatchObject({ status: null, stage: null, latestMilestone: null, milestones: {} });
    expect(template.warnings).toHaveLength(6);
    expect(find('keps/sig-api-machinery/4355-coordinated-leader-election').warnings).toContain(
      'line 10: creation-date "2023-14-05" is not a real calendar date',
    );
    expect(find('keps/sig-scheduling/5075-dra-consumable-capacity').warnings).toContain(
      'line 10: creation-date "2025-30-01" is not a real calendar date',
    );
    expect(find('keps/sig-cluster-lifecycle/kubeadm/4471-cp-join-kubelet-local-apiserver')).toMatchObject({
      latestMilestone: null,
      warnings: [],
    });
    expect(find('keps/sig-scheduling/986-resource-quota-scope-selectors').owningSig).toBe(
      'sig-api-machinery',
    );
    expect(find('keps/sig-cli/1802-kustomize-components').warnings).toEqual([
      'status is implemented but stage is alpha (an implemented KEP is normally stable)',
    ]);
  });

  it('reads quoted "1.30" style milestones as v1.30, never v1.3', () => {
    const versions = keps.flatMap((k) => [k.latestMilestone, ...Object.values(k.milestones)]);
    expect(versions).toContain('v1.30');
    expect(versions).not.toContain('v1.3');
    expect(versions.every((v) => v === null || /^v1\.\d+$/.test(v))).toBe(true);
  });

  it('joins PRR approvals, without the @, by owning SIG and number', () => {
    expect(find('keps/sig-node/1287-in-place-update-pod-resources')).toMatchObject({
      number: 1287,
      status: 'implemented',
      stage: 'stable',
      latestMilestone: 'v1.35',
      prrApprovals: { alpha: 'ehashman', beta: 'jpbetz', stable: 'jpbetz' },
    });
    expect(find('keps/sig-network/0752-endpointslices').prrApprovals).not.toEqual({});
    const needPrr = keps.filter(
      (k) =>
        (k.status === 'implementable' || k.status === 'implemented') &&
        k.latestMilestone &&
        Number(k.latestMilestone.slice(3)) >= 21,
    );
    expect(needPrr.length).toBeGreaterThan(200);
    expect(needPrr.filter((k) => Object.keys(k.prrApprovals).length === 0).map((k) => k.path)).toEqual([]);
  });

  it('normalises relationship paths', () => {
    expect(find('keps/sig-cli/2377-Kustomize').supersededBy).toEqual([
      'keps/sig-cli/2386-kustomize-subcommand-integration',
    ]);
    expect(find('keps/sig-auth/3299-kms-v2-improvements').replaces).toEqual([
      'keps/sig-auth/3130-kms-observability',
    ]);
    const all = keps.flatMap((k) => [...k.seeAlso, ...k.replaces, ...k.supersededBy]);
    expect(
      all.every((path) => /^keps\/\S+$/.test(path) && !path.endsWith('/') && !path.endsWith('README.md')),
    ).toBe(true);
  });

  it('warns about unknown SIG names when known SIGs are given', async () => {
    const read = await readKepsFromCheckout(fixtureRoot, {
      knownSigs: ['sig-node', 'sig-architecture', 'sig-instrumentation'],
    });
    const kep = read.keps.find(
      (k) => k.path === 'keps/sig-instrumentation/2845-deprecate-klog-specific-flags-in-k8s-components',
    );
    expect(kep?.warnings).toContain(
      'line 6: participating-sigs entry "sig-arch" is not a group dir in sigs.yaml (did you mean sig-architecture?)',
    );
  });
});

describe('readKepsFromCheckout on a hostile checkout', () => {
  let root = '';
  const write = (path: string, content: string | Buffer) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'drumbeat-checkout-'));
    write('keps/sig-a/1001-not-yaml/kep.yaml', 'title: [unclosed\nstatus: {{ broken');
    write('keps/sig-a/1002-empty/kep.yaml', '');
    write('keps/sig-a/1003-binary/kep.yaml', Buffer.from([0, 159, 146, 150, 255, 0, 1, 2, 3]));
    write('keps/sig-a/1004-list/kep.yaml', '- title: a\n- title: b\n');
    write('keps/sig-a/1005-readme-only/README.md', '# A KEP without metadata\n');
    write('keps/sig-a/1006-tabs/kep.yaml', 'title: Tabs\nkep-number: 1006\nmilestone:\n\talpha: v1.30\n');
    write(
      'keps/sig-a/1007-crlf-bom/kep.yaml',
      '\uFEFFtitle: CRLF\r\nkep-number: 1007\r\nstatus: implementable\r\nlatest-milestone: 1.30\r\n',
    );
    write('keps/sig-a/1008-duplicate/kep.yaml', 'title: First\ntitle: Second\nkep-number: 1008\n');
    write(
      'keps/sig-a/1009-front-matter/kep.yaml',
      '---\ntitle: Legacy\nkep-number: 1009\nstatus: provisional\n---\n\n# Legacy KEP\n\nText.\n',
    );
    write('keps/sig-a/1010-padded/kep.yaml', 'title: Padded\nkep-number: 0042\nowning-sig: sig-a\n');
    write(
      'keps/sig-a/1011-pod-template/kep.yaml',
      'title: A real KEP whose name ends in -template\nkep-number: 1011\n',
    );
    write(
      'keps/sig-cloud-provider/providers/0000-cloud-provider-template/kep.yaml',
      'title: Template\nkep-number: 0000\n',
    );
    write('keps/NNNN-kep-template/kep.yaml', 'title: KEP Template\nkep-number: NNNN\n');
    mkdirSync(join(root, 'keps/sig-a/1012-kep-yaml-is-a-dir/kep.yaml'), { recursive: true });
    write('keps/prod-readiness/sig-a/1010.yaml', 'kep-number: 1010\nalpha:\n  approver: "@prr"\n');
    write('keps/prod-readiness/sig-a/42.yaml', 'kep-number: 42\nbeta: { approver: "@someone" }\n');
    write('keps/prod-readiness/sig-a/README.md', 'not a PRR file');
    write('keps/prod-readiness/template/nnnn.yaml', 'kep-number: NNNN\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('yields one KEP per kep.yaml directory, skips templates, and never throws', async () => {
    const read = await readKepsFromCheckout(root);
    expect(read.keps.map((k) => [k.path.replace('keps/sig-a/', ''), k.number])).toEqual([
      ['1001-not-yaml', 1001],
      ['1002-empty', 1002],
      ['1003-binary', 1003],
      ['1004-list', 1004],
      ['1006-tabs', 1006],
      ['1007-crlf-bom', 1007],
      ['1008-duplicate', 1008],
      ['1009-front-matter', 1009],
      ['1010-padded', 42],
      ['1011-pod-template', 1011],
      ['1012-kep-yaml-is-a-dir', 1012],
    ]);
    expect(read.warnings).toEqual([
      {
        source: 'keps/prod-readiness/sig-a/README.md',
        message: 'PRR file name is not <kep-number>.yaml; ignored',
      },
      {
        source: 'keps/sig-a/1005-readme-only',
        message: 'has a README.md but no kep.yaml (metadata file missing); not read as a KEP',
      },
      {
        source: 'keps/prod-readiness/sig-a/1010.yaml',
        message: 'PRR file has no KEP owned by sig-a with that number',
      },
    ]);
  });

  it('explains each broken file in its warnings', async () => {
    const { keps } = await readKepsFromCheckout(root);
    const byDir = (dir: string) => keps.find((k) => k.path === `keps/sig-a/${dir}`)!;
    expect(byDir('1001-not-yaml').warnings[0]).toMatch(
      /^kep.yaml is not valid YAML \(.+\); its fields could not be read$/,
    );
    expect(byDir('1001-not-yaml').title).toBe('1001-not-yaml');
    expect(byDir('1002-empty').warnings[0]).toBe(
      'kep.yaml is empty, not a mapping of KEP fields; every field is unknown',
    );
    expect(byDir('1003-binary').warnings[0]).toMatch(/not text/);
    expect(byDir('1004-list').warnings[0]).toMatch(/holds a list/);
    expect(byDir('1006-tabs')).toMatchObject({ milestones: { alpha: 'v1.30' } });
    expect(byDir('1006-tabs').warnings[0]).toMatch(/indents with tabs/);
    expect(byDir('1007-crlf-bom')).toMatchObject({
      title: 'CRLF',
      status: 'implementable',
      latestMilestone: 'v1.30',
    });
    expect(byDir('1008-duplicate').title).toBe('Second');
    expect(byDir('1008-duplicate').warnings[0]).toMatch(/repeats a key/);
    expect(byDir('1009-front-matter')).toMatchObject({ title: 'Legacy', status: 'provisional' });
    expect(byDir('1010-padded')).toMatchObject({ number: 42, prrApprovals: { beta: 'someone' } });
    expect(byDir('1010-padded').warnings[0]).toBe(
      'line 2: kep-number is 42 but the directory name says 1010; using 42 (kep-number)',
    );
    expect(byDir('1012-kep-yaml-is-a-dir').warnings[0]).toMatch(/kep.yaml is not a regular file/);
  });

  it('throws CheckoutError with a hint for a missing folder or one without keps/', async () => {
    await expect(readKepsFromCheckout(join(root, 'nope'))).rejects.toThrow(CheckoutError);
    await expect(readKepsFromCheckout(join(root, 'nope'))).rejects.toThrow(
      /does not exist; pass the root of a kubernetes\/enhancements checkout/,
    );
    await expect(readKepsFromCheckout(join(root, 'keps'))).rejects.toThrow(
      /looks like keps\/ itself: pass its parent/,
    );
  });
});

describe('parseKepYaml', () => {
  it.each([
    ['unquoted 1.30 keeps its zero', 'latest-milestone: 1.30', { 'latest-milestone': '1.30' }],
    ['zero-padded number', 'kep-number: 0042', { 'kep-number': '0042' }],
    ['impossible dates stay text', 'creation-date: 2023-14-05', { 'creation-date': '2023-14-05' }],
    ['booleans stay booleans', 'disable-supported: true', { 'disable-supported': true }],
    ['nulls stay null', 'participating-sigs:', { 'participating-sigs': null }],
  ])('%s', (_name, text, raw) => {
    expect(parseKepYaml(text)).toMatchObject({ raw, warnings: [] });
  });

  it('gives the line of each top-level key and each milestone.<stage>', () => {
    const text =
      'title: T\nkep-number: 1432\nlatest-milestone: "v1.37"\nmilestone:\n  alpha: "v1.21, v1.37"\n  beta: v1.39\n';
    expect(parseKepYaml(text).lines?.()).toEqual({
      title: 1,
      'kep-number': 2,
      'latest-milestone': 3,
      milestone: 4,
      'milestone.alpha': 5,
      'milestone.beta': 6,
    });
    // legacy front matter: the line counts from the top of the file
    expect(parseKepYaml(`---\nkep-number: 7\n---\n# Prose\n`).lines?.()).toEqual({ 'kep-number': 2 });
  });

  it.each([
    ['an unresolved alias', 'approvers:\n  - *liggitt\n', /not valid YAML/],
    ['an unquoted @ handle', 'approvers:\n  - @liggitt\n', /not valid YAML/],
    [
      'an alias bomb',
      `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
      /not valid YAML|could not be read/,
    ],
  ])('never throws on %s', (_name, text, warning) => {
    const read = parseKepYaml(text);
    expect(read.raw).toBeUndefined();
    expect(read.warnings).toEqual([expect.stringMatching(warning)]);
  });
});
