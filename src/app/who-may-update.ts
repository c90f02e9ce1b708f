import { emptyRoster, permittedGroups } from '../domain/permissions.ts';
import type { Store } from '../ports/store.ts';

/** The repos `whoMayUpdate` reads. */
export type UpdateRightsStore = Pick<Store, 'people'>;

export interface UpdateRights {
  /** GitHub logins: the SIG's facilitators and chairs, then the admins. */
  logins: string[];
  /** A polite refusal that names who can update, as Slack mentions where the person is known. */
  refusal(what: string): string;
}

/** Who may update a SIG's KEPs: the SIG's updaters (facilitators and chairs by default) and the admins. */
export function whoMayUpdate(
  store: UpdateRightsStore,
  sigDir: string,
  owners: string[],
  admins: string[],
): UpdateRights {
  const roster = { ...emptyRoster, reporters: { [sigDir]: owners }, releaseTeam: admins };
  const logins = [
    ...new Set(permittedGroups(roster, { kind: 'status', sig: sigDir }).who.flatMap((g) => g.logins)),
  ];
  const mention = (login: string) => {
    const slack = store.people.getByGithub(login)?.slack;
    return slack ? `<@${slack}>` : `@${login} (GitHub)`;
  };
  return {
    logins,
    refusal: (what) => {
      const names = [...new Set(owners)].map(mention);
      const who =
        names.length > 0
          ? `${sigDir}'s facilitators and chairs can: ${names.join(', ')}`
          : `${sigDir || 'its SIG'} has no facilitators or chairs in drumbeat.yaml yet`;
      return `Sorry, only the people who report for ${sigDir || 'the owning SIG'} may update ${what}; ${who}.`;
    },
  };
}
