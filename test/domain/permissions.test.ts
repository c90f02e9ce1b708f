import { describe, expect, it } from 'vitest';
import {
  type Actor,
  decidePermission,
  type GuardedAct,
  type PermissionRoster,
} from '../../src/domain/permissions.ts';

const roster: PermissionRoster = {
  reporters: { 'sig-node': ['alice', 'Nina'], 'sig-auth': ['chen'], 'sig-apps': ['dora'] },
  releaseLead: 'lena',
  releaseTeam: ['lena', 'erin'],
  exceptionDeciders: ['erin'],
};

const person = (github: string | null, slack = `U${(github ?? 'nobody').toUpperCase()}`): Actor => ({
  slack,
  github,
});

const alice = person('alice');
const nina = person('nina'); // configured as `Nina`: logins match in any case
const chen = person('chen');
const dora = person('dora');
const lena = person('lena');
const erin = person('erin');
const stranger = person(null, 'U0STRANGER'); // not in `people`
const owner = person(null, 'U0OWNER');

const blocker = (verb: 'acknowledge' | 'snooze' | 'resolve', blockingSig: string | null): GuardedAct => ({
  kind: 'blocker',
  verb,
  blockedSig: 'sig-node',
  blockingSig,
});

describe('decidePermission: every button and submission', () => {
  it.each<[string, GuardedAct, Actor, boolean]>([
    // escalation buttons: reporters of the blocked and of the blocking SIG, the lead, the team
    ['blocked SIG reporter resolves', blocker('resolve', 'sig-auth'), alice, true],
    ['blocked SIG reporter (other case) snoozes', blocker('snooze', 'sig-auth'), nina, true],
    ['blocking SIG reporter acknowledges', blocker('acknowledge', 'sig-auth'), chen, true],
    ['release lead resolves', blocker('resolve', 'sig-auth'), lena, true],
    ['release team snoozes', blocker('snooze', null), erin, true],
    ['reporter of an unrelated SIG resolves', blocker('resolve', 'sig-auth'), dora, false],
    ['blocking reporter when the party is no SIG', blocker('resolve', null), chen, false],
    ['someone not in people snoozes', blocker('snooze', 'sig-auth'), stranger, false],
    ['someone not in people acknowledges', blocker('acknowledge', 'sig-auth'), stranger, false],
    // status updates and plans: the SIG's reporters and the release team
    ['reporter updates own SIG', { kind: 'status', sig: 'sig-node' }, alice, true],
    ['reporter updates another SIG', { kind: 'status', sig: 'sig-auth' }, alice, false],
    ['release team updates any SIG', { kind: 'status', sig: 'sig-apps' }, erin, true],
    ['reporter commits own plan', { kind: 'plan', sig: 'sig-apps' }, dora, true],
    ['reporter commits another plan', { kind: 'plan', sig: 'sig-node' }, dora, false],
    ['release lead commits a plan', { kind: 'plan', sig: 'sig-node' }, lena, true],
    ['stranger commits a plan', { kind: 'plan', sig: 'sig-node' }, stranger, false],
    // exception decisions: the configured deciders only
    ['decider decides', { kind: 'exception-decision' }, erin, true],
    ['release lead who is no decider', { kind: 'exception-decision' }, lena, false],
    ['reporter decides', { kind: 'exception-decision' }, alice, false],
    // vote management: its owner (by Slack id) and the release team
    ['owner closes', { kind: 'vote-management', ownerSlack: 'U0OWNER', teamSlack: ['U0TEAM'] }, owner, true],
    [
      'release team closes',
      { kind: 'vote-management', ownerSlack: 'U0OWNER', teamSlack: ['U0TEAM'] },
      erin,
      true,
    ],
    [
      'release team by Slack id closes',
      { kind: 'vote-management', ownerSlack: 'U0OWNER', teamSlack: ['U0TEAM'] },
      person(null, 'U0TEAM'),
      true,
    ],
    [
      'reporter closes',
      { kind: 'vote-management', ownerSlack: 'U0OWNER', teamSlack: ['U0TEAM'] },
      alice,
      false,
    ],
  ])('%s', (_name, act, actor, allowed) => {
    expect(decidePermission(roster, actor, act).allowed).toBe(allowed);
  });

  it('names who may act when it refuses', () => {
    const decision = decidePermission(roster, dora, blocker('resolve', 'sig-auth'));
    expect(decision).toEqual({
      allowed: false,
      what: 'resolve this blocker',
      who: [
        { label: "sig-node's reporters", logins: ['alice', 'Nina'], slackIds: [] },
        { label: "sig-auth's reporters", logins: ['chen'], slackIds: [] },
        { label: 'the release lead', logins: ['lena'], slackIds: [] },
        { label: 'the release team', logins: ['lena', 'erin'], slackIds: [] },
      ],
    });
  });

  it('counts a SIG blocked on itself once', () => {
    const decision = decidePermission(roster, dora, blocker('snooze', 'sig-node'));
    expect(decision.allowed || decision.who.map((g) => g.label)).toEqual([
      "sig-node's reporters",
      'the release lead',
      'the release team',
    ]);
  });
});
