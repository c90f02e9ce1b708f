/** One line of `npm run bench`: a measured figure, with the baseline measured in the same run when there is one. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

/** A figure next to its baseline, with the ratio value / baseline. */
export function compared(name: string, value: number, baseline: number, unit: string): Figure {
  return {
    name,
    value: round(value),
    unit,
    baseline: round(baseline),
    ratio: round(baseline === 0 ? 0 : value / baseline),
  };
}

export function figure(name: string, value: number, unit: string): Figure {
  return { name, value: round(value), unit };
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** A bench suite: measures and returns its figures. Suites run one after the other. */
export type Suite = { name: string; run: () => Promise<Figure[]> };
