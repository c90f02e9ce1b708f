import type { Suite } from './figure.ts';

/** Every bench suite, in the order `npm run bench` runs them. Each feature adds its suite here. */
export const suites: Suite[] = [];
