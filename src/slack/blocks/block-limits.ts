/**
 * Slack's Block Kit limits as numbers, for the builders that stay inside them. The zod schemas that
 * check whole messages and views against them are in limits.ts, which only the local workspace and
 * the tests load: the bot does not build them.
 */
/** Every limit limits.ts enforces, by name, for builders that need to stay inside them. */
export const LIMITS = {
  /** Blocks in one message. */
  messageBlocks: 50,
  /** Blocks in a modal or Home tab view. */
  viewBlocks: 100,
  /** Top-level message `text` (the notification fallback); Slack truncates beyond this. */
  messageText: 40_000,
  blockId: 255,
  actionId: 255,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  placeholder: 150,
  selectOptions: 100,
  selectOptionGroups: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  optionGroupLabel: 75,
  checkboxOptions: 10,
  radioOptions: 10,
  overflowMinOptions: 2,
  overflowMaxOptions: 5,
  plainTextInputLength: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  imageAltText: 2000,
  imageTitle: 2000,
  modalTitle: 24,
  modalButton: 24,
  callbackId: 255,
  privateMetadata: 3000,
  externalId: 255,
} as const;
