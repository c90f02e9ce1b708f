import type { WriteBackResult } from '../app/apply-write-back.ts';
import type { SyncGithubOptions, SyncSummary } from '../app/sync-github.ts';
import { driftLine } from '../domain/drift.ts';

/** How many change lines the summary lists before "… and N more". */
const shownEvents = 25;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function budgetLine(summary: SyncSummary): string {
  const left =
    summary.remaining === null
      ? ''
      : `; ${summary.remaining} left until ${summary.resetAt?.slice(11, 16)} UTC`;
  const retries = summary.retries ? `, ${plural(summary.retries, 'retry')}` : '';
  return `${plural(summary.requests, 'request')}, ${plural(summary.points, 'point')}${retries}${left}`;
}

function boardLine(summary: SyncSummary, options: SyncGithubOptions): string[] {
  if (!options.board) return [];
  const name = `board ${options.board.org}/${options.board.number}`;
  const { board } = summary;
  if (board.skipped) return [`  ${name}: unchanged since the last sync (not re-read)`];
  return [
    `  ${name}: ${plural(board.read, 'item')} read, ${board.changed} changed, ${board.removed} removed`,
  ];
}

/** Drift: how many findings are open, and the new or changed ones (each shown once). */
function driftLines(summary: SyncSummary): string[] {
  const { open, news } = summary.drift;
  if (open === 0) return ['  drift: none'];
  const head = `  drift: ${plural(open, 'finding')} open${news.length ? `, ${news.length} new or changed:` : ' (none new; drumbeat drift lists them)'}`;
  return [head, ...news.slice(0, shownEvents).map((f) => `    ${driftLine(f)}`)];
}

/** The write-back part: what was applied, or the plan with why it was not applied. */
export function formatWriteBack(
  result: WriteBackResult | null,
  options: Pick<SyncGithubOptions, 'writeBack' | 'dryRun'>,
): string[] {
  if (!result || result.actions.length === 0) return ['  write-back: nothing planned'];
  const why = options.dryRun ? '--dry-run' : 'github.writeBack is false in the config';
  const head =
    result.mode === 'dry-run'
      ? `  write-back plan (${plural(result.actions.length, 'action')}, not applied: ${why}):`
      : `  write-back (${plural(result.actions.length, 'action')}):`;
  const lines = result.actions.map(({ action, outcome, error }, i) => {
    const state = outcome === 'would-apply' ? '' : ` [${outcome}${error ? `: ${error}` : ''}]`;
    return `    ${i + 1}. ${action.description} (${action.reason})${state}`;
  });
  const verb = result.mode === 'dry-run' ? 'would comment' : 'commented';
  const comments = result.comments.flatMap(({ repo, issueNumber, body }) => [
    `    via Prow, ${verb} on ${repo}#${issueNumber}:`,
    ...body.split('\n').map((line) => `      ${line}`),
  ]);
  return [head, ...lines, ...comments];
}

/** The summary `drumbeat sync` prints: what was read, what it cost, what changed, the write-back plan. */
export function formatSyncSummary(summary: SyncSummary, options: SyncGithubOptions): string {
  const outcome = summary.ok ? 'done' : 'STOPPED';
  const lines = [
    `GitHub sync of ${options.repo} for ${options.release}: ${outcome} (${budgetLine(summary)})`,
    `  issues: ${summary.issues.read} read, ${summary.issues.changed} new or changed`,
    ...boardLine(summary, options),
    summary.files.listed
      ? `  files: keps/ changed; ${plural(summary.files.fetched, 'kep.yaml/PRR file')} fetched`
      : `  files: keps/ unchanged${summary.files.fetched ? `; ${plural(summary.files.fetched, 'file')} fetched` : ''}`,
    `  KEPs: ${summary.keps.inserted} new, ${summary.keps.changed} changed, ${summary.keps.unchanged} unchanged`,
  ];
  if (summary.events.length === 0) lines.push('  changes: none');
  else {
    lines.push(`  changes (${summary.events.length}):`);
    for (const event of summary.events.slice(0, shownEvents))
      lines.push(`    ${event.kepNumber === null ? '' : `#${event.kepNumber} `}${event.message}`);
    if (summary.events.length > shownEvents)
      lines.push(`    … and ${summary.events.length - shownEvents} more`);
  }
  lines.push(...driftLines(summary));
  lines.push(...formatWriteBack(summary.writeBack, options));
  const { verified, awaiting } = summary.writeBackChecks;
  if (verified || awaiting)
    lines.push(
      `  write-back effects: ${verified} seen on GitHub, ${awaiting} not yet (Prow acts on comments within minutes)`,
    );
  for (const warning of summary.warnings) lines.push(`  warning: ${warning}`);
  if (summary.error) lines.push(`  error: ${summary.error}`);
  return `${lines.join('\n')}\n`;
}
