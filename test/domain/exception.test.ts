import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  checkExceptionAnswers,
  checkRequestWindow,
  type ExceptionRequest,
  exceptionFreezes,
  freezeInstant,
} from '../../src/domain/exception.ts';
import { toExceptionsYaml } from '../../src/domain/exception-export.ts';

const good = {
  kep: 'KEP-5532',
  freeze: 'code-freeze',
  missing: 'one PR',
  additionalTime: '3 days',
  risk: 'low',
  pullRequests:
    'https://github.com/kubernetes/kubernetes/pull/1 https://github.com/kubernetes/kubernetes/pull/2',
};

describe('checkExceptionAnswers', () => {
  it('reads valid answers', () => {
    const checked = checkExceptionAnswers(good, exceptionFreezes);
    expect(checked).toEqual({
      ok: true,
      value: {
        kep: 5532,
        freeze: 'code-freeze',
        missing: 'one PR',
        additionalTime: '3 days',
        risk: 'low',
        pullRequests: [
          'https://github.com/kubernetes/kubernetes/pull/1',
          'https://github.com/kubernetes/kubernetes/pull/2',
        ],
      },
    });
  });
  it.each([
    ['kep', { kep: 'abc' }, 'KEP number'],
    ['freeze', { freeze: 'prr-freeze' }, 'Pick the freeze'],
    ['missing', { missing: '  ' }, 'Describe what is missing'],
    ['risk', { risk: 'x'.repeat(1001) }, 'under 1000'],
    ['pullRequests', { pullRequests: '' }, 'Link the pull request'],
    ['pullRequests', { pullRequests: 'javascript:alert(1)' }, 'not an http(s) link'],
  ] as const)('refuses a bad %s', (field, change, message) => {
    const checked = checkExceptionAnswers({ ...good, ...change }, exceptionFreezes);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors[field]).toContain(message);
  });
  it('reports every problem at once', () => {
    const checked = checkExceptionAnswers(
      { kep: '', freeze: '', missing: '', additionalTime: '', risk: '', pullRequests: '' },
      exceptionFreezes,
    );
    expect(checked.ok || Object.keys(checked.errors).sort()).toEqual([
      'additionalTime',
      'freeze',
      'kep',
      'missing',
      'pullRequests',
      'risk',
    ]);
  });
});

describe('the request window around a freeze', () => {
  const freezeAt = new Date('2025-10-17T12:00:00Z');
  const window = { beforeMs: 7 * 86_400_000, afterMs: 3 * 86_400_000 };
  it.each([
    ['2025-10-10T11:59:59Z', false, 'open at 2025-10-10 12:00 UTC'],
    ['2025-10-10T12:00:00Z', true, ''],
    ['2025-10-18T10:00:00Z', true, ''],
    ['2025-10-20T12:00:00Z', false, 'closed at 2025-10-20 12:00 UTC'],
  ] as const)('at %s', (now, ok, reason) => {
    const check = checkRequestWindow('enhancements-freeze', freezeAt, window, new Date(now));
    expect(check.ok).toBe(ok);
    if (!check.ok) expect(check.reason).toContain(reason);
  });
  it('refuses a freeze the calendar does not have', () => {
    const check = checkRequestWindow('docs-freeze', null, window, freezeAt);
    expect(check.ok || check.reason).toContain('not in this release');
  });
  it('finds the freeze instant in a calendar', () => {
    const calendar = [
      {
        name: 'EF',
        kind: 'enhancements-freeze' as const,
        who: null,
        week: null,
        at: '2025-10-17T12:00:00Z',
        date: null,
        endDate: null,
        aoe: true,
      },
      {
        name: 'Docs',
        kind: 'docs-freeze' as const,
        who: null,
        week: null,
        at: null,
        date: '2025-12-02',
        endDate: null,
        aoe: false,
      },
    ];
    expect(freezeInstant(calendar, 'enhancements-freeze')?.toISOString()).toBe('2025-10-17T12:00:00.000Z');
    expect(freezeInstant(calendar, 'docs-freeze')?.toISOString()).toBe('2025-12-02T00:00:00.000Z');
    expect(freezeInstant(calendar, 'code-freeze')).toBeNull();
  });
});

const request = (id: number, over: Partial<ExceptionRequest>): ExceptionRequest => ({
  id,
  release: 'v1.35',
  kep: 4876,
  kepTitle: 'Mutable CSINode Allocatable Property',
  sig: 'sig-storage',
  freeze: 'enhancements-freeze',
  missing: 'x',
  additionalTime: 'x',
  risk: 'x',
  pullRequests: ['https://github.com/kubernetes/enhancements/pull/5628'],
  requester: 'U1',
  requestedAt: '2025-10-17T13:00:00.000Z',
  status: 'approved',
  decidedBy: 'U2',
  decidedAt: '2025-10-18T09:00:00.000Z',
  postKey: `exception:${id}`,
  threadUrl: 'https://slack.com/archives/C1/p1760700000000000',
  ...over,
});

describe('the exceptions.yaml export', () => {
  const shape = (entry: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(entry).map(([k, v]) => [k, Array.isArray(v) ? `array of ${typeof v[0]}` : typeof v]),
    );
  const exported = toExceptionsYaml([
    request(1, {}),
    request(2, { freeze: 'code-freeze', status: 'rejected', kep: 5526 }),
    request(3, { freeze: 'docs-freeze', status: 'open', decidedAt: null, decidedBy: null }),
  ]);

  it.each(['release-1.34', 'release-1.35'])(
    'has the fields and value types of %s/exceptions.yaml',
    (release) => {
      const fixture = parse(readFileSync(`test/fixtures/k8s/schedules/${release}/exceptions.yaml`, 'utf8'));
      // written as YAML and read back the way the fixture is read
      const roundTrip = parse(JSON.stringify(exported));
      for (const section of ['enhancementFreeze', 'codeFreeze'] as const) {
        expect(Object.keys(roundTrip[section][0])).toEqual(Object.keys(fixture[section][0]));
        expect(shape(roundTrip[section][0])).toEqual(shape(fixture[section][0]));
      }
    },
  );
  it('leaves open requests and empty sections out', () => {
    expect(Object.keys(exported)).toEqual(['enhancementFreeze', 'codeFreeze']);
    expect(exported.enhancementFreeze?.[0]).toEqual({
      name: 'Mutable CSINode Allocatable Property',
      issue: 4876,
      date_requested: '2025-10-17',
      date_reviewed: '2025-10-18',
      thread: 'https://slack.com/archives/C1/p1760700000000000',
      pull_requests: ['https://github.com/kubernetes/enhancements/pull/5628'],
      status: 'approved',
    });
    expect(exported.codeFreeze?.[0]?.status).toBe('rejected');
  });
});
