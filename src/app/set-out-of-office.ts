import { formatDay } from '../domain/calendar-date.ts';
import { oooEnd, parseOooRequest } from '../domain/out-of-office.ts';
import type { Store } from '../ports/store.ts';

/** The repos `setOutOfOffice` reads and writes. */
export type OutOfOfficeStore = Pick<Store, 'people'>;

export type SetOutOfOfficeResult =
  | { ok: true; change: 'set' | 'cleared' | 'shown'; until: string | null; message: string }
  | { ok: false; message: string };

const maxAheadMs = 366 * 86_400_000;

/**
 * `/drumbeat ooo until 2026-12-01` marks the person away through the end of that day in their own
 * time zone (no nudges until then; round summaries list them as away); `/drumbeat ooo off` ends it;
 * `/drumbeat ooo` says where it stands. Refuses dates in the past or more than a year ahead.
 */
export function setOutOfOffice(
  deps: { store: OutOfOfficeStore },
  input: { slackUser: string; text: string; now: Date },
): SetOutOfOfficeResult {
  const person = deps.store.people.getBySlackId(input.slackUser);
  if (!person)
    return {
      ok: false,
      message:
        'Drumbeat does not know your GitHub login yet, so it has no nudges to pause. Ask a release admin to add you under `people:` in drumbeat.yaml.',
    };
  const request = parseOooRequest(input.text);
  const current =
    person.outOfOfficeUntil && Date.parse(person.outOfOfficeUntil) > input.now.getTime()
      ? person.outOfOfficeUntil
      : null;
  switch (request.kind) {
    case 'invalid':
      return { ok: false, message: request.message };
    case 'show':
      return {
        ok: true,
        change: 'shown',
        until: current,
        message: current
          ? `You are out of office until ${current} (UTC); nudges are paused. \`/drumbeat ooo off\` ends it.`
          : 'You are not out of office. `/drumbeat ooo until 2026-12-01` pauses nudges through that day.',
      };
    case 'off':
      deps.store.people.setOutOfOffice(person.github, null);
      return {
        ok: true,
        change: 'cleared',
        until: null,
        message: current
          ? 'Welcome back: nudges are on again.'
          : 'You were not out of office; nudges are on.',
      };
    case 'until': {
      const end = oooEnd(request.day, person.timezone);
      const day = formatDay(request.day);
      if (end.getTime() <= input.now.getTime())
        return {
          ok: false,
          message: `${day} has already ended in ${person.timezone}; give a date from today on.`,
        };
      if (end.getTime() - input.now.getTime() > maxAheadMs)
        return { ok: false, message: `${day} is more than a year away; give a date within the next year.` };
      deps.store.people.setOutOfOffice(person.github, end.toISOString());
      return {
        ok: true,
        change: 'set',
        until: end.toISOString(),
        message: `Out of office through ${day} (${person.timezone}): no drumbeat nudges until then, and round summaries list you as away. \`/drumbeat ooo off\` ends it early.`,
      };
    }
  }
}
