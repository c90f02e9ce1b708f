/**
 * Slack's Block Kit limits as a zod schema, for what this app emits (and what the local
 * workspace accepts, as Slack would).
 *
 * Objects are loose (unknown fields pass through, as Slack adds fields over time); what is
 * enforced is the shape of the fields we use and every documented limit. Lengths are counted in
 * Unicode code points ("characters" in Slack's reference, and how python-slack-sdk counts).
 *
 * Sources (docs.slack.dev/reference/…): block-kit/blocks (50 blocks per message, 100 per view;
 * actions ≤ 25 elements; context ≤ 10), blocks/section-block (text 1–3000, fields ≤ 10 × 2000,
 * block_id ≤ 255), blocks/header-block (150), blocks/input-block (label and hint ≤ 2000),
 * block-elements/button-element (text 75, action_id 255, value 2000, url 3000), select menus
 * (placeholder 150, options and option_groups ≤ 100), composition-objects/option-object
 * (text 75, value 150, description 75, url 3000), plain-text-input (min/max_length 0/1–3000),
 * overflow (2–5 options), checkboxes and radio buttons (≤ 10 options), views/modal-views
 * (title, submit, close ≤ 24; private_metadata ≤ 3000; callback_id ≤ 255; submit required with
 * an input block). The 40,000-character `text` is where chat.postMessage truncates.
 */
import { z } from 'zod';
import { countChars } from '../escape.ts';
import { LIMITS } from './block-limits.ts';

export { LIMITS } from './block-limits.ts';

type Issues = { addIssue(issue: { code: 'custom'; message: string; path?: PropertyKey[] }): void };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Run an object-level rule even when some fields failed, as long as the value is an object. */
const whenObject = { when: (payload: { value: unknown }) => isObject(payload.value) };

/** A string of `min`..`max` code points, with a message that names the limit and the length. */
function chars(max: number, min = 0) {
  return z.string().superRefine((value, ctx) => {
    const n = countChars(value);
    if (n < min) {
      ctx.addIssue({
        code: 'custom',
        message: min === 1 ? 'must not be empty' : `at least ${min} characters (got ${n})`,
      });
    }
    if (n > max) ctx.addIssue({ code: 'custom', message: `at most ${max} characters (got ${n})` });
  });
}

/** An array of `min`..`max` items; the count is checked even when some items are invalid. */
function items<T extends z.ZodType>(item: T, max: number, min = 0, noun = 'items') {
  return z.array(item).superRefine(
    (value, ctx) => {
      const n = value.length;
      const unit = min === 1 ? noun.replace(/s$/, '') : noun;
      if (n < min) ctx.addIssue({ code: 'custom', message: `at least ${min} ${unit} (got ${n})` });
      if (n > max) ctx.addIssue({ code: 'custom', message: `at most ${max} ${noun} (got ${n})` });
    },
    { when: (payload) => Array.isArray(payload.value) },
  );
}

/** Error for a discriminated union: says which `type` values are allowed where. */
function typeError(kind: string, allowed: readonly string[]) {
  return (issue: { input?: unknown }) => {
    if (!isObject(issue.input)) return `expected a ${kind} object`;
    const type = issue.input.type;
    if (type === undefined) return `${kind} has no "type" (allowed: ${allowed.join(', ')})`;
    return `unsupported ${kind} type ${JSON.stringify(type)} here (allowed: ${allowed.join(', ')})`;
  };
}

/** A discriminated union over `type` with a readable error for unknown types. */
function byType(kind: string, options: [z.ZodObject, ...z.ZodObject[]]) {
  const allowed = options.map((o) => String((o.shape as { type: z.ZodLiteral }).type.value));
  return z.discriminatedUnion('type', options, { error: typeError(kind, allowed) });
}

const optionalId = (max: number) => chars(max).optional();
const blockId = optionalId(LIMITS.blockId);
const actionId = optionalId(LIMITS.actionId);
const style = z.enum(['primary', 'danger']).optional();

