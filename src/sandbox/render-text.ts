/**
 * Block Kit → readable plain text, for transcripts of the local workspace (the demo prints these,
 * tests assert on them). Headers become `# Title`, buttons `[Label]`, selects `[Choice ▾]`, inputs
 * `Label: [value]`, context lines start with `· `, dividers are a rule; mentions and links in mrkdwn
 * are turned into `@name`, `#channel` and `label (url)`.
 */
import type { SandboxEphemeral, SandboxMessage, SandboxView, SlackWorkspace } from './workspace.ts';

/** Turns ids into names for mentions; unknown ids are printed as they are. */
export interface NameResolver {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

type Obj = Record<string, unknown>;

const noNames: NameResolver = { user: () => undefined, channel: () => undefined };

/** Resolves names from a workspace's users and channels. */
export function namesFrom(ws: SlackWorkspace): NameResolver {
  return {
    user: (id) => ws.findUser(id)?.name,
    channel: (id) => {
      const channel = ws.findChannel(id);
      return channel && !channel.isIm ? channel.name : undefined;
    },
  };
}

/** Slack mrkdwn as plain text: mentions, channel links, special mentions, links and entities. */
export function renderMrkdwn(text: string, names: NameResolver = noNames): string {
  const linked = text.replace(/<([^<>]+)>/g, (_all, inner: string) => renderLink(inner, names));
  return linked.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function renderLink(inner: string, names: NameResolver): string {
  const [target = '', label] = inner.split('|', 2);
  if (target.startsWith('@')) return `@${label ?? names.user(target.slice(1)) ?? target.slice(1)}`;
  if (target.startsWith('#')) return `#${label ?? names.channel(target.slice(1)) ?? target.slice(1)}`;
  if (target.startsWith('!subteam^')) return label ?? `@${target.slice('!subteam^'.length)}`;
  if (target.startsWith('!date^')) return label ?? target;
  if (target.startsWith('!')) return `@${target.slice(1)}`;
  return label === undefined ? target : `${label} (${target})`;
}

/** A text object (plain_text or mrkdwn) as plain text; '' for anything else. */
export function renderTextObject(value: unknown, names: NameResolver = noNames): string {
  const t = value as { type?: unknown; text?: unknown } | null;
  if (typeof t !== 'object' || t === null || typeof t.text !== 'string') return '';
  return t.type === 'mrkdwn' ? renderMrkdwn(t.text, names) : t.text;
}

/** A list of blocks as lines of text (joined with newlines). Unknown blocks print as `[type]`. */
export function renderBlocks(blocks: readonly unknown[], names: NameResolver = noNames): string {
  return blocks.flatMap((block) => renderBlock(asObj(block), names)).join('\n');
}

function renderBlock(block: Obj, names: NameResolver): string[] {
  switch (block.type) {
    case 'header':
      return [`# ${renderTextObject(block.text, names)}`];
    case 'section':
      return renderSection(block, names);
    case 'divider':
      return ['────────'];
    case 'context':
      return [
        `· ${asList(block.elements)
          .map((e) => renderContextElement(asObj(e), names))
          .join(' · ')}`,
      ];
    case 'actions':
      return [
        asList(block.elements)
          .map((e) => renderElement(asObj(e), names))
          .join(' '),
      ];
    case 'input':
      return renderInput(block, names);
    case 'image':
      return [`[image: ${String(block.alt_text ?? '')}]`];
    case 'rich_text':
      return [renderRichText(block, names)];
    default:
      return [`[${String(block.type ?? 'block')}]`];
  }
}

function renderSection(block: Obj, names: NameResolver): string[] {
  const lines: string[] = [];
  const text = renderTextObject(block.text, names);
  if (text !== '') lines.push(...text.split('\n'));
  const fields = asList(block.fields).map((f) => renderTextObject(f, names));
  for (let i = 0; i < fields.length; i += 2) lines.push(fields.slice(i, i + 2).join('  |  '));
  if (block.accessory !== undefined) lines.push(`  ${renderElement(asObj(block.accessory), names)}`);
  return lines;
}

function renderContextElement(element: Obj, names: NameResolver): string {
  if (element.type === 'image') return `[image: ${String(element.alt_text ?? '')}]`;
  return renderTextObject(element, names);
}

function renderInput(block: Obj, names: NameResolver): string[] {
  const optional = block.optional === true ? ' (optional)' : '';
  const lines = [
    `${renderTextObject(block.label, names)}${optional}: ${renderElement(asObj(block.element), names)}`,
  ];
  const hint = renderTextObject(block.hint, names);
  if (hint !== '') lines.push(`  ${hint}`);
  return lines;
}

/** One interactive element: `[Label]` for buttons, `[Choice ▾]` for selects, `[value]` for inputs. */
export function renderElement(element: Obj, names: NameResolver = noNames): string {
  const type = String(element.type ?? '');
  if (type === 'button') return `[${renderTextObject(element.text, names)}]`;
  if (type === 'overflow') return '[⋯]';
  if (type === 'radio_buttons') return renderChoices(element, names, '(•)', '( )');
  if (type === 'checkboxes') return renderChoices(element, names, '[x]', '[ ]');
  if (type === 'image') return `[image: ${String(element.alt_text ?? '')}]`;
  if (type.endsWith('select')) return `[${selectLabel(element, names)} ▾]`;
  if (type === 'plain_text_input' || type.endsWith('_input')) {
    const value = element.initial_value ?? renderTextObject(element.placeholder, names);
    return `[${String(value) || '____'}]`;
  }
  if (type === 'datepicker' || type === 'timepicker' || type === 'datetimepicker') {
    const value = element.initial_date ?? element.initial_time ?? element.initial_date_time;
    return `[${type.replace('picker', '')}: ${String(value ?? renderTextObject(element.placeholder, names))}]`;
  }
  return `[${type || 'element'}]`;
}

function selectLabel(element: Obj, names: NameResolver): string {
  const options = [element.initial_option, ...asList(element.initial_options)].filter((o) => o !== undefined);
  if (options.length > 0) return options.map((o) => renderTextObject(asObj(o).text, names)).join(', ');
  const users = [element.initial_user, ...asList(element.initial_users)].filter(
    (u): u is string => typeof u === 'string',
  );
  if (users.length > 0) return users.map((u) => `@${names.user(u) ?? u}`).join(', ');
  const conversation = element.initial_conversation ?? element.initial_channel;
  if (typeof conversation === 'string') return `#${names.channel(conversation) ?? conversation}`;
  return renderTextObject(element.placeholder, names) || 'Select…';
}

function renderChoices(element: Obj, names: NameResolver, on: string, off: string): string {
  const chosen = new Set<unknown>(
    [element.initial_option, ...asList(element.initial_options)]
      .map((o) => asObj(o).value)
      .filter((v) => v !== undefined),
  );
  return asList(element.options)
    .map((o) => `${chosen.has(asObj(o).value) ? on : off} ${renderTextObject(asObj(o).text, names)}`)
    .join('  ');
}

function renderRichText(block: Obj, names: NameResolver): string {
  const flatten = (node: Obj): string => {
    if (typeof node.text === 'string') return node.text;
    if (node.type === 'user') return `@${names.user(String(node.user_id)) ?? String(node.user_id)}`;
    if (node.type === 'channel')
      return `#${names.channel(String(node.channel_id)) ?? String(node.channel_id)}`;
    if (node.type === 'link') return String(node.url ?? '');
    if (node.type === 'emoji') return `:${String(node.name)}:`;
    const separator = node.type === 'rich_text_list' ? '\n' : '';
    return asList(node.elements)
      .map((e) => flatten(asObj(e)))
      .join(separator);
  };
  return flatten(block);
}

/** A message's body: its blocks when it has any, else its text (mrkdwn rendered). */
export function renderMessageBody(
  m: Pick<SandboxMessage, 'text' | 'blocks'>,
  names: NameResolver = noNames,
): string {
  if (m.blocks && m.blocks.length > 0) return renderBlocks(m.blocks, names);
  return renderMrkdwn(m.text, names);
}

/** A modal or Home view: title, blocks (with field errors under their inputs) and its buttons. */
export function renderView(v: SandboxView, names: NameResolver = noNames): string {
  const view = v.view;
  const lines = [`=== ${renderTextObject(view.title, names) || (v.type === 'home' ? 'Home' : 'Modal')} ===`];
  for (const block of asList(view.blocks)) {
    const b = asObj(block);
    lines.push(...renderBlock(b, names));
    const error = typeof b.block_id === 'string' ? v.errors?.[b.block_id] : undefined;
    if (error) lines.push(`  ! ${error}`);
  }
  const buttons = [view.close, view.submit].map((t) => renderTextObject(t, names)).filter((t) => t !== '');
  if (buttons.length > 0) lines.push(buttons.map((t) => `[${t}]`).join(' '));
  return lines.join('\n');
}

/**
 * A channel's conversation as text: each top-level message with its time and author, its thread
 * replies indented under it, and the ephemerals shown there (marked with who saw them).
 */
export function renderTranscript(ws: SlackWorkspace, channel: string): string {
  const channelId = ws.channelId(channel);
  const names = namesFrom(ws);
  const found = ws.findChannel(channelId);
  const title = found?.isIm
    ? `DM with @${names.user(found.imUser ?? '') ?? found.imUser}`
    : `#${found?.name}`;
  const lines = [`── ${title} ──`];
  const entries = [
    ...ws.messages(channelId).map((m) => ({ at: tsMillis(m.ts), lines: renderThread(ws, m, names) })),
    ...ws
      .ephemerals()
      .filter((e) => e.channel === channelId)
      .map((e) => ({ at: Date.parse(e.at), lines: renderEphemeral(e, names) })),
  ];
  entries.sort((a, b) => a.at - b.at);
  for (const entry of entries) lines.push(...entry.lines);
  if (entries.length === 0) lines.push('(no messages)');
  return lines.join('\n');
}

function renderThread(ws: SlackWorkspace, m: SandboxMessage, names: NameResolver): string[] {
  const lines = renderPost(m, names, '');
  for (const reply of ws.replies(m.channel, m.ts)) lines.push(...renderPost(reply, names, '    ↳ '));
  return lines;
}

function renderPost(m: SandboxMessage, names: NameResolver, prefix: string): string[] {
  const author = m.user ? `@${names.user(m.user) ?? m.user}` : `bot ${m.botId ?? ''}`.trim();
  const edited = m.edited ? ' (edited)' : '';
  const indent = `${' '.repeat(prefix.length)}  `;
  const body = renderMessageBody(m, names).split('\n');
  return [`${prefix}[${clock(tsMillis(m.ts))}] ${author}${edited}:`, ...body.map((line) => indent + line)];
}

function renderEphemeral(e: SandboxEphemeral, names: NameResolver): string[] {
  const how = e.viaResponseUrl
    ? e.replaceOriginal
      ? 'replacing, via response_url'
      : 'via response_url'
    : 'ephemeral';
  const header = `[${clock(Date.parse(e.at))}] (only @${names.user(e.user) ?? e.user} sees this, ${how}):`;
  return [
    header,
    ...renderMessageBody(e, names)
      .split('\n')
      .map((line) => `  ${line}`),
  ];
}

function tsMillis(ts: string): number {
  return Math.floor(Number(ts) * 1000);
}

function clock(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) : '?';
}

function asObj(value: unknown): Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {};
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
