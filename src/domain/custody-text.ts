/**
 * The custody report as terminal text and as Markdown the Enhancements team can paste into an issue
 * or a meeting doc. Pure.
 */

import type { PullRequestFacts } from './custody.ts';
import { type CustodyOutcome, type CustodyVerdict, type LinkedPull, standingText } from './custody.ts';
import type { CustodyReport, KepCustody, PreFreezeCheck } from './custody-report.ts';

const outcomeWords: Readonly<Record<CustodyOutcome, string>> = {
  met: 'ready',
  unmet: 'not ready',
  unverified: 'unverified',
};

export function verdictText(verdict: CustodyVerdict): string {
  return `${outcomeWords[verdict.outcome]} (${verdict.reason})`;
}

function keps(count: number): string {
  return `${count} KEP${count === 1 ? '' : 's'}`;
}

function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '';
}

function kepHeading(k: KepCustody): string {
  const sig = k.kep.owningSig ? ` (${k.kep.owningSig})` : '';
  return `KEP-${k.kep.number} ${k.kep.title}${sig}`;
}

function issueText(k: KepCustody): string {
  return k.issue.found
    ? `${k.issue.repo}#${k.issue.number}`
    : `${k.issue.repo}#${k.issue.number} (not found)`;
}

function pullLine(p: LinkedPull): string {
  const merged = p.pull.mergedAt ? ` ${day(p.pull.mergedAt)}` : '';
  return `#${p.pull.number} ${p.kind}, ${standingText(p)}${merged}: ${p.pull.title} [${p.via.join(', ')}]`;
}

function unaccountedHeading(report: CustodyReport, check: PreFreezeCheck): string {
  return `Merged kind/feature pull requests in ${report.release} that no tracked KEP accounts for: ${check.unaccounted.length} of ${check.read}`;
}

/** The pre-freeze search could not be read whole: say so, with what GitHub matched. */
function incompleteNote(check: PreFreezeCheck): string | null {
  const gap = check.incomplete;
  if (!gap) return null;
  return `Incomplete: the search matched ${gap.matched}, ${check.read} could be read; more than 1,000 were updated at ${gap.at}, past GitHub's search cap. Check the rest on GitHub.`;
}

const scopedNote = 'Pre-freeze check: only for the whole release (leave out --kep and --sig).';

/** The report as terminal text. */
export function custodyText(report: CustodyReport): string {
  const lines = [
    `Chain of custody for ${report.release}: ${report.enhancementsRepo} issues → ${report.codeRepo} pull requests (${keps(report.keps.length)})`,
  ];
  for (const k of report.keps) {
    lines.push('', `${kepHeading(k)}, issue ${issueText(k)}`);
    lines.push(`  Code Freeze: ${verdictText(k.codeFreeze)}`, `  Test Freeze: ${verdictText(k.testFreeze)}`);
    if (k.pulls.length === 0) lines.push('  no pull request linked');
    for (const p of k.pulls) lines.push(`  ${pullLine(p)}`);
  }
  const check = report.preFreeze;
  if (!check) return `${[...lines, '', scopedNote].join('\n')}\n`;
  lines.push('', unaccountedHeading(report, check));
  const gap = incompleteNote(check);
  if (gap) lines.push(`  ${gap}`);
  for (const p of check.unaccounted)
    lines.push(`  #${p.number} merged ${day(p.mergedAt)}: ${p.title} ${p.url}`);
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function mark(on: boolean): string {
  return on ? '✓' : '';
}

function pullRow(p: LinkedPull): string {
  const labels = p.pull.labels;
  const holds = labels.filter((l) => l.startsWith('do-not-merge/')).join(', ');
  return `| [#${p.pull.number}](${p.pull.url}) ${cell(p.pull.title)} | ${p.kind} | ${cell(standingText(p))} | ${day(p.pull.mergedAt)} | ${mark(labels.includes('lgtm'))} | ${mark(labels.includes('approved'))} | ${holds} | ${p.via.join(', ')} |`;
}

function kepMarkdown(k: KepCustody): string[] {
  const lines = [
    `### [KEP-${k.kep.number}](${k.issue.url}) ${cell(k.kep.title)}${k.kep.owningSig ? ` (${k.kep.owningSig})` : ''}`,
    '',
    `- Issue: [${issueText(k)}](${k.issue.url})`,
    `- Code Freeze: **${outcomeWords[k.codeFreeze.outcome]}** (${cell(k.codeFreeze.reason)})`,
    `- Test Freeze: **${outcomeWords[k.testFreeze.outcome]}** (${cell(k.testFreeze.reason)})`,
    '',
  ];
  if (k.pulls.length === 0) return [...lines, 'No pull request linked.', ''];
  return [
    ...lines,
    '| PR | kind | state | merged | lgtm | approved | do-not-merge | linked from |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...k.pulls.map(pullRow),
    '',
  ];
}

function unaccountedRow(p: PullRequestFacts): string {
  return `| [#${p.number}](${p.url}) | ${cell(p.title)} | ${day(p.mergedAt)} |`;
}

/** The report as Markdown. */
export function custodyMarkdown(report: CustodyReport): string {
  const lines = [
    `## Chain of custody: ${report.release}`,
    '',
    `${keps(report.keps.length)} of ${report.enhancementsRepo}, with the ${report.codeRepo} pull requests linked to their issues.`,
    '',
    ...report.keps.flatMap(kepMarkdown),
  ];
  const check = report.preFreeze;
  if (!check) return `${[...lines, scopedNote].join('\n')}\n`;
  lines.push(`### ${unaccountedHeading(report, check)}`, '', `Search: \`${check.query}\``, '');
  const gap = incompleteNote(check);
  if (gap) lines.push(`**${gap}**`, '');
  if (check.unaccounted.length === 0) lines.push('None.');
  else lines.push('| PR | title | merged |', '| --- | --- | --- |', ...check.unaccounted.map(unaccountedRow));
  return `${lines.join('\n')}\n`;
}
