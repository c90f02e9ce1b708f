/**
 * Who may press which button and submit which form, in one place. Every rule is a list of groups
 * (a SIG's reporters, the release lead, the release team, the exception deciders, a vote's owner);
 * a person may act when they belong to one of them. People are matched by GitHub login
 * (case-insensitive) or, for groups known only by Slack id, by Slack user id.
 */

/** Who the configuration says holds which role. GitHub logins unless the name says Slack. */
export interface PermissionRoster {
  /** Each SIG's reporters (its status updaters: facilitators and chairs unless configured), by dir. */
  reporters: Readonly<Record<string, readonly string[]>>;
  /** The release lead's login, or null. */
  releaseLead: string | null;
  /** The release team's logins (the lead included). */
  releaseTeam: readonly string[];
  /** Who may approve or reject exception requests (`planning.exceptions.deciders`). */
  exceptionDeciders: readonly string[];
}

/** The person who clicked or submitted: a Slack user, with a GitHub login when `people` lists them. */
export interface Actor {
  slack: string;
  github: string | null;
}

/** What is being done, with what it is done to. */
export type GuardedAct =
  | {
      kind: 'blocker';
      verb: 'acknowledge' | 'snooze' | 'resolve';
      blockedSig: string;
      blockingSig: string | null;
    }
  | { kind: 'status'; sig: string }
  | { kind: 'plan'; sig: string }
  | { kind: 'exception-decision' }
  | { kind: 'milestone-removal' }
  | { kind: 'vote-management'; ownerSlack: string; teamSlack: readonly string[] };

/** One group of people who may act, named as a refusal names it. */
export interface PermittedGroup {
  /** `sig-node's reporters`, `the release lead`. */
  label: string;
  logins: string[];
  slackIds: string[];
}

export type PermissionDecision = { allowed: true } | { allowed: false; who: PermittedGroup[]; what: string };

const group = (label: string, logins: readonly string[], slackIds: string[] = []): PermittedGroup => ({
  label,
  logins: [...new Set(logins)],
  slackIds,
});

function reportersOf(roster: PermissionRoster, sig: string): PermittedGroup {
  return group(`${sig}'s reporters`, roster.reporters[sig] ?? []);
}

function releaseTeam(roster: PermissionRoster): PermittedGroup {
  return group('the release team', roster.releaseTeam);
}

/** The groups allowed to do `act`, and how the act reads in a refusal. */
export function permittedGroups(
  roster: PermissionRoster,
  act: GuardedAct,
): { who: PermittedGroup[]; what: string } {
  switch (act.kind) {
    case 'blocker': {
      const sigs = [...new Set([act.blockedSig, ...(act.blockingSig ? [act.blockingSig] : [])])];
      const lead = group('the release lead', roster.releaseLead ? [roster.releaseLead] : []);
      return {
        who: [...sigs.map((s) => reportersOf(roster, s)), lead, releaseTeam(roster)],
        what: `${act.verb} this blocker`,
      };
    }
    case 'status':
      return { who: [reportersOf(roster, act.sig), releaseTeam(roster)], what: `update ${act.sig}'s KEPs` };
    case 'plan':
      return { who: [reportersOf(roster, act.sig), releaseTeam(roster)], what: `commit ${act.sig}'s plan` };
    case 'exception-decision':
      return {
        who: [group('the exception deciders', roster.exceptionDeciders)],
        what: 'approve or reject exception requests',
      };
    case 'milestone-removal':
      return {
        who: [releaseTeam(roster)],
        what: 'remove a KEP from the milestone or restore it',
      };
    case 'vote-management':
      return {
        who: [
          group("the vote's owner", [], [act.ownerSlack]),
          group('the release team', roster.releaseTeam, [...act.teamSlack]),
        ],
        what: 'close this vote or start a re-vote',
      };
  }
}

function belongs(actor: Actor, g: PermittedGroup): boolean {
  if (g.slackIds.includes(actor.slack)) return true;
  const login = actor.github?.toLowerCase();
  return login !== undefined && g.logins.some((l) => l.toLowerCase() === login);
}

/** A roster that names nobody: for acts whose groups come with the act (a vote's owner and closers). */
export const emptyRoster: PermissionRoster = {
  reporters: {},
  releaseLead: null,
  releaseTeam: [],
  exceptionDeciders: [],
};

/** May `actor` do `act`? When not, who may (for the refusal). */
export function decidePermission(
  roster: PermissionRoster,
  actor: Actor,
  act: GuardedAct,
): PermissionDecision {
  const { who, what } = permittedGroups(roster, act);
  return who.some((g) => belongs(actor, g)) ? { allowed: true } : { allowed: false, who, what };
}
