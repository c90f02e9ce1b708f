import type { RemovalResult } from '../../app/remove-from-milestone.ts';
import { escapeMrkdwn, mentionUser } from '../escape.ts';

function writeBackLine(planned: number, writeBack: boolean): string {
  if (!writeBack)
    return 'GitHub write-back is off: change the issue as the handbook says (`/remove-label tracked/yes`, `/label tracked/no`, `/milestone clear`, or the reverse to restore).';
  if (planned === 0) return 'No GitHub change was needed.';
  return `${planned} GitHub change${planned === 1 ? '' : 's'} planned; the next sync applies ${planned === 1 ? 'it' : 'them'}.`;
}

function boardLine(result: Extract<RemovalResult, { ok: true }>): string | null {
  if (!result.board) return null;
  return `:warning: The tracking board says *${result.board}*. The board's Status counts, so change it there too; until then the difference is reported as drift.`;
}

/** The answer to who clicked Remove or Restore. */
export function removalOutcomeText(
  direction: 'remove' | 'restore',
  result: RemovalResult,
  writeBack: boolean,
): string {
  if (!result.ok) return `:warning: ${result.message}`;
  const { kep, removal } = result;
  const release = escapeMrkdwn(removal.release);
  if (!result.changed)
    return `KEP-${kep.number} was already removed from the ${release} milestone by ${mentionUser(removal.removedBy)} (${removal.removedAt.slice(0, 10)}; reason: ${escapeMrkdwn(removal.reason)}). Nothing changed.`;
  const head =
    direction === 'remove'
      ? `:white_check_mark: KEP-${kep.number} is removed from the ${release} milestone; its SIG channel is told.`
      : `:white_check_mark: KEP-${kep.number} is restored to the ${release} milestone; its SIG channel is told.`;
  return [head, writeBackLine(result.planned, writeBack), boardLine(result)].filter(Boolean).join('\n');
}
