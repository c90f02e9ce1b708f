/** What a facilitator reports about a KEP in a release. */
export const kepStates = ['on-track', 'at-risk', 'blocked', 'done', 'dropped'] as const;
export type KepState = (typeof kepStates)[number];

const synonyms: Record<string, KepState> = {
  'on-track': 'on-track',
  ontrack: 'on-track',
  'on track': 'on-track',
  on_track: 'on-track',
  green: 'on-track',
  ok: 'on-track',
  good: 'on-track',
  fine: 'on-track',
  'at-risk': 'at-risk',
  atrisk: 'at-risk',
  'at risk': 'at-risk',
  at_risk: 'at-risk',
  risk: 'at-risk',
  risky: 'at-risk',
  yellow: 'at-risk',
  amber: 'at-risk',
  blocked: 'blocked',
  block: 'blocked',
  red: 'blocked',
  stuck: 'blocked',
  done: 'done',
  complete: 'done',
  completed: 'done',
  finished: 'done',
  merged: 'done',
  shipped: 'done',
  dropped: 'dropped',
  drop: 'dropped',
  removed: 'dropped',
  punted: 'dropped',
  deferred: 'dropped',
};

/** Reads a state as people type it (`on track`, `green`, `AT-RISK`…); null when it is not one. */
export function parseKepState(text: string): KepState | null {
  return synonyms[text.trim().toLowerCase().replace(/\s+/g, ' ')] ?? null;
}

export const kepStateEmoji: Record<KepState, string> = {
  'on-track': ':large_green_circle:',
  'at-risk': ':large_yellow_circle:',
  blocked: ':red_circle:',
  done: ':white_check_mark:',
  dropped: ':black_circle:',
};
