/**
 * The release page's charts, drawn on the server as SVG with Observable Plot over a small server
 * DOM (linkedom): no script runs in the reader's browser. Every chart carries its numbers as text
 * (labels on the bars, names on the axes) and a pattern per state, and each has a text alternative
 * next to it in the page (a table or a list).
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { StateKey } from '../domain/digest.ts';
import { stateFill } from './chart-style.ts';
import { stateLabel } from './release-model.ts';
import type { BurnupPoint, CalendarModel, Count, ReleaseModel } from './site-types.ts';

const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
const width = 640;
const font = { fontSize: '12px', fontFamily: 'system-ui, sans-serif' };

const cacheSize = 128;
const cache = new Map<string, string>();

/**
 * Draws a chart once per distinct input: drawing costs milliseconds, while the inputs (counts per
 * day, per stage) change a few times a day. The most recently used 128 charts are kept.
 */
export function memoChart(kind: string, input: unknown, draw: () => string): string {
  const key = `${kind}:${JSON.stringify(input)}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const svg = draw();
  cache.set(key, svg);
  if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
  return svg;
}

/** Forgets every drawn chart (benchmarks measure drawing from scratch). */
export function clearChartCache(): void {
  cache.clear();
}

/**
 * Renders a Plot chart to SVG text named for assistive technology: an image (its numbers are in
 * the table next to it), or a group when it holds links (the dependency graph's KEPs).
 */
export function toSvg(options: Plot.PlotOptions, label: string, role: 'img' | 'group' = 'img'): string {
  const svg = Plot.plot({
    document: document as unknown as Plot.PlotOptions['document'],
    width,
    style: font,
    ariaLabel: label,
    ...options,
  });
  svg.setAttribute('role', role);
  svg.removeAttribute('height');
  // Plot names its layers with aria-label on plain <g>s, which ARIA does not allow there
  for (const layer of svg.querySelectorAll('g[aria-label]')) layer.removeAttribute('aria-label');
  if (role === 'img')
    for (const layer of svg.querySelectorAll('g')) layer.setAttribute('aria-hidden', 'true');
  return svg.outerHTML;
}

/** Horizontal bars of counts by state (or any labelled count), the count written at each bar's end. */
function drawCountBars(counts: readonly Count[], label: string, patterned: boolean): string {
  const data = counts.map((c) => ({ ...c }));
  const max = Math.max(1, ...data.map((c) => c.count));
  return toSvg(
    {
      height: 34 + data.length * 28,
      marginLeft: 190,
      marginRight: 40,
      x: { domain: [0, max], label: 'KEPs', grid: true },
      y: { domain: data.map((c) => c.label), label: null },
      marks: [
        Plot.barX(data, {
          x: 'count',
          y: 'label',
          fill: patterned ? (d: Count) => stateFill(d.key as StateKey) : '#455a64',
          stroke: '#333',
        }),
        Plot.text(data, {
          x: 'count',
          y: 'label',
          text: (d: Count) => String(d.count),
          dx: 6,
          textAnchor: 'start',
        }),
        Plot.ruleX([0]),
      ],
    },
    label,
  );
}

/** KEPs by stage, each bar split by reported state (patterns), with the stage's total at its end. */
function drawStageBars(byStage: ReleaseModel['byStage'], states: readonly StateKey[], label: string): string {
  const data = byStage.flatMap((s) =>
    states.map((state) => ({ stage: s.stage, state, count: s.byState[state] })),
  );
  return toSvg(
    {
      height: 34 + byStage.length * 32,
      marginLeft: 100,
      marginRight: 40,
      x: { label: 'KEPs', grid: true },
      y: { domain: byStage.map((s) => s.stage), label: null },
      marks: [
        Plot.barX(
          data,
          Plot.stackX({
            x: 'count',
            y: 'stage',
            z: 'state',
            fill: (d) => stateFill(d.state),
            stroke: '#333',
            order: [...states],
          }),
        ),
        Plot.text(byStage, {
          x: 'total',
          y: 'stage',
          text: (d) => String(d.total),
          dx: 6,
          textAnchor: 'start',
        }),
        Plot.ruleX([0]),
      ],
    },
    label,
  );
}

/** The burn-up: KEPs per state at the end of each day, stacked, each band named at its right end. */
function drawBurnupChart(points: readonly BurnupPoint[], states: readonly StateKey[], label: string): string {
  const data = points.map((p) => ({ date: new Date(`${p.day}T00:00:00Z`), state: p.state, count: p.count }));
  const lastDay = points.at(-1)?.day;
  const ends = data.filter((d) => d.date.toISOString().slice(0, 10) === lastDay && d.count > 0);
  return toSvg(
    {
      height: 300,
      marginRight: 100,
      x: { type: 'utc', label: null },
      y: { label: 'KEPs', grid: true },
      marks: [
        Plot.areaY(
          data,
          Plot.stackY({
            x: 'date',
            y: 'count',
            z: 'state',
            fill: (d) => stateFill(d.state),
            stroke: '#333',
            strokeWidth: 0.5,
            order: [...states],
          }),
        ),
        Plot.text(
          ends,
          Plot.stackY({
            x: 'date',
            y: 'count',
            z: 'state',
            order: [...states],
            text: (d) => `${stateLabel(d.state)} ${d.count}`,
            dx: 6,
            textAnchor: 'start',
          }),
        ),
        Plot.ruleY([0]),
      ],
    },
    label,
  );
}

/** The calendar: one row per milestone on a time axis, freezes as diamonds, "now" as a dashed rule. */
function drawCalendarChart(calendar: CalendarModel, label: string): string {
  type Row = CalendarModel['rows'][number] & { date: Date; row: string };
  // the milestones the release team names by kind (freezes, releases…); the table lists them all
  const named = calendar.rows.filter((r) => r.kind !== null);
  const shown = named.length >= 3 ? named : calendar.rows;
  const rows: Row[] = shown.map((r) => ({ ...r, date: new Date(r.startsAt), row: r.name }));
  if (rows.length === 0) return '';
  const now = new Date(calendar.now);
  return toSvg(
    {
      height: 40 + rows.length * 22,
      marginLeft: 230,
      marginRight: 20,
      x: { type: 'utc', label: null, grid: true },
      y: {
        domain: rows.map((r) => r.row),
        label: null,
        tickFormat: (name: string) => (name.length > 34 ? `${name.slice(0, 33)}…` : name),
      },
      marks: [
        Plot.dot(rows, {
          x: 'date',
          y: 'row',
          symbol: (d: Row) => (d.freeze ? 'diamond2' : 'circle'),
          r: (d: Row) => (d.freeze ? 6 : 4),
          fill: (d: Row) => (d.past ? '#9e9e9e' : '#1565c0'),
          stroke: '#111',
        }),
        Plot.ruleX([now], { stroke: '#c62828', strokeWidth: 2, strokeDasharray: '4,3' }),
        Plot.text([now], {
          x: (d: Date) => d,
          frameAnchor: 'top',
          text: () => 'now',
          dy: -2,
          fill: '#c62828',
          fontWeight: 'bold',
        }),
      ],
    },
    label,
  );
}

export function countBars(counts: readonly Count[], label: string, patterned: boolean): string {
  return memoChart('countBars', [counts, label, patterned], () => drawCountBars(counts, label, patterned));
}

export function stageBars(
  byStage: ReleaseModel['byStage'],
  states: readonly StateKey[],
  label: string,
): string {
  return memoChart('stageBars', [byStage, states, label], () => drawStageBars(byStage, states, label));
}

export function burnupChart(
  points: readonly BurnupPoint[],
  states: readonly StateKey[],
  label: string,
): string {
  return memoChart('burnupChart', [points, states, label], () => drawBurnupChart(points, states, label));
}

export function calendarChart(calendar: CalendarModel, label: string): string {
  // "now" to the hour: the rule moves a pixel a day, and the chart is drawn once an hour
  const hourly = { ...calendar, now: `${calendar.now.slice(0, 13)}:00:00.000Z` };
  return memoChart('calendarChart', [hourly, label], () => drawCalendarChart(hourly, label));
}