// ── Composition objects ───────────────────────────────────────────────────────

const plainText = (max: number) =>
  z.looseObject({ type: z.literal('plain_text'), text: chars(max, 1), emoji: z.boolean().optional() });
const mrkdwnText = (max: number) =>
  z.looseObject({ type: z.literal('mrkdwn'), text: chars(max, 1), verbatim: z.boolean().optional() });
const anyText = (max: number) => byType('text', [plainText(max), mrkdwnText(max)]);

const confirmSchema = z.looseObject({
  title: plainText(LIMITS.confirmTitle),
  text: anyText(LIMITS.confirmText),
  confirm: plainText(LIMITS.confirmButton),
  deny: plainText(LIMITS.confirmButton),
  style,
});

const option = (text: z.ZodType) =>
  z.looseObject({
    text,
    value: chars(LIMITS.optionValue),
    description: anyText(LIMITS.optionDescription).optional(),
    /** Only overflow menus use it, but Slack documents the same limit everywhere. */
    url: chars(LIMITS.url).optional(),
  });
const menuOption = option(plainText(LIMITS.optionText));
const choiceOption = option(anyText(LIMITS.optionText));
const optionGroup = z.looseObject({
  label: plainText(LIMITS.optionGroupLabel),
  options: items(menuOption, LIMITS.selectOptions, 1, 'options'),
});

// ── Block elements ────────────────────────────────────────────────────────────

const button = z.looseObject({
  type: z.literal('button'),
  text: plainText(LIMITS.buttonText),
  action_id: actionId,
  url: chars(LIMITS.url).optional(),
  value: chars(LIMITS.buttonValue).optional(),
  style,
  confirm: confirmSchema.optional(),
  accessibility_label: chars(LIMITS.buttonText).optional(),
});

const selectBase = {
  action_id: actionId,
  placeholder: plainText(LIMITS.placeholder).optional(),
  confirm: confirmSchema.optional(),
  focus_on_load: z.boolean().optional(),
};
const maxSelected = z.number().int().min(1).optional();
const minQueryLength = z.number().int().min(0).optional();

/** Static menus need exactly one of `options` and `option_groups`. */
function oneOptionSource(value: { options?: unknown; option_groups?: unknown }, ctx: Issues): void {
  const count = Number(value.options !== undefined) + Number(value.option_groups !== undefined);
  if (count !== 1) {
    ctx.addIssue({
      code: 'custom',
      message: 'give exactly one of options and option_groups',
      path: ['options'],
    });
  }
}
const staticOptions = {
  options: items(menuOption, LIMITS.selectOptions, 1, 'options').optional(),
  option_groups: items(optionGroup, LIMITS.selectOptionGroups, 1, 'option groups').optional(),
};

const staticSelect = z
  .looseObject({
    type: z.literal('static_select'),
    ...selectBase,
    ...staticOptions,
    initial_option: menuOption.optional(),
  })
  .superRefine(oneOptionSource, whenObject);
const multiStaticSelect = z
  .looseObject({
    type: z.literal('multi_static_select'),
    ...selectBase,
    ...staticOptions,
    initial_options: items(menuOption, LIMITS.selectOptions, 0, 'options').optional(),
    max_selected_items: maxSelected,
  })
  .superRefine(oneOptionSource, whenObject);
