import type { Person } from '../domain/types.ts';
import { type ImportedPerson, parseSlackUsers } from './import-people.ts';
import type { KeyPath } from './problems.ts';
import { type Reporter, type ResolveContext, readImport, runImporter } from './resolve-context.ts';
import { type ConfigInput, writtenPeoplePath } from './schema.ts';

export interface PeopleIndex {
  people: Person[];
  /** Lower-cased GitHub login → person. */
  byGithub: Map<string, Person>;
  bySlack: Map<string, Person>;
  /** Lower-cased logins taken from the import alone. */
  importedOnly: Set<string>;
}

type ListedInput = ConfigInput['people']['list'][number];

interface PeopleContext {
  index: PeopleIndex;
  reporter: Reporter;
  zone: string;
}

/** The import's login → Slack pairs (its warnings reported), or none. */
function importedPeople(input: ConfigInput, ctx: ResolveContext, reporter: Reporter) {
  const relative = input.people.import;
  if (relative === undefined) return { people: [], display: '' };
  const keyPath = ['people', 'import'];
  const file = readImport(ctx, reporter, keyPath, relative);
  if (!file) return { people: [], display: '' };
  const imported = runImporter(reporter, keyPath, file.display, () =>
    parseSlackUsers(file.text, file.display),
  );
  if (!imported) return { people: [], display: file.display };
  for (const warning of imported.warnings) reporter.importWarning(keyPath, warning);
  if (imported.people.length === 0)
    reporter.warn(keyPath, `${file.display} maps no GitHub login to a Slack user`);
  return { people: imported.people, display: file.display };
}

function add(c: PeopleContext, person: Person): void {
  c.index.byGithub.set(person.github.toLowerCase(), person);
  if (person.slack !== null) c.index.bySlack.set(person.slack, person);
  c.index.people.push(person);
}

/** A `people` entry: its own fields win; the Slack ID comes from the import when it gives none. */
function addListed(c: PeopleContext, entry: ListedInput, at: KeyPath, imported?: ImportedPerson): void {
  const person: Person = {
    github: entry.github,
    slack: entry.slack ?? imported?.slack ?? null,
    timezone: entry.timezone ?? c.zone,
    quietHours: entry.quietHours ?? null,
  };
  if (c.index.byGithub.has(entry.github.toLowerCase())) {
    c.reporter.error([...at, 'github'], `"${entry.github}" is listed twice; keep one entry per person`);
    return;
  }
  const other = person.slack === null ? undefined : c.index.bySlack.get(person.slack);
  if (other && entry.slack !== undefined) {
    c.reporter.error([...at, 'slack'], `${person.slack} is already the Slack user of "${other.github}"`);
    return;
  }
  if (other) {
    c.reporter.warn(
      at,
      `the imported ${person.slack} is already the Slack user of "${other.github}"; not used`,
    );
    person.slack = null;
  }
  add(c, person);
}

/** An imported pair nobody listed; skipped (with a warning on its line) when its Slack ID is taken. */
function addImported(c: PeopleContext, p: ImportedPerson, display: string): void {
  if (c.index.byGithub.has(p.github.toLowerCase())) return;
  const other = c.index.bySlack.get(p.slack);
  if (other) {
    const message = `${p.github}: ${p.slack} is already the Slack user of "${other.github}"; entry skipped`;
    c.reporter.importWarning(['people', 'import'], { source: `${display}:${p.line}`, message });
    return;
  }
  add(c, { github: p.github, slack: p.slack, timezone: c.zone, quietHours: null });
  c.index.importedOnly.add(p.github.toLowerCase());
}

/**
 * People from `people.import` (a kubernetes/community slack-config/users.yaml) and `people.list`
 * (or `people` as a plain list). Listed entries add to and override imported ones; logins match in
 * any case. Zones default to the workspace's. Duplicate listed logins or Slack IDs are errors.
 */
export function resolvePeople(input: ConfigInput, ctx: ResolveContext, reporter: Reporter): PeopleIndex {
  const c: PeopleContext = {
    index: { people: [], byGithub: new Map(), bySlack: new Map(), importedOnly: new Set() },
    reporter,
    zone: input.workspace.timezone,
  };
  const imported = importedPeople(input, ctx, reporter);
  const byLogin = new Map(imported.people.map((p) => [p.github.toLowerCase(), p]));
  const listPath = writtenPeoplePath(ctx.source.data, ['people', 'list'] as KeyPath);
  input.people.list.forEach((entry, i) => {
    addListed(c, entry, [...listPath, i], byLogin.get(entry.github.toLowerCase()));
  });
  for (const p of imported.people) addImported(c, p, imported.display);
  return c.index;
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
