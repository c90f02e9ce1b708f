import { describe, expect, it } from 'vitest';
import { isKepTemplate, normalizeKep } from '../../src/domain/kep.ts';

const base = {
  title: 'In-place Update of Pod Resources',
  'kep-number': '1287',
  'owning-sig': 'sig-node',
  'participating-sigs': ['sig-autoscaling', 'sig-scheduling'],
  status: 'implemented',
  stage: 'stable',
  'latest-milestone': 'v1.35',
  milestone: { alpha: 'v1.27', beta: '1.33', stable: 'v1.35' },
  'see-also': ['/keps/sig-node/3063-dynamic-resource-allocation/'],
  replaces: ['n/a'],
  'superseded-by': null,
  'creation-date': '2018-11-06',
};
const path = 'keps/sig-node/1287-in-place-update-pod-resources';

describe('normalizeKep', () => {
  it('normalises a clean kep.yaml and its PRR file', () => {
    const prr = { 'kep-number': '1287', alpha: { approver: '@ehashman' }, beta: { approver: 'jpbetz' } };
    const kep = normalizeKep({ path, raw: base, prr, prrPath: 'keps/prod-readiness/sig-node/1287.yaml' });
    expect(kep).toMatchObject({
      path,
      number: 1287,
      title: 'In-place Update of Pod Resources',
      owningSig: 'sig-node',
      participatingSigs: ['sig-autoscaling', 'sig-scheduling'],
      status: 'implemented',
      stage: 'stable',
      latestMilestone: 'v1.35',
      milestones: { alpha: 'v1.27', beta: 'v1.33', stable: 'v1.35' },
      prrApprovals: { alpha: 'ehashman', beta: 'jpbetz' },
      seeAlso: ['keps/sig-node/3063-dynamic-resource-allocation'],
      replaces: [],
      supersededBy: [],
      warnings: [],
    });
    expect(kep.raw).toBe(base);
  });

  const messy: [string, Record<string, unknown>, Record<string, unknown>, RegExp[]][] = [
    ['status superseded', { status: 'superseded' }, { status: null }, [/status "superseded" is not one of/]],
    [
      'stage removed as status',
      { status: 'removed', stage: 'removed' },
      { status: null, stage: 'removed' },
      [/status "removed"/],
    ],
    ['latest 0.0', { 'latest-milestone': '0.0' }, { latestMilestone: null }, []],
    [
      'latest TBD',
      { 'latest-milestone': 'TBD' },
      { latestMilestone: null },
      [/latest-milestone "TBD" is not a release/],
    ],
    ['latest unquoted-as-text 1.30', { 'latest-milestone': '1.30' }, { latestMilestone: 'v1.30' }, []],
    [
      'milestones with junk',
      {
        milestone: { alpha: 'v1.8', beta: 'TBD', stable: 'never', removed: '', deprecated: null, ga: 'v1.9' },
      },
      { milestones: { alpha: 'v1.8' } },
      [
        /milestone.beta "TBD" is not one release like v1.37; readiness reports it as unreadable/,
        /milestone.stable "never"/,
        /milestone key "ga" is not a stage/,
      ],
    ],
    [
      'milestone not a map',
      { milestone: 'v1.30' },
      { milestones: {} },
      [/milestone should map stages to releases/],
    ],
    ['participating null', { 'participating-sigs': null }, { participatingSigs: [] }, []],
    [
      'participating string',
      { 'participating-sigs': 'sig-apps' },
      { participatingSigs: ['sig-apps'] },
      [/should be a list/],
    ],
    [
      'title missing',
      { title: undefined },
      { title: '1287-in-place-update-pod-resources' },
      [/title is missing/],
    ],
    ['owning-sig missing', { 'owning-sig': '' }, { owningSig: null }, [/owning-sig is missing/]],
    [
      'impossible creation-date',
      { 'creation-date': '2023-14-05' },
      {},
      [/creation-date "2023-14-05" is not a real calendar date/],
    ],
    ['implemented but alpha', { stage: 'alpha' }, { stage: 'alpha' }, [/implemented but stage is alpha/]],
    [
      'number from directory',
      { 'kep-number': undefined },
      { number: 1287 },
      [/kep-number is missing; took 1287/],
    ],
    [
      'template placeholders',
      { status: 'provisional|implementable', stage: 'alpha|beta|stable' },
      { status: null, stage: null },
      [/placeholder/, /placeholder/],
    ],
  ];
  it.each(messy)('%s: keeps the KEP and warns', (_name, change, expected, warnings) => {
    const raw = { ...base, ...change };
    const kep = normalizeKep({ path, raw });
    expect(kep).toMatchObject(expected);
    expect(kep.warnings).toHaveLength(warnings.length);
    for (const [index, pattern] of warnings.entries()) expect(kep.warnings[index]).toMatch(pattern);
    expect(kep.raw).toEqual(raw);
  });

  it('warns about unknown SIG names only when the known list is given, with a suggestion', () => {
    const raw = {
      ...base,
      'owning-sig': 'sig-nodes',
      'participating-sigs': ['sig-arch', 'sig-apimachinery', 'Kubelet garbage collection WG'],
    };
    const knownSigs = new Set(['sig-node', 'sig-architecture', 'sig-api-machinery']);
    expect(normalizeKep({ path, raw }).warnings).toEqual([]);
    const warnings = normalizeKep({ path, raw, knownSigs }).warnings;
    expect(warnings).toEqual([
      'owning-sig "sig-nodes" is not a group dir in sigs.yaml',
      'participating-sigs entry "sig-arch" is not a group dir in sigs.yaml (did you mean sig-architecture?)',
      'participating-sigs entry "sig-apimachinery" is not a group dir in sigs.yaml (did you mean sig-api-machinery?)',
      'participating-sigs entry "Kubelet garbage collection WG" is not a group dir in sigs.yaml',
    ]);
    expect(normalizeKep({ path, raw, knownSigs }).participatingSigs).toEqual([
      'sig-arch',
      'sig-apimachinery',
      'Kubelet garbage collection WG',
    ]);
  });

  it.each([
    ['undefined (unreadable)', undefined, /kep-number is missing; took 4321/],
    ['a list', ['a', 'b'], /kep.yaml holds a list, not a mapping/],
    ['a string', 'garbage', /holds plain text/],
    ['a number', 12, /holds a number/],
  ])('survives raw that is %s', (_name, raw, first) => {
    const kep = normalizeKep({
      path: 'keps/sig-x/4321-broken',
      raw,
      readWarnings: ['kep.yaml is not valid YAML'],
    });
    expect(kep.number).toBe(4321);
    expect(kep.title).toBe('4321-broken');
    expect(kep.status).toBeNull();
    expect(kep.raw).toEqual({});
    expect(kep.warnings[0]).toBe('kep.yaml is not valid YAML');
    expect(kep.warnings[1]).toMatch(first);
  });

  it('reports PRR problems: wrong number, empty approver, not a map', () => {
    const prr = { 'kep-number': 277, alpha: { approver: '' }, beta: '@soltysh' };
    const kep = normalizeKep({ path, raw: base, prr, prrPath: 'keps/prod-readiness/sig-node/1287.yaml' });
    expect(kep.prrApprovals).toEqual({ beta: 'soltysh' });
    expect(kep.warnings).toEqual([
      'PRR file keps/prod-readiness/sig-node/1287.yaml says kep-number 277, not 1287',
      'PRR file keps/prod-readiness/sig-node/1287.yaml: the alpha block has no approver',
    ]);
    expect(normalizeKep({ path, raw: base, prr: ['x'] }).warnings).toEqual([
      'PRR file holds a list, not stage approvals; ignored',
    ]);
  });
});

describe('isKepTemplate', () => {
  it.each([
    ['keps/NNNN-kep-template', { 'kep-number': 'NNNN' }, true],
    ['keps/sig-cloud-provider/providers/0000-cloud-provider-template', { 'kep-number': '0000' }, true],
    ['keps/sig-cloud-provider/providers/0000-cloud-provider-template', undefined, true],
    ['keps/sig-x/4242-pod-template', { 'kep-number': '4242' }, false],
    ['keps/sig-release/0000-anago-to-krel-migration', { 'kep-number': '0000' }, false],
    ['keps/sig-node/1287-in-place-update-pod-resources', base, false],
  ])('%s → %s', (path, raw, expected) => {
    expect(isKepTemplate(path, raw)).toBe(expected);
  });
});