const externalSelect = z.looseObject({
  type: z.literal('external_select'),
  ...selectBase,
  initial_option: menuOption.optional(),
  min_query_length: minQueryLength,
});
const multiExternalSelect = z.looseObject({
  type: z.literal('multi_external_select'),
  ...selectBase,
  initial_options: items(menuOption, LIMITS.selectOptions, 0, 'options').optional(),
  min_query_length: minQueryLength,
  max_selected_items: maxSelected,
});
const usersSelect = z.looseObject({
  type: z.literal('users_select'),
  ...selectBase,
  initial_user: z.string().optional(),
});
const multiUsersSelect = z.looseObject({
  type: z.literal('multi_users_select'),
  ...selectBase,
  initial_users: z.array(z.string()).optional(),
  max_selected_items: maxSelected,
});
const conversationsSelect = z.looseObject({
  type: z.literal('conversations_select'),
  ...selectBase,
  initial_conversation: z.string().optional(),
});
const multiConversationsSelect = z.looseObject({
  type: z.literal('multi_conversations_select'),
  ...selectBase,
  initial_conversations: z.array(z.string()).optional(),
  max_selected_items: maxSelected,
});
const channelsSelect = z.looseObject({
  type: z.literal('channels_select'),
  ...selectBase,
  initial_channel: z.string().optional(),
});
const multiChannelsSelect = z.looseObject({
  type: z.literal('multi_channels_select'),
  ...selectBase,
  initial_channels: z.array(z.string()).optional(),
  max_selected_items: maxSelected,
});

const plainTextInput = z.looseObject({
  type: z.literal('plain_text_input'),
  action_id: actionId,
  placeholder: plainText(LIMITS.placeholder).optional(),
  initial_value: z.string().optional(),
  multiline: z.boolean().optional(),
  min_length: z.number().int().min(0).max(LIMITS.plainTextInputLength).optional(),
  max_length: z.number().int().min(1).max(LIMITS.plainTextInputLength).optional(),
  focus_on_load: z.boolean().optional(),
});
const numberInput = z.looseObject({
  type: z.literal('number_input'),
  is_decimal_allowed: z.boolean(),
  action_id: actionId,
  placeholder: plainText(LIMITS.placeholder).optional(),
  initial_value: z.string().optional(),
  min_value: z.string().optional(),
  max_value: z.string().optional(),
  focus_on_load: z.boolean().optional(),
});
const datepicker = z.looseObject({
  type: z.literal('datepicker'),
  action_id: actionId,
  placeholder: plainText(LIMITS.placeholder).optional(),
  initial_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD' })
    .optional(),
  confirm: confirmSchema.optional(),
  focus_on_load: z.boolean().optional(),
});
const datetimepicker = z.looseObject({
  type: z.literal('datetimepicker'),
  action_id: actionId,
  initial_date_time: z.number().int().optional(),
  confirm: confirmSchema.optional(),
  focus_on_load: z.boolean().optional(),
});
const timepicker = z.looseObject({
  type: z.literal('timepicker'),
  action_id: actionId,
  placeholder: plainText(LIMITS.placeholder).optional(),
  initial_time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time as HH:mm (24-hour)' })
    .optional(),
  timezone: z.string().optional(),
  confirm: confirmSchema.optional(),
  focus_on_load: z.boolean().optional(),
});
const radioButtons = z.looseObject({
  type: z.literal('radio_buttons'),
  action_id: actionId,
  options: items(choiceOption, LIMITS.radioOptions, 1, 'options'),
  initial_option: choiceOption.optional(),
  confirm: confirmSchema.optional(),
  focus_on_load: z.boolean().optional(),
});
const checkboxes = z.looseObject({
  type: z.literal('checkboxes'),
  action_id: actionId,
  options: items(choiceOption, LIMITS.checkboxOptions, 1, 'options'),
  initial_options: items(choiceOption, LIMITS.checkboxOptions, 0, 'options').optional(),
  confirm: confirmSchema.optional(),
  focus_on_load: z.boolean().optional(),
});
const overflow = z.looseObject({
  type: z.literal('overflow'),
  action_id: actionId,
  options: items(
    option(plainText(LIMITS.optionText)),
    LIMITS.overflowMaxOptions,
    LIMITS.overflowMinOptions,
    'options',
  ),
  confirm: confirmSchema.optional(),
});

