/** A minimal Prometheus registry: counters and gauges with labels, rendered in the text format. */
export interface Metrics {
  inc(name: string, labels?: Record<string, string>, by?: number): void;
  set(name: string, value: number, labels?: Record<string, string>): void;
  render(): string;
}

export function createMetrics(help: Record<string, { type: 'counter' | 'gauge'; help: string }>): Metrics {
  const values = new Map<string, Map<string, number>>();
  const key = (labels: Record<string, string> = {}) =>
    Object.entries(labels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
      .join(',');
  const series = (name: string) => {
    if (!help[name]) throw new Error(`metric ${name} is not declared`);
    const existing = values.get(name);
    if (existing) return existing;
    const created = new Map<string, number>();
    values.set(name, created);
    return created;
  };
  return {
    inc: (name, labels, by = 1) => {
      const s = series(name);
      const k = key(labels);
      s.set(k, (s.get(k) ?? 0) + by);
    },
    set: (name, value, labels) => {
      series(name).set(key(labels), value);
    },
    render: () =>
      Object.entries(help)
        .map(([name, meta]) => {
          const lines = [`# HELP ${name} ${meta.help}`, `# TYPE ${name} ${meta.type}`];
          for (const [labels, value] of values.get(name) ?? [])
            lines.push(`${name}${labels ? `{${labels}}` : ''} ${value}`);
          return lines.join('\n');
        })
        .join('\n')
        .concat('\n'),
  };
}
