/**
 * Net Promoter Score of a satisfaction pulse. Answers are 0–10 to "How likely are you to recommend
 * this release process to a colleague?": promoters answer 9–10, passives 7–8, detractors 0–6;
 * NPS = % promoters − % detractors, from −100 to 100. Results are shown only once the pulse has
 * closed and only when at least `minimum` people answered, so no answer can be told apart. Pure.
 */

export interface PulseAnswer {
  score: number;
  comment: string | null;
}

export type NpsGroup = 'promoters' | 'passives' | 'detractors';

export interface PulseSummary {
  release: string;
  state: 'open' | 'closed';
  invited: number;
  answered: number;
  responseRate: number | null;
  minimum: number;
  /** False while the pulse is open or when fewer than `minimum` answered: nothing below is filled. */
  shown: boolean;
  nps: number | null;
  /** Answers per score 0–10 (index = score). */
  distribution: number[];
  groups: Record<NpsGroup, number>;
  /** Comments by group, sorted (their order says nothing about who wrote them). */
  comments: Record<NpsGroup, string[]>;
}

export function npsGroup(score: number): NpsGroup {
  if (score >= 9) return 'promoters';
  return score >= 7 ? 'passives' : 'detractors';
}

/** NPS in whole percent; null for no answers. */
export function netPromoterScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const promoters = scores.filter((s) => npsGroup(s) === 'promoters').length;
  const detractors = scores.filter((s) => npsGroup(s) === 'detractors').length;
  return Math.round((100 * (promoters - detractors)) / scores.length);
}

const emptyGroups = (): Record<NpsGroup, number> => ({ promoters: 0, passives: 0, detractors: 0 });

export function summarizePulse(input: {
  release: string;
  state: 'open' | 'closed';
  invited: number;
  answers: readonly PulseAnswer[];
  minimum: number;
}): PulseSummary {
  const { answers } = input;
  const shown = input.state === 'closed' && answers.length >= input.minimum;
  const base = {
    release: input.release,
    state: input.state,
    invited: input.invited,
    answered: answers.length,
    responseRate: input.invited === 0 ? null : answers.length / input.invited,
    minimum: input.minimum,
    shown,
  };
  const comments: Record<NpsGroup, string[]> = { promoters: [], passives: [], detractors: [] };
  if (!shown) return { ...base, nps: null, distribution: [], groups: emptyGroups(), comments };
  const groups = emptyGroups();
  const distribution = Array.from({ length: 11 }, () => 0);
  for (const answer of answers) {
    distribution[answer.score] = (distribution[answer.score] ?? 0) + 1;
    groups[npsGroup(answer.score)] += 1;
    if (answer.comment) comments[npsGroup(answer.score)].push(answer.comment);
  }
  for (const list of Object.values(comments)) list.sort((a, b) => a.localeCompare(b));
  return { ...base, nps: netPromoterScore(answers.map((a) => a.score)), distribution, groups, comments };
}