/** An image needs exactly one source: `image_url` or `slack_file`. */
function oneImageSource(value: { image_url?: unknown; slack_file?: unknown }, ctx: Issues): void {
  if ((value.image_url === undefined) === (value.slack_file === undefined)) {
    ctx.addIssue({
      code: 'custom',
      message: 'give exactly one of image_url and slack_file',
      path: ['image_url'],
    });
  }
}
const imageElement = z
  .looseObject({
    type: z.literal('image'),
    image_url: chars(LIMITS.url, 1).optional(),
    slack_file: z.looseObject({}).optional(),
    alt_text: chars(LIMITS.imageAltText, 1),
  })
  .superRefine(oneImageSource, whenObject);

const selects = [
  staticSelect,
  multiStaticSelect,
  externalSelect,
  multiExternalSelect,
  usersSelect,
  multiUsersSelect,
  conversationsSelect,
  multiConversationsSelect,
  channelsSelect,
  multiChannelsSelect,
] as const;
const pickers = [datepicker, datetimepicker, timepicker, radioButtons, checkboxes] as const;

const accessoryElement = byType('section accessory', [
  button,
  ...selects,
  overflow,
  datepicker,
  timepicker,
  radioButtons,
  checkboxes,
  imageElement,
]);
const actionsElement = byType('actions element', [button, ...selects, overflow, ...pickers]);
const inputElement = byType('input element', [plainTextInput, numberInput, ...selects, ...pickers]);
const contextElement = byType('context element', [
  imageElement,
  plainText(Number.POSITIVE_INFINITY),
  mrkdwnText(Number.POSITIVE_INFINITY),
]);

// ── Blocks ────────────────────────────────────────────────────────────────────

const section = z
  .looseObject({
    type: z.literal('section'),
    block_id: blockId,
    text: anyText(LIMITS.sectionText).optional(),
    fields: items(anyText(LIMITS.sectionFieldText), LIMITS.sectionFields, 1, 'fields').optional(),
    accessory: accessoryElement.optional(),
    expand: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.text === undefined && value.fields === undefined) {
      ctx.addIssue({ code: 'custom', message: 'required unless fields are given', path: ['text'] });
    }
  }, whenObject);
const header = z.looseObject({
  type: z.literal('header'),
  block_id: blockId,
  text: plainText(LIMITS.headerText),
});
const context = z.looseObject({
  type: z.literal('context'),
  block_id: blockId,
  elements: items(contextElement, LIMITS.contextElements, 1, 'elements'),
});
const divider = z.looseObject({ type: z.literal('divider'), block_id: blockId });
const actionsBlock = z.looseObject({
  type: z.literal('actions'),
  block_id: blockId,
  elements: items(actionsElement, LIMITS.actionsElements, 1, 'elements').superRefine(
    (elements, ctx) => reportDuplicates(elements, 'action_id', ctx),
    { when: (payload) => Array.isArray(payload.value) },
  ),
});
const input = z.looseObject({
  type: z.literal('input'),
  block_id: blockId,
  label: plainText(LIMITS.inputLabel),
  hint: plainText(LIMITS.inputHint).optional(),
  optional: z.boolean().optional(),
  dispatch_action: z.boolean().optional(),
  element: inputElement,
});
const imageBlock = z
  .looseObject({
    type: z.literal('image'),
    block_id: blockId,
    image_url: chars(LIMITS.url, 1).optional(),
    slack_file: z.looseObject({}).optional(),
    alt_text: chars(LIMITS.imageAltText, 1),
    title: plainText(LIMITS.imageTitle).optional(),
  })
  .superRefine(oneImageSource, whenObject);
/** Rich text is accepted as Slack would, but only its block_id is checked here. */
const richText = z.looseObject({
  type: z.literal('rich_text'),
  block_id: blockId,
  elements: z.array(z.unknown()),
});

/** One block of the kinds this app emits (plus image and, loosely, rich_text). */
export const blockSchema = byType('block', [
  section,
  header,
  context,
  divider,
  actionsBlock,
  input,
  imageBlock,
  richText,
]);

