import { isRecord, type Json, plainText } from './json.ts';

export interface FoundElement {
  blockId: string;
  element: Json;
}

export function blocksOf(view: Json): unknown[] {
  return Array.isArray(view.blocks) ? view.blocks : [];
}

/** Interactive elements of a block: `elements` (actions), `accessory` (section), `element` (input). */
function elementsOf(block: Json): Json[] {
  const found: unknown[] = [];
  if (Array.isArray(block.elements)) found.push(...block.elements);
  if (block.accessory) found.push(block.accessory);
  if (block.element) found.push(block.element);
  return found.filter(isRecord);
}

export function eachElement(blocks: unknown[]): FoundElement[] {
  return blocks.filter(isRecord).flatMap((block, index) => {
    const blockId = typeof block.block_id === 'string' ? block.block_id : `block-${index}`;
    return elementsOf(block).map((element) => ({ blockId, element }));
  });
}

export function findElement(blocks: unknown[], actionId: string): FoundElement | undefined {
  return eachElement(blocks).find((f) => f.element.action_id === actionId);
}

export function listActionIds(blocks: unknown[]): string[] {
  return eachElement(blocks)
    .map((f) => f.element.action_id)
    .filter((id): id is string => typeof id === 'string');
}

export function allOptions(element: Json): Json[] {
  const groups = Array.isArray(element.option_groups) ? element.option_groups.filter(isRecord) : [];
  const flat = [element.options, ...groups.map((g) => g.options)].flatMap((o) => (Array.isArray(o) ? o : []));
  return flat.filter(isRecord);
}

export function findOption(element: Json, value: string): Json | undefined {
  const option = allOptions(element).find((o) => o.value === value);
  if (option) return { text: option.text, value };
  if (String(element.type).includes('external')) return { text: plainText(value), value };
  return undefined;
}
