/**
 * Write-back of board fields (`set-board-field`): always through the API (Prow has no command for
 * project fields). The item comes from the last board sync, the field and its single-select option
 * from the board; an effect already on the board is marked without a write.
 */

import { fieldKey } from '../domain/board.ts';
import { boardFieldPresent } from '../domain/board-exception.ts';
import type { BoardFieldInput, BoardFieldTarget, BoardRef, GithubSource } from '../ports/github.ts';
import type { GithubSnapshotRepo, StoredWriteAction } from '../ports/github-store.ts';

export interface BoardFieldApplier {
  github: GithubSource;
  snapshots: Pick<GithubSnapshotRepo, 'listBoardItems'>;
  board: BoardRef | null;
}

export type BoardFieldOutcome =
  | { outcome: 'applied' | 'already-there' }
  | { outcome: 'failed'; error: string };

/** The mutation's value for a field of `dataType`, or why `value` does not fit it. */
export function boardFieldValue(field: BoardFieldTarget, value: string): BoardFieldInput | string {
  if (field.dataType === 'SINGLE_SELECT') {
    const option = field.options.find((o) => o.name.trim().toLowerCase() === value.trim().toLowerCase());
    return option
      ? { singleSelectOptionId: option.id }
      : `the board's field ${field.name} has no option "${value}"; add it on the board`;
  }
  if (field.dataType === 'DATE')
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? { date: value } : `"${value}" is not a date`;
  if (field.dataType === 'NUMBER')
    return Number.isFinite(Number(value)) ? { number: Number(value) } : `"${value}" is not a number`;
  return { text: value };
}

/** Applies one `set-board-field` action. GitHub failures throw (the caller decides to stop). */
export async function applyBoardField(
  applier: BoardFieldApplier,
  action: StoredWriteAction,
): Promise<BoardFieldOutcome> {
  const { board } = applier;
  if (!board) return { outcome: 'failed', error: 'github.board is not configured' };
  const item = applier.snapshots
    .listBoardItems(`${board.org}/${board.number}`)
    .find((i) => i.issueNumber === action.issueNumber && !i.archived);
  if (!item)
    return {
      outcome: 'failed',
      error: `${action.repo}#${action.issueNumber} is not on the board; add it there`,
    };
  if (boardFieldPresent(action, item.fields)) return { outcome: 'already-there' };
  const target = await applier.github.boardTarget(board);
  if (!target) return { outcome: 'failed', error: `the board ${board.org}/${board.number} cannot be read` };
  const field = target.fields.find((f) => fieldKey(f.name) === fieldKey(action.label));
  if (!field)
    return { outcome: 'failed', error: `the board has no field "${action.label}"; fix github.board.fields` };
  const value = boardFieldValue(field, action.value ?? '');
  if (typeof value === 'string') return { outcome: 'failed', error: value };
  await applier.github.setBoardField(
    { projectId: target.projectId, itemId: item.itemId, fieldId: field.id },
    value,
  );
  return { outcome: 'applied' };
}
