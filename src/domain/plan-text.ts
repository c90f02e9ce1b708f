/**
 * Plans and the release-notes draft as text for the CLI: plain lines for a terminal, or Markdown
 * (`--markdown`) to paste into an issue or a document. Pure.
 */
import type { Increment } from './confidence.ts';
import type { PlanEntry, SigPlan } from './plan.ts';
import type { ReleaseNotesDraft } from './plan-release-notes.ts';

export interface TextStyle {
  markdown: boolean;
}

/** `weeks 3–4 at 80%, weeks 5–6 at 60%` (increment numbers when the period is unknown). */
export function describeIncrements(entry: PlanEntry, increments: readonly Increment[] | null): string {
  if (entry.increments.length === 0) return 'no increments';
  return entry.increments
    .map((p) => {
      const inc = increments?.[p.increment - 1];
      const where = inc ? `weeks ${inc.weeks[0]}–${inc.weeks[1]}` : `increment ${p.increment}`;
      return `${where} at ${p.confidence}%`;
    })
    .join(', ');
}

/** A SIG's plan version. */
export function renderPlan(plan: SigPlan, increments: readonly Increment[] | null, style: TextStyle): string {
  const state = plan.approvedAt ? `approved ${plan.approvedAt.slice(0, 10)}` : 'not approved';
  const title = `${plan.sig} plan for ${plan.release}, v${plan.version} (${state}, saved ${plan.savedAt.slice(0, 16).replace('T', ' ')} UTC)`;
  const lines = [style.markdown ? `## ${title}` : title, ''];
  if (plan.entries.length === 0) lines.push('No KEPs committed.');
  for (const e of plan.entries) {
    const head = `#${e.kep} ${e.title}${e.stage ? ` (${e.stage})` : ''}`;
    const details = [
      `lands: ${describeIncrements(e, increments)}`,
      e.dependsOn.length > 0 ? `depends on: ${e.dependsOn.map((n) => `#${n}`).join(', ')}` : null,
      e.releaseNote ? `release note: ${e.releaseNote}` : null,
    ].filter((d): d is string => d !== null);
    if (style.markdown) lines.push(`- **${mdEscape(head)}**`, ...details.map((d) => `  - ${mdEscape(d)}`));
    else lines.push(`• ${head}`, ...details.map((d) => `    ${d}`));
  }
  return `${lines.join('\n')}\n`;
}

/** The release-notes draft. */
export function renderReleaseNotes(draft: ReleaseNotesDraft, style: TextStyle): string {
  const title = `Release notes draft for ${draft.release}`;
  const lines = [style.markdown ? `# ${title}` : title];
  if (draft.sigs.length === 0) lines.push('', 'No SIG has a plan yet: `/drumbeat plan` commits one.');
  for (const sig of draft.sigs) {
    const state =
      sig.version === null
        ? 'no plan'
        : `plan v${sig.version}${sig.approved ? ', approved' : ', NOT approved yet'}`;
    lines.push('', style.markdown ? `## ${sig.sig} (${state})` : `${sig.sig} (${state})`);
    for (const item of sig.items) {
      const head = `#${item.kep} ${item.title}${item.stage ? ` [${item.stage}]` : ''}`;
      const note = item.note ? `: ${item.note}` : '';
      const marks = item.marks.length > 0 ? ` (${item.marks.join('; ')})` : '';
      const strike = item.status === 'dropped';
      if (style.markdown) {
        const body = mdEscape(`${head}${note}`);
        lines.push(`- ${strike ? `~~${body}~~` : body}${mdEscape(marks)}`);
      } else lines.push(`  ${strike ? '✗' : item.status === 'added' ? '+' : '•'} ${head}${note}${marks}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function mdEscape(text: string): string {
  return text.replace(/([\\`*_~[\]<>|])/g, '\\$1');
}
