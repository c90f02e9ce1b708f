import type { Person } from '../domain/types.ts';
import type { KeyPath } from './problems.ts';
import type { Reporter } from './resolve-context.ts';
import type { ConfigInput } from './schema.ts';

export interface PeopleIndex {
  people: Person[];
  /** Lower-cased GitHub login → person. */
  byGithub: Map<string, Person>;
  bySlack: Map<string, Person>;
}

/** People with their zone defaulted to the workspace's; duplicate logins or Slack IDs are errors. */
export function resolvePeople(input: ConfigInput, reporter: Reporter): PeopleIndex {
  const byGithub = new Map<string, Person>();
  const bySlack = new Map<string, Person>();
  const people: Person[] = [];
  input.people.forEach((entry, index) => {
    const person: Person = {
      github: entry.github,
      slack: entry.slack ?? null,
      timezone: entry.timezone ?? input.workspace.timezone,
      quietHours: entry.quietHours ?? null,
    };
    const login = entry.github.toLowerCase();
    if (byGithub.has(login)) {
      reporter.error(
        ['people', index, 'github'],
        `"${entry.github}" is listed twice; keep one entry per person`,
      );
      return;
    }
    if (person.slack !== null && bySlack.has(person.slack)) {
      const other = bySlack.get(person.slack)!.github;
      reporter.error(['people', index, 'slack'], `${person.slack} is already the Slack user of "${other}"`);
      return;
    }
    byGithub.set(login, person);
    if (person.slack !== null) bySlack.set(person.slack, person);
    people.push(person);
  });
  return { people, byGithub, bySlack };
}

/**
 * Checks that each login names a person (an error otherwise); a person without a Slack user is a
 * warning, since the bot cannot reach them. `role` is for the message ("facilitator", "release lead").
 */
export function requirePeople(
  index: PeopleIndex,
  reporter: Reporter,
  keyPath: KeyPath,
  logins: readonly string[],
  role: string,
  asList = true,
): void {
  logins.forEach((login, i) => {
    const at = asList ? [...keyPath, i] : keyPath;
    const person = index.byGithub.get(login.toLowerCase());
    if (!person) {
      reporter.error(
        at,
        `${role} "${login}" is not in people; add { github: ${login}, slack: U… } to people`,
      );
    } else if (person.slack === null) {
      reporter.warn(at, `${role} "${login}" has no Slack user in people, so the bot cannot message them`);
    }
  });
}
