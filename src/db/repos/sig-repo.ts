import type { Sig, SigMeeting } from '../../domain/types.ts';
import type { SigRecord, SigRepo, SigRole, UpsertCounts } from '../../ports/store.ts';
import type { Db } from '../open.ts';
import { normalizeLogin, uniqueLogins } from './github-login.ts';
import { canonicalJson, fromJson, toJson } from './json-columns.ts';
import { storeRow } from './store-error.ts';

interface SigRow {
  dir: string;
  name: string;
  kind: Sig['kind'];
  label: string | null;
  slack_channel: string | null;
  channel_id: string | null;
  channel_name: string | null;
  meetings: string;
}

interface RoleRow {
  sig_dir: string;
  role: SigRole;
  github: string;
}

const roleFields = { chair: 'chairs', 'tech-lead': 'techLeads', facilitator: 'facilitators' } as const;

/** SIGs and who holds which role in them (tables `sigs`, `sig_roles`). */
export function createSigRepo(db: Db): SigRepo {
  const upsertSig = db.prepare(`INSERT INTO sigs
      (dir, name, kind, label, slack_channel, channel_id, channel_name, meetings)
    VALUES (@dir, @name, @kind, @label, @slack_channel, @channel_id, @channel_name, @meetings)
    ON CONFLICT (dir) DO UPDATE SET name = excluded.name, kind = excluded.kind, label = excluded.label,
      slack_channel = excluded.slack_channel, channel_id = excluded.channel_id,
      channel_name = excluded.channel_name, meetings = excluded.meetings`);
  const deleteRoles = db.prepare('DELETE FROM sig_roles WHERE sig_dir = ?');
  const insertRole = db.prepare(
    'INSERT INTO sig_roles (sig_dir, role, github, position) VALUES (?, ?, ?, ?)',
  );
  const selectSig = db.prepare<[string], SigRow>('SELECT * FROM sigs WHERE dir = ?');
  const selectAll = db.prepare<[], SigRow>('SELECT * FROM sigs ORDER BY dir');
  const selectRoles = db.prepare<[string], RoleRow>(
    'SELECT sig_dir, role, github FROM sig_roles WHERE sig_dir = ? ORDER BY role, position',
  );
  const selectAllRoles = db.prepare<[], RoleRow>(
    'SELECT sig_dir, role, github FROM sig_roles ORDER BY sig_dir, role, position',
  );
  const selectByPerson = db.prepare<[{ github: string; roles: string | null }], SigRow>(`SELECT * FROM sigs
    WHERE dir IN (SELECT sig_dir FROM sig_roles WHERE github = @github
      AND (@roles IS NULL OR role IN (SELECT value FROM json_each(@roles))))
    ORDER BY dir`);

  const get = (dir: string): SigRecord | null => {
    const row = selectSig.get(dir);
    return row ? toRecord(row, selectRoles.all(dir)) : null;
  };
  const withRoles = (rows: SigRow[]): SigRecord[] => {
    const roles = new Map<string, RoleRow[]>();
    for (const r of selectAllRoles.all()) roles.set(r.sig_dir, [...(roles.get(r.sig_dir) ?? []), r]);
    return rows.map((row) => toRecord(row, roles.get(row.dir) ?? []));
  };
  const write = (sig: SigRecord) => {
    upsertSig.run(toRow(sig));
    deleteRoles.run(sig.dir);
    for (const [role, field] of Object.entries(roleFields)) {
      sig[field].forEach((github, i) => {
        insertRole.run(sig.dir, role, github, i);
      });
    }
  };
  const upsertMany = db.transaction((sigs: SigRecord[]): UpsertCounts => {
    const counts = { inserted: 0, changed: 0, unchanged: 0 };
    for (const input of sigs) {
      const sig = normalize(input);
      const before = get(sig.dir);
      if (before && canonicalJson(before) === canonicalJson(sig)) {
        counts.unchanged++;
        continue;
      }
      storeRow(`SIG "${sig.dir}"`, 'check its dir, kind (sig, wg, ug or committee) and role logins', () =>
        write(sig),
      );
      counts[before ? 'changed' : 'inserted']++;
    }
    return counts;
  });

  return {
    upsertMany,
    get,
    list: () => withRoles(selectAll.all()),
    listByPerson: (github, roles) =>
      withRoles(
        selectByPerson.all({ github: normalizeLogin(github), roles: roles ? JSON.stringify(roles) : null }),
      ),
  };
}

function normalize(sig: SigRecord): SigRecord {
  return {
    dir: sig.dir,
    name: sig.name,
    kind: sig.kind,
    label: sig.label ?? null,
    slackChannel: sig.slackChannel ?? null,
    chairs: uniqueLogins(sig.chairs ?? []),
    techLeads: uniqueLogins(sig.techLeads ?? []),
    meetings: sig.meetings ?? [],
    channelId: sig.channelId ?? null,
    channelName: sig.channelName ?? null,
    facilitators: uniqueLogins(sig.facilitators ?? []),
  };
}

function toRow(sig: SigRecord): SigRow {
  return {
    dir: sig.dir,
    name: sig.name,
    kind: sig.kind,
    label: sig.label,
    slack_channel: sig.slackChannel,
    channel_id: sig.channelId,
    channel_name: sig.channelName,
    meetings: toJson(sig.meetings),
  };
}

function toRecord(row: SigRow, roles: RoleRow[]): SigRecord {
  const holders = (role: SigRole) => roles.filter((r) => r.role === role).map((r) => r.github);
  return {
    dir: row.dir,
    name: row.name,
    kind: row.kind,
    label: row.label,
    slackChannel: row.slack_channel,
    chairs: holders('chair'),
    techLeads: holders('tech-lead'),
    meetings: fromJson<SigMeeting[]>(row.meetings),
    channelId: row.channel_id,
    channelName: row.channel_name,
    facilitators: holders('facilitator'),
  };
}
