import { parseDuration } from './duration.ts';
import { parseKepRef } from './status-command.ts';
import type { ElectorateKind, VoteQuorum } from './vote.ts';

/** Who votes, as chosen when a vote starts: a channel's members, a user group, or listed people. */
export type ElectorateChoice =
  | { kind: 'channel'; id: string }
  | { kind: 'usergroup'; id: string }
  | { kind: 'people'; ids: string[] };

/** What `/fist-to-five <text>` asks for. */
export type VoteCommand =
  | { kind: 'help' }
  | { kind: 'list' }
  | {
      kind: 'start';
      /** The question, with the mentions taken out (as the person typed it, unescaped). */
      question: string;
      /** The electorate named in the text, if any. */
      electorate: ElectorateChoice | null;
      /** Said when the text named more than one kind of electorate (the first kind wins). */
      note: string | null;
    };

export const maxQuestionLength = 300;
export const maxConcernLength = 2000;

const token = /<(@[UW][A-Z0-9]+|#[CG][A-Z0-9]+|!subteam\^S[A-Z0-9]+)(?:\|[^>]*)?>/g;

const unescapeEntities = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Reads the text of `/fist-to-five` as Slack sends it with `should_escape` on: users arrive as
 * `<@U…|name>`, channels as `<#C…|name>`, user groups as `<!subteam^S…|@handle>`, and `&<>` as entities.
 */
export function parseVoteCommand(text: string): VoteCommand {
  const trimmed = String(text ?? '').trim();
  const word = trimmed.toLowerCase();
  if (word === 'help' || word === '?') return { kind: 'help' };
  if (word === 'list' || word === 'ls') return { kind: 'list' };
  const users: string[] = [];
  const channels: string[] = [];
  const groups: string[] = [];
  const rest = trimmed.replace(token, (_m, ref: string) => {
    if (ref.startsWith('@')) users.push(ref.slice(1));
    else if (ref.startsWith('#')) channels.push(ref.slice(1));
    else groups.push(ref.slice('!subteam^'.length));
    return ' ';
  });
  const question = unescapeEntities(rest).replace(/\s+/g, ' ').trim();
  const kinds = [users.length > 0, groups.length > 0, channels.length > 0].filter(Boolean).length;
  const note =
    kinds > 1
      ? 'The command named more than one kind of electorate; people win over a user group, which wins over a channel. Check the electorate below.'
      : null;
  return { kind: 'start', question, electorate: electorateOf(users, groups, channels), note };
}

function electorateOf(users: string[], groups: string[], channels: string[]): ElectorateChoice | null {
  if (users.length > 0) return { kind: 'people', ids: [...new Set(users)] };
  if (groups[0]) return { kind: 'usergroup', id: groups[0] };
  if (channels[0]) return { kind: 'channel', id: channels[0] };
  return null;
}

/** `all` / `everyone` or a share such as `60%`; null for anything else (0% and over 100% included). */
export function parseQuorum(text: string): VoteQuorum | null {
  const t = String(text ?? '')
    .trim()
    .toLowerCase();
  if (t === 'all' || t === 'everyone' || t === '100%') return { kind: 'all' };
  const match = /^(\d{1,3})\s*%$/.exec(t);
  if (!match) return null;
  const percent = Number(match[1]);
  return percent > 0 && percent <= 100 ? { kind: 'share', share: percent / 100 } : null;
}

/** Voting time such as `72h`, `3d`, `90m`: at least 5 minutes, at most 30 days; null otherwise. */
export function parseVotingTime(text: string): number | null {
  const ms = parseDuration(String(text ?? '').toLowerCase());
  return ms !== null && ms >= 5 * 60_000 && ms <= 30 * 86_400_000 ? ms : null;
}

/** KEP issues listed as `4222, #3386 KEP-1287` or enhancements issue URLs, de-duplicated in order. */
export function parseKepIssues(text: string): { numbers: number[]; bad: string[] } {
  const parts = String(text ?? '')
    .split(/[\s,;]+/)
    .filter((p) => p !== '');
  const numbers: number[] = [];
  const bad: string[] = [];
  for (const part of parts) {
    const n = parseKepRef(part);
    if (n === null) bad.push(part);
    else if (!numbers.includes(n)) numbers.push(n);
  }
  return { numbers, bad };
}

/** A short label of an electorate kind, for messages. */
export const electorateLabel: Readonly<Record<ElectorateKind, string>> = {
  channel: 'members of a channel',
  usergroup: 'a user group',
  people: 'listed people',
};
