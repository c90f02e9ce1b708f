/** The pulse and retrospective sections of the release report as text. Pure. */

import type { PulseSummary } from './nps.ts';
import { markdownEscape as md, percent } from './release-report.ts';
import { bullet, heading, type ReportStyle } from './report-format.ts';
import { type RetroSummary, retroPrompts, retroQuestions } from './retro.ts';

function userText(text: string, style: ReportStyle): string {
  return style.markdown ? md(text) : text.replace(/\s+/g, ' ');
}

function pulseState(p: PulseSummary): string {
  const answered = `${p.answered} of ${p.invited} answered (${percent(p.responseRate)})`;
  if (p.state === 'open') return `open: ${answered}; results once it closes`;
  if (!p.shown) return `closed: ${answered}; fewer than ${p.minimum} answers, so no results are shown`;
  return `closed: ${answered}`;
}

export function renderPulse(
  pulse: PulseSummary | null,
  trend: ReadonlyArray<{ release: string; nps: number }>,
  style: ReportStyle,
): string[] {
  const lines = heading('Satisfaction pulse', 2, style);
  if (trend.length > 1)
    lines.push(
      bullet(`NPS across releases: ${trend.map((t) => `${t.release} ${t.nps}`).join(' → ')}`, style),
    );
  if (!pulse) return [...lines, bullet('no pulse was sent for this release', style)];
  lines.push(bullet(pulseState(pulse), style));
  if (!pulse.shown) return lines;
  const { promoters, passives, detractors } = pulse.groups;
  lines.push(
    bullet(
      `NPS ${pulse.nps} (${promoters} promoters, ${passives} passives, ${detractors} detractors)`,
      style,
    ),
    bullet(`distribution 0–10: ${pulse.distribution.join(' ')}`, style),
  );
  for (const group of ['promoters', 'passives', 'detractors'] as const) {
    const comments = pulse.comments[group];
    if (comments.length === 0) continue;
    lines.push(bullet(`comments from ${group}:`, style));
    for (const c of comments)
      lines.push(`    ${style.markdown ? '- ' : '“'}${userText(c, style)}${style.markdown ? '' : '”'}`);
  }
  return lines;
}

export function renderRetro(retro: RetroSummary | null, style: ReportStyle): string[] {
  const lines = heading('Retrospective', 2, style);
  if (!retro) return [...lines, bullet('no retrospective was posted for this release', style)];
  for (const prompt of retroPrompts) {
    const items = retro.items[prompt];
    lines.push(bullet(`${retroQuestions[prompt]} (${items.length})`, style));
    for (const item of items)
      lines.push(`    ${style.markdown ? '- ' : ''}${userText(item.text, style)} (${item.votes} votes)`);
  }
  return lines;
}
