/**
 * The page frame and the small HTML helpers every page uses. Everything that comes from people
 * (titles, notes, names) goes through `esc`. The style sheet is inline so an exported page is
 * one file; the layout is one column that fits a phone, tables scroll sideways on their own.
 */
import { patternDefs } from './chart-style.ts';

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and attribute values. */
export const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => entities[c]!);

/** Where each page is, as a link from the page being rendered. */
export interface SiteLinks {
  release: string;
  sig(dir: string): string;
  kep(number: number): string;
}

/** `2025-10-17 02:00 UTC` in a `<time>`. */
export function when(iso: string): string {
  return `<time datetime="${esc(iso)}">${esc(iso.slice(0, 16).replace('T', ' '))} UTC</time>`;
}

/** `2025-10-17` in a `<time>`. */
export function day(iso: string): string {
  return `<time datetime="${esc(iso.slice(0, 10))}">${esc(iso.slice(0, 10))}</time>`;
}

/** A table with a caption, in a focusable region that scrolls sideways on narrow screens. */
export function table(caption: string, head: readonly string[], rows: readonly string[][]): string {
  const th = head.map((h) => `<th scope="col">${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<section class="scroll" aria-label="${esc(caption)}" tabindex="0"><table><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></section>`;
}

/** A chart with its caption and its numbers as a table (the text alternative). */
export function figure(caption: string, svg: string, alternative: string, legend = ''): string {
  const chart = svg === '' ? '<p>Nothing to draw yet.</p>' : `<div class="chart">${svg}</div>`;
  return `<figure><figcaption>${esc(caption)}</figcaption>${legend}${chart}<details><summary>${esc(caption)}: the numbers</summary>${alternative}</details></figure>`;
}

export interface PageFrame {
  title: string;
  release: string;
  links: SiteLinks;
  /** Breadcrumb after the release link, e.g. `SIG Node`. */
  crumb?: string;
  generatedAt: string;
  /** `owner/name` of the enhancements repository, named in the footer as the record. */
  repo: string;
  body: string;
}

export function page(frame: PageFrame): string {
  const crumb = frame.crumb
    ? ` <span aria-hidden="true">›</span> <span aria-current="page">${esc(frame.crumb)}</span>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Drumbeat">
<link rel="icon" href="data:,">
<title>${esc(frame.title)}</title>
<style>${styles}</style>
</head>
<body>
${patternDefs()}
<header><nav aria-label="Breadcrumb"><a href="${esc(frame.links.release)}">Release ${esc(frame.release)}</a>${crumb}</nav></header>
<main>
${frame.body}
</main>
<footer><p>Read-only view by Drumbeat, as of ${when(frame.generatedAt)}. Self-reported states come from the SIGs' facilitators; the record is ${esc(frame.repo)}.</p></footer>
</body>
</html>
`;
}

const styles = `
:root{color-scheme:light;--ink:#1a1a1a;--muted:#4a4a4a;--line:#c8c8c8;--accent:#0b57a4}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
header{padding-top:.75rem;border-bottom:1px solid var(--line)}
nav{padding-bottom:.5rem}
a{color:var(--accent)}
h1{font-size:1.6rem;margin:1rem 0 .25rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line)}
.lede{font-size:1.05rem}
.callout{border-left:4px solid #b26a00;background:#fff8e1;padding:.5rem .75rem;margin:1rem 0}
.callout.cycle{border-color:#c62828;background:#ffebee}
figure{margin:1rem 0}
figcaption{font-weight:600;margin-bottom:.25rem}
.chart svg{max-width:100%;height:auto}
details{margin:.25rem 0 1rem}
summary{cursor:pointer;color:var(--accent)}
.scroll{overflow-x:auto;max-width:100%}
.scroll:focus{outline:2px solid var(--accent)}
table{border-collapse:collapse;margin:.5rem 0;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid var(--line);padding:.3rem .6rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.25rem 0;font-size:.9rem}
.swatch{display:inline-flex;align-items:center;gap:.3rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0}
dt{font-weight:600}
dd{margin:0}
footer{margin-top:2rem;padding-bottom:2rem;color:var(--muted);font-size:.9rem;border-top:1px solid var(--line)}
.defs{position:absolute;width:0;height:0;overflow:hidden}
@media (max-width:36rem){body{font-size:15px}dl{grid-template-columns:1fr}dt{margin-top:.5rem}}
`.trim();
