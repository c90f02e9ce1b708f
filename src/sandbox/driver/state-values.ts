import type { SandboxView } from '../workspace.ts';
import { allOptions, blocksOf, eachElement, findOption } from './block-elements.ts';
import { isRecord, type Json } from './json.ts';

/** Which state key holds an element's value, which property holds its initial value, and the empty value. */
const STATE_KEYS: Record<string, [string, string, unknown]> = {
  plain_text_input: ['value', 'initial_value', null],
  number_input: ['value', 'initial_value', null],
  email_text_input: ['value', 'initial_value', null],
  url_text_input: ['value', 'initial_value', null],
  rich_text_input: ['rich_text_value', 'initial_value', null],
  static_select: ['selected_option', 'initial_option', null],
  external_select: ['selected_option', 'initial_option', null],
  radio_buttons: ['selected_option', 'initial_option', null],
  multi_static_select: ['selected_options', 'initial_options', []],
  multi_external_select: ['selected_options', 'initial_options', []],
  checkboxes: ['selected_options', 'initial_options', []],
  users_select: ['selected_user', 'initial_user', null],
  multi_users_select: ['selected_users', 'initial_users', []],
  conversations_select: ['selected_conversation', 'initial_conversation', null],
  multi_conversations_select: ['selected_conversations', 'initial_conversations', []],
  channels_select: ['selected_channel', 'initial_channel', null],
  multi_channels_select: ['selected_channels', 'initial_channels', []],
  datepicker: ['selected_date', 'initial_date', null],
  timepicker: ['selected_time', 'initial_time', null],
  datetimepicker: ['selected_date_time', 'initial_date_time', null],
};

/** The state Slack reports for a view nobody has typed in: every stateful element at its initial value. */
function initialStateValues(view: SandboxView): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  for (const { blockId, element } of eachElement(blocksOf(view.view))) {
    const keys = STATE_KEYS[String(element.type)];
    if (!keys || typeof element.action_id !== 'string') continue;
    const [stateKey, initialKey, empty] = keys;
    values[blockId] ??= {};
    values[blockId][element.action_id] = { type: element.type, [stateKey]: element[initialKey] ?? empty };
  }
  return values;
}

export function currentStateValues(view: SandboxView): Json {
  const stored = isRecord(view.view.state) && isRecord(view.view.state.values) ? view.view.state.values : {};
  return { ...initialStateValues(view), ...stored };
}

/** `view.state.values` for a submission: initial values overlaid with `given` (state shape or plain scalars). */
export function buildStateValues(view: SandboxView, given: Record<string, Record<string, unknown>>): Json {
  const values = initialStateValues(view);
  const elements = eachElement(blocksOf(view.view));
  for (const [blockId, actions] of Object.entries(given)) {
    for (const [actionId, input] of Object.entries(actions)) {
      const found = elements.find((f) => f.blockId === blockId && f.element.action_id === actionId);
      if (!found) {
        const known = elements.map((f) => `${f.blockId}/${String(f.element.action_id)}`).join(', ') || 'none';
        throw new Error(
          `View ${view.id} has no element ${blockId}/${actionId} (block_id/action_id: ${known}).`,
        );
      }
      values[blockId] ??= {};
      values[blockId][actionId] = stateValue(found.element, input);
    }
  }
  return values;
}

function stateValue(element: Json, input: unknown): Json {
  const type = String(element.type);
  if (isRecord(input)) return { type, ...input };
  const stateKey = STATE_KEYS[type]?.[0] ?? 'value';
  if (stateKey === 'selected_option') return { type, selected_option: requireOption(element, String(input)) };
  if (stateKey === 'selected_options') {
    const list = Array.isArray(input) ? input : [input];
    return { type, selected_options: list.map((v) => requireOption(element, String(v))) };
  }
  if (stateKey === 'value' && input !== null) return { type, value: String(input) };
  return { type, [stateKey]: input };
}

function requireOption(element: Json, value: string): Json {
  const option = findOption(element, value);
  if (option) return option;
  const known = allOptions(element)
    .map((o) => String(o.value))
    .join(', ');
  throw new Error(
    `Element ${String(element.action_id)} has no option "${value}" (options: ${known || 'none'}).`,
  );
}
