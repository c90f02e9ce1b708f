import {
  type Actor,
  decidePermission,
  type GuardedAct,
  type PermissionRoster,
  type PermittedGroup,
} from '../domain/permissions.ts';
import type { PersonRepo } from '../ports/store.ts';

export type Authorization = { ok: true; actor: Actor } | { ok: false; message: string };

/** At most this many people are named in a refusal; the rest are counted. */
const maxNamed = 8;

/**
 * Checks the permission rules for the Slack user who clicked or submitted, and when they may not
 * act, a short refusal that names who may (as Slack mentions where `people` knows them).
 */
export function authorize(
  people: Pick<PersonRepo, 'getBySlackId' | 'getByGithub'>,
  roster: PermissionRoster,
  slackUser: string,
  act: GuardedAct,
): Authorization {
  const actor: Actor = { slack: slackUser, github: people.getBySlackId(slackUser)?.github ?? null };
  const decision = decidePermission(roster, actor, act);
  if (decision.allowed) return { ok: true, actor };
  return { ok: false, message: refusal(people, decision.what, decision.who) };
}

function refusal(people: Pick<PersonRepo, 'getByGithub'>, what: string, who: PermittedGroup[]): string {
  const labels = who.map((g) => g.label);
  const mentions = [
    ...new Set(
      who.flatMap((g) => [...g.slackIds.map((id) => `<@${id}>`), ...g.logins.map(mentionOf(people))]),
    ),
  ];
  const named =
    mentions.length === 0
      ? 'nobody is configured for that yet; ask the release team'
      : mentions.slice(0, maxNamed).join(', ') +
        (mentions.length > maxNamed ? ` and ${mentions.length - maxNamed} more` : '');
  return `Only ${listed(labels)} may ${what}: ${named}.`;
}

function mentionOf(people: Pick<PersonRepo, 'getByGithub'>) {
  return (login: string) => {
    const slack = people.getByGithub(login)?.slack;
    return slack ? `<@${slack}>` : `@${login} (GitHub)`;
  };
}

function listed(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
