import { describe, expect, it } from 'vitest';
import { normalizeKepLink, normalizeKepLinks } from '../../src/domain/kep-links.ts';

describe('normalizeKepLink', () => {
  const cases: [unknown, string | null][] = [
    ['/keps/sig-auth/3130-kms-observability', 'keps/sig-auth/3130-kms-observability'],
    [
      'keps/sig-api-machinery/1965-kube-apiserver-identity',
      'keps/sig-api-machinery/1965-kube-apiserver-identity',
    ],
    [
      '/keps/sig-cli/2386-kustomize-subcommand-integration/',
      'keps/sig-cli/2386-kustomize-subcommand-integration',
    ],
    [
      '/keps/sig-network/265-ipvs-based-load-balancing/README.md',
      'keps/sig-network/265-ipvs-based-load-balancing',
    ],
    ['/keps/sig-node/3573-device-plugin/kep.yaml', 'keps/sig-node/3573-device-plugin'],
    [
      'https://github.com/kubernetes/enhancements/tree/master/keps/sig-network/2433-topology-aware-hints',
      'keps/sig-network/2433-topology-aware-hints',
    ],
    [
      'https://github.com/kubernetes/enhancements/blob/master/keps/sig-x/12-a/README.md#goals',
      'keps/sig-x/12-a',
    ],
    ['/keps/sig-node/606-foo # the original', 'keps/sig-node/606-foo'],
    [
      'keps/sig-node/2625-cpumanager-policies-thread-placement"',
      'keps/sig-node/2625-cpumanager-policies-thread-placement',
    ],
    ['/keps/sig-cluster-lifecycle/kubeadm/4471-cp-join', 'keps/sig-cluster-lifecycle/kubeadm/4471-cp-join'],
    ['n/a', null],
    ['N/A', null],
    ['none', null],
    ['TBD', null],
    ['kinflate', null],
    ['6090', null],
    ['KEP 0004', null],
    ['https://github.com/kubernetes/enhancements/issues/1682', null],
    ['https://github.com/kubernetes/kubernetes/issues/45509', null],
    ['[Umbrella Issue](https://github.com/kubernetes/kubernetes/issues/58682)', null],
    ['keps', null],
    [42, null],
    [null, null],
  ];
  it.each(cases)('%j → %j', (entry, expected) => {
    expect(normalizeKepLink(entry)).toBe(expected);
  });
});

describe('normalizeKepLinks', () => {
  it('keeps KEP paths in order, once each, and drops the rest', () => {
    const value = ['/keps/sig-a/1-x/', 'n/a', 'keps/sig-a/1-x', 'https://example.com', '/keps/sig-b/2-y'];
    expect(normalizeKepLinks(value)).toEqual(['keps/sig-a/1-x', 'keps/sig-b/2-y']);
  });
  it('reads a single string as a one-item list and null as empty', () => {
    expect(normalizeKepLinks('/keps/sig-a/1-x')).toEqual(['keps/sig-a/1-x']);
    expect(normalizeKepLinks(null)).toEqual([]);
    expect(normalizeKepLinks({ a: 1 })).toEqual([]);
  });
});
