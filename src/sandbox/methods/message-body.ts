import { type Args, jsonField, optionalString } from '../api-args.ts';
import { fail } from '../api-error.ts';
import { maxTextLength, messageBlockProblems } from '../check-blocks.ts';
import type { SandboxMessage } from '../workspace.ts';

/** The content of a chat.postMessage / chat.update / chat.postEphemeral call. */
export interface MessageBody {
  text: string | undefined;
  blocks: unknown[] | undefined;
  metadata: SandboxMessage['metadata'] | undefined;
}

/**
 * Reads and checks `text`, `blocks` and `metadata` as Slack does: unparseable blocks fail with
 * `invalid_blocks_format`, blocks that break the rules or limits with `invalid_blocks` (each problem in
 * response_metadata.messages), text past 40,000 characters with `msg_too_long`, and a message with
 * neither text nor blocks with `no_text`.
 */
export function readMessageBody(args: Args, options: { requireContent: boolean }): MessageBody {
  const text = optionalString(args, 'text');
  const blocks = readBlocks(args, text);
  const metadata = readMetadata(args);
  if (text !== undefined && text.length > maxTextLength) {
    fail('msg_too_long', `[ERROR] text: ${text.length} characters, more than Slack's ${maxTextLength}`);
  }
  const hasAttachments = optionalString(args, 'attachments') !== undefined || Array.isArray(args.attachments);
  if (options.requireContent && text === undefined && (blocks ?? []).length === 0 && !hasAttachments) {
    fail('no_text', '[ERROR] a message needs text or blocks');
  }
  return { text, blocks, metadata };
}

function readBlocks(args: Args, text: string | undefined): unknown[] | undefined {
  const blocks = jsonField(args, 'blocks', 'invalid_blocks_format');
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) return fail('invalid_blocks_format', '[ERROR] blocks: must be a JSON array');
  const problems = messageBlockProblems(text, blocks);
  if (problems.length > 0) fail('invalid_blocks', ...problems.map((p) => `[ERROR] ${p}`));
  return blocks;
}

function readMetadata(args: Args): SandboxMessage['metadata'] | undefined {
  const metadata = jsonField(args, 'metadata', 'invalid_metadata_format');
  if (metadata === undefined) return undefined;
  const m = metadata as { event_type?: unknown; event_payload?: unknown } | null;
  const payload = m?.event_payload;
  if (
    typeof m?.event_type !== 'string' ||
    typeof payload !== 'object' ||
    payload === null ||
    Array.isArray(payload)
  ) {
    return fail(
      'invalid_metadata_format',
      '[ERROR] metadata: needs { event_type: string, event_payload: object }',
    );
  }
  return { event_type: m.event_type, event_payload: payload as Record<string, unknown> };
}
