import type { Store } from '../ports/store.ts';

/**
 * `text` with each Slack mention (`<@U…>`) of a known person written as their `@login`, for places
 * that show plain text (modal field errors); mentions of unknown people stay as they are.
 */
export function mentionsAsLogins(store: Pick<Store, 'people'>, text: string): string {
  return text.replace(/<@([UW][A-Z0-9]+)>/g, (mention, id: string) => {
    const person = store.people.getBySlackId(id);
    return person ? `@${person.github}` : mention;
  });
}
