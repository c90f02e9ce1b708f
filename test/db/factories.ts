import type { BoardItemSnapshot } from '../../src/domain/github-snapshots.ts';
import type { CalendarMilestone, Kep, Person } from '../../src/domain/types.ts';
import type { SigRecord } from '../../src/ports/store.ts';

/** A normalised KEP; `overrides` win. The path follows the number and SIG unless given. */
export function makeKep(overrides: Partial<Kep> = {}): Kep {
  const number = overrides.number ?? 4222;
  const sig = overrides.owningSig ?? 'sig-node';
  return {
    path: `keps/${sig}/${number}-example-kep`,
    number,
    title: `Example KEP ${number}`,
    owningSig: sig,
    participatingSigs: ['sig-scheduling'],
    status: 'implementable',
    stage: 'beta',
    latestMilestone: 'v1.35',
    milestones: { alpha: 'v1.33', beta: 'v1.35' },
    prrApprovals: { alpha: 'johnbelamaric' },
    seeAlso: ['keps/sig-node/1287-in-place-update-pod-resources'],
    replaces: [],
    supersededBy: [],
    warnings: [],
    raw: { title: `Example KEP ${number}`, 'kep-number': number, 'owning-sig': sig, nested: { a: [1, 2] } },
    ...overrides,
  };
}

export function makeSig(overrides: Partial<SigRecord> = {}): SigRecord {
  const dir = overrides.dir ?? 'sig-node';
  return {
    dir,
    name: dir.replace(/^sig-/, '').replace(/^./, (c) => c.toUpperCase()),
    kind: 'sig',
    label: dir.replace(/^sig-/, ''),
    slackChannel: dir,
    chairs: ['mrunalp', 'SergeyKanzhelev'],
    techLeads: ['derekwaynecarr'],
    meetings: [
      {
        description: 'Regular SIG Meeting',
        day: 'Tuesday',
        time: '10:00',
        tz: 'PT (Pacific Time)',
        zone: 'America/Los_Angeles',
        zoneNote: null,
        frequency: 'weekly',
        url: 'https://zoom.us/j/4284',
      },
    ],
    channelId: 'C0123NODE',
    channelName: dir,
    facilitators: ['jdoe'],
    ...overrides,
  };
}

export function makePerson(overrides: Partial<Person> = {}): Person {
  return {
    github: 'jdoe',
    slack: 'U012ABCDEF',
    timezone: 'Europe/Berlin',
    quietHours: { from: '19:00', to: '08:00', weekends: true },
    ...overrides,
  };
}

export function makeMilestone(overrides: Partial<CalendarMilestone> = {}): CalendarMilestone {
  return {
    name: 'Begin Enhancements Freeze',
    kind: 'enhancements-freeze',
    who: 'Enhancements Lead',
    week: 5,
    at: '2025-10-17T12:00:00Z',
    date: null,
    endDate: null,
    aoe: true,
    ...overrides,
  };
}

/** A small v1.35 calendar, deliberately not in date order (as the real README is not). */
export function calendar135(): CalendarMilestone[] {
  return [
    makeMilestone({
      name: 'Start of Release Cycle',
      kind: 'cycle-start',
      who: 'Lead',
      week: 1,
      at: null,
      date: '2025-09-15',
      aoe: false,
    }),
    makeMilestone({ name: 'Begin Enhancements Freeze' }),
    makeMilestone({
      name: 'Begin Production Readiness Freeze',
      kind: 'prr-freeze',
      week: 4,
      at: '2025-10-10T12:00:00Z',
    }),
    makeMilestone({
      name: 'KubeCon NA',
      kind: null,
      who: null,
      week: 9,
      at: null,
      date: '2025-11-10',
      endDate: '2025-11-13',
      aoe: false,
    }),
    makeMilestone({
      name: 'Begin Code Freeze and Test Freeze',
      kind: 'code-freeze',
      who: 'Branch Manager',
      week: 8,
      at: '2025-11-07T12:00:00Z',
    }),
  ];
}

/** A tracking board item of an enhancements issue with this Status (`kubernetes/264` unless overridden). */
export function makeBoardItem(
  issueNumber: number,
  status: string | null,
  overrides: Partial<BoardItemSnapshot> = {},
): BoardItemSnapshot {
  return {
    board: 'kubernetes/264',
    itemId: `PVTI_${issueNumber}`,
    issueRepo: 'kubernetes/enhancements',
    issueNumber,
    status,
    stage: null,
    sig: null,
    prrStatus: null,
    fields: status ? { Status: status } : {},
    archived: false,
    updatedAt: '2025-10-01T00:00:00Z',
    ...overrides,
  };
}

/** A small deterministic generator (xorshift), so a failure names a seed that reproduces it. */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}
