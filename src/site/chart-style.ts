/**
 * How each state looks in the charts: a colour and a pattern, so the charts read without colour
 * (printed in grey, or by people who cannot tell the hues apart). The patterns are defined once
 * per page (`patternDefs`) and referenced by id from every chart.
 */
import type { StateKey } from '../domain/digest.ts';

interface StateLook {
  colour: string;
  /** The SVG pattern's content over the colour, 8×8. */
  marks: string;
}

const looks: Record<StateKey, StateLook> = {
  'on-track': { colour: '#2e7d32', marks: '' },
  'at-risk': {
    colour: '#b26a00',
    marks: '<path d="M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6" stroke="#fff" stroke-width="2"/>',
  },
  blocked: { colour: '#c62828', marks: '<path d="M0,0 L8,8 M0,8 L8,0" stroke="#fff" stroke-width="1.5"/>' },
  done: { colour: '#1565c0', marks: '<circle cx="4" cy="4" r="1.6" fill="#fff"/>' },
  dropped: { colour: '#616161', marks: '<path d="M0,4 L8,4" stroke="#fff" stroke-width="2"/>' },
  none: { colour: '#e0e0e0', marks: '<path d="M4,0 L4,8" stroke="#757575" stroke-width="1"/>' },
};

/** `url(#state-at-risk)`: the fill of a state in every chart. */
export const stateFill = (state: StateKey): string => `url(#state-${state})`;

/** The plain colour of a state (lines, legend borders). */
export const stateColour = (state: StateKey): string => looks[state].colour;

/** One hidden SVG holding every pattern, placed once at the top of each page. */
export function patternDefs(): string {
  const patterns = (Object.keys(looks) as StateKey[]).map((state) => {
    const look = looks[state];
    return `<pattern id="state-${state}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${look.colour}"/>${look.marks}</pattern>`;
  });
  return `<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>${patterns.join('')}</defs></svg>`;
}

/** A small legend swatch: the pattern in a square, followed by the label in text. */
export function swatch(state: StateKey, label: string): string {
  return `<span class="swatch"><svg width="14" height="14" aria-hidden="true" focusable="false"><rect width="14" height="14" fill="${stateFill(state)}" stroke="#333"/></svg>${label}</span>`;
}