/** Adds an issue for every item whose `key` repeats an earlier item's. */
function reportDuplicates(list: readonly unknown[], key: string, ctx: Issues): void {
  const seen = new Map<unknown, number>();
  list.forEach((item, index) => {
    const id = isObject(item) ? item[key] : undefined;
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else
      ctx.addIssue({
        code: 'custom',
        path: [index, key],
        message: `duplicate ${key} ${JSON.stringify(id)} (also [${first}])`,
      });
  });
}

const blockList = (max: number) =>
  items(blockSchema, max, 0, 'blocks').superRefine(
    (blocks, ctx) => reportDuplicates(blocks, 'block_id', ctx),
    {
      when: (payload) => Array.isArray(payload.value),
    },
  );

/** A message as posted with chat.postMessage / chat.update / chat.postEphemeral. */
export const messageSchema = z.looseObject({
  text: chars(LIMITS.messageText).optional(),
  blocks: blockList(LIMITS.messageBlocks).optional(),
});

const viewCommon = {
  blocks: blockList(LIMITS.viewBlocks),
  private_metadata: chars(LIMITS.privateMetadata).optional(),
  callback_id: chars(LIMITS.callbackId).optional(),
  external_id: chars(LIMITS.externalId).optional(),
};
const modalView = z
  .looseObject({
    type: z.literal('modal'),
    title: plainText(LIMITS.modalTitle),
    close: plainText(LIMITS.modalButton).optional(),
    submit: plainText(LIMITS.modalButton).optional(),
    clear_on_close: z.boolean().optional(),
    notify_on_close: z.boolean().optional(),
    submit_disabled: z.boolean().optional(),
    ...viewCommon,
  })
  .superRefine((view, ctx) => {
    const blocks: unknown = view.blocks;
    const hasInput = Array.isArray(blocks) && blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['submit'],
        message: 'required when the view has an input block',
      });
    }
  }, whenObject);
const homeView = z.looseObject({ type: z.literal('home'), ...viewCommon });

/** A view for views.open / views.push / views.update (modal) or views.publish (home). */
export const viewSchema = byType('view', [modalView, homeView]);

// ── Checking ──────────────────────────────────────────────────────────────────

/** Problems with a message payload (`blocks`, `text`), each as `path: what is wrong`; empty when valid. */
export function checkMessage(message: { text?: unknown; blocks?: unknown }): string[] {
  if (!isObject(message)) return ['message: expected an object with text and/or blocks'];
  const blocks = parseJsonField(message.blocks, 'blocks');
  if (blocks.problem) return [blocks.problem];
  return problems(messageSchema, { ...message, blocks: blocks.value }, 'message');
}

/** Problems with a modal or Home view; empty when valid. */
export function checkView(view: unknown): string[] {
  const parsed = parseJsonField(view, 'view');
  if (parsed.problem) return [parsed.problem];
  return problems(viewSchema, parsed.value, 'view');
}

/** The Web API also accepts `blocks` and `view` as JSON strings (form-encoded calls). */
function parseJsonField(value: unknown, name: string): { value?: unknown; problem?: string } {
  if (typeof value !== 'string') return { value };
  try {
    return { value: JSON.parse(value) };
  } catch (error) {
    return { problem: `${name}: not valid JSON (${(error as Error).message})` };
  }
}

function problems(schema: z.ZodType, value: unknown, root: string): string[] {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return [];
  return result.error.issues.map((issue) => `${formatPath(issue.path, root)}: ${describeIssue(issue)}`);
}

/** `['blocks', 3, 'text', 'text']` → `blocks[3].text.text`. */
export function formatPath(path: readonly PropertyKey[], root = 'value'): string {
  if (path.length === 0) return root;
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined ? 'required' : `expected ${issue.expected}, got ${typeName(input)}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')} (got ${JSON.stringify(input)})`;
    case 'too_big':
      return `at most ${String(issue.maximum)} (got ${JSON.stringify(input)})`;
    case 'too_small':
      return `at least ${String(issue.minimum)} (got ${JSON.stringify(input)})`;
    default:
      return issue.message;
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isInteger(value)) return `non-integer ${value}`;
  return typeof value;
}
