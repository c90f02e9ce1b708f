import { checkMessage, checkView } from '../slack/blocks/limits.ts';

/** Slack refuses message text longer than this with `msg_too_long`. */
export const maxTextLength = 40_000;

/**
 * Problems with a message's blocks, as `path: what is wrong`: the cheap structural checks done
 * here (an array of objects, each with a `type`; at most 50) plus Slack's limits from
 * `slack/blocks/limits.ts`. Empty when the message may be posted.
 */
export function messageBlockProblems(text: string | undefined, blocks: unknown): string[] {
  if (blocks === undefined) return checkMessage({ text });
  const structural = blockListProblems(blocks, 'blocks', 50);
  if (structural.length > 0) return structural;
  return checkMessage({ text, blocks });
}

/** Problems with a view (`modal` or `home`); `expectedType` is what the method accepts. */
export function viewProblems(view: unknown, expectedType: 'modal' | 'home' | 'any'): string[] {
  if (typeof view !== 'object' || view === null || Array.isArray(view)) {
    return ['view: must be a JSON object with type, title (modals) and blocks'];
  }
  const v = view as Record<string, unknown>;
  const problems: string[] = [];
  if (v.type !== 'modal' && v.type !== 'home')
    problems.push(`view.type: "${String(v.type)}" must be modal or home`);
  else if (expectedType !== 'any' && v.type !== expectedType) {
    problems.push(`view.type: this method takes a ${expectedType} view, got ${String(v.type)}`);
  }
  if (v.type === 'modal' && !isTextObject(v.title))
    problems.push('view.title: a modal needs a plain_text title');
  problems.push(...blockListProblems(v.blocks, 'view.blocks', 100));
  if (problems.length > 0) return problems;
  return checkView(view);
}

function blockListProblems(blocks: unknown, path: string, max: number): string[] {
  if (!Array.isArray(blocks)) return [`${path}: must be an array of blocks`];
  const problems: string[] = [];
  if (blocks.length > max)
    problems.push(`${path}: ${blocks.length} blocks, more than the ${max} Slack allows`);
  blocks.forEach((block, i) => {
    if (typeof block !== 'object' || block === null || Array.isArray(block)) {
      problems.push(`${path}[${i}]: must be an object`);
    } else if (typeof (block as { type?: unknown }).type !== 'string') {
      problems.push(`${path}[${i}].type: missing; every block needs a type (section, header, actions, …)`);
    }
  });
  return problems;
}

function isTextObject(value: unknown): boolean {
  const t = value as { type?: unknown; text?: unknown } | null;
  return typeof t === 'object' && t !== null && t.type === 'plain_text' && typeof t.text === 'string';
}
