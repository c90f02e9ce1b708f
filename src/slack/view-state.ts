/**
 * What the KEP status modal sends back, read with zod: the `private_metadata` the app wrote (typed
 * and versioned), and `view.state.values` turned into a submission or into field-by-field errors
 * keyed by block_id (for `ack({ response_action: 'errors', errors })`).
 */
import { z } from 'zod';
import { type KepState, kepStates } from '../domain/kep-state.ts';
import { type BlockerRef, isSigDir, maxNoteLength, parseKepRef } from '../domain/status-command.ts';
import { LIMITS } from './blocks/block-limits.ts';
import { countChars } from './escape.ts';
import { actions, blocks } from './ids.ts';

/** Each input of the modal: the block_id Slack keys `state.values` by, and its element's action_id. */
export const statusModalFields = {
  kep: { block: blocks.kepStatusKep, action: actions.kepStatusKepSelect },
  state: { block: blocks.kepStatusState, action: blocks.kepStatusState },
  confidence: { block: blocks.kepStatusConfidence, action: blocks.kepStatusConfidence },
  increment: { block: blocks.kepStatusIncrement, action: blocks.kepStatusIncrement },
  blockedBy: { block: blocks.kepStatusBlockedBy, action: blocks.kepStatusBlockedBy },
  note: { block: blocks.kepStatusNote, action: blocks.kepStatusNote },
} as const;

export type StatusModalField = keyof typeof statusModalFields;

// ── private_metadata ─────────────────────────────────────────────────────────────────────────

/** What the modal carries from where it was opened to its submission. */
export const statusModalMetadataSchema = z.object({
  /** Format version; a view opened by an older or newer bot is read as "no metadata". */
  v: z.literal(1),
  /** The conversation the modal was opened from (where the confirmation goes); null for none. */
  channel: z
    .string()
    .regex(/^[CGD][A-Z0-9]{2,20}$/)
    .nullable(),
});

export type StatusModalMetadata = z.infer<typeof statusModalMetadataSchema>;

/** The metadata as the JSON string Slack keeps (≤ 3000 characters; throws on a bad value). */
export function encodeStatusModalMetadata(metadata: StatusModalMetadata): string {
  const text = JSON.stringify(statusModalMetadataSchema.parse(metadata));
  if (countChars(text) > LIMITS.privateMetadata) {
    throw new Error(`status modal metadata is ${countChars(text)} characters; Slack keeps at most 3000`);
  }
  return text;
}

/** The metadata back from `view.private_metadata`; null when it is missing, garbled or another version. */
export function decodeStatusModalMetadata(text: string | undefined): StatusModalMetadata | null {
  if (!text) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = statusModalMetadataSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

// ── state.values ─────────────────────────────────────────────────────────────────────────────

const selectState = z.looseObject({
  selected_option: z.looseObject({ value: z.string() }).nullish(),
});
const textState = z.looseObject({ value: z.string().nullish() });

const f = statusModalFields;

/** The shape of `view.state.values` for the status modal (every block optional: Slack omits none, but be lenient). */
export const statusModalValuesSchema = z.looseObject({
  [f.kep.block]: z.looseObject({ [f.kep.action]: selectState.optional() }).optional(),
  [f.state.block]: z.looseObject({ [f.state.action]: selectState.optional() }).optional(),
  [f.confidence.block]: z.looseObject({ [f.confidence.action]: textState.optional() }).optional(),
  [f.increment.block]: z.looseObject({ [f.increment.action]: selectState.optional() }).optional(),
  [f.blockedBy.block]: z.looseObject({ [f.blockedBy.action]: textState.optional() }).optional(),
  [f.note.block]: z.looseObject({ [f.note.action]: textState.optional() }).optional(),
});

/** A valid submission of the modal. */
export interface StatusModalSubmission {
  kep: number;
  state: KepState;
  confidence: number | null;
  /** Null when the release has no coding period (no increment input). */
  increment: number | null;
  blockers: BlockerRef[];
  note: string;
}

export type StatusModalReading =
  | { ok: true; value: StatusModalSubmission }
  /** block_id → what is wrong with that input and how to fix it. */
  | { ok: false; errors: Record<string, string> };

export interface ReadStatusModalOptions {
  /** Increments in the coding period; null when the release has none. */
  increments: number | null;
  /** Whether a blocker names a SIG Drumbeat knows (default: any SIG-shaped dir). */
  isKnownSig?: (dir: string) => boolean;
  /** Whether a blocker names a KEP Drumbeat knows (default: any number). */
  isKnownKep?: (kep: number) => boolean;
}

/** Reads the modal's `state.values` into a submission, or into one error per input that is wrong. */
export function readStatusModal(values: unknown, options: ReadStatusModalOptions): StatusModalReading {
  const shape = statusModalValuesSchema.safeParse(values);
  if (!shape.success) {
    return {
      ok: false,
      errors: {
        [f.kep.block]:
          'The form came back in a shape Drumbeat does not understand; close it and run /kep-status again.',
      },
    };
  }
  const raw = flatten(
    shape.data as Record<string, Record<string, { value?: unknown; selected_option?: unknown }>>,
  );
  const parsed = fieldSchema(options).safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as StatusModalField;
      const block = statusModalFields[field]?.block ?? f.kep.block;
      errors[block] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const value = parsed.data;
  if (value.blockers.some((b) => b.type === 'kep' && b.kep === value.kep)) {
    return {
      ok: false,
      errors: { [f.blockedBy.block]: `KEP-${value.kep} cannot block itself; remove #${value.kep}.` },
    };
  }
  return { ok: true, value };
}

type RawFields = Record<StatusModalField, string | null>;

function flatten(
  values: Record<string, Record<string, { value?: unknown; selected_option?: unknown }>>,
): RawFields {
  const pick = (field: StatusModalField): string | null => {
    const { block, action } = statusModalFields[field];
    const state = values[block]?.[action];
    const option = state?.selected_option as { value?: string } | null | undefined;
    const value = option ? option.value : state?.value;
    return typeof value === 'string' ? value : null;
  };
  return {
    kep: pick('kep'),
    state: pick('state'),
    confidence: pick('confidence'),
    increment: pick('increment'),
    blockedBy: pick('blockedBy'),
    note: pick('note'),
  };
}

function fieldSchema(options: ReadStatusModalOptions) {
  return z
    .object({
      kep: z
        .string({ error: 'Pick a KEP: type its number or words from its title.' })
        .transform((text, ctx) => {
          const kep = parseKepRef(text);
          if (kep === null) {
            ctx.addIssue({
              code: 'custom',
              message: `"${clip(text)}" is not a KEP number; pick one from the list.`,
            });
            return z.NEVER;
          }
          return kep;
        }),
      state: z.enum(kepStates, { error: `Pick a state: ${kepStates.join(', ')}.` }),
      confidence: z
        .string()
        .nullable()
        .transform((text, ctx) => {
          const trimmed = (text ?? '').trim();
          if (trimmed === '') return null;
          const n = /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
          if (!(n >= 0 && n <= 100)) {
            ctx.addIssue({
              code: 'custom',
              message: `Confidence is a whole number from 0 to 100 (percent), not "${clip(trimmed)}"; or leave it empty.`,
            });
            return z.NEVER;
          }
          return n;
        }),
      increment: z
        .string()
        .nullable()
        .transform((text, ctx) => {
          if (options.increments === null || text === null || text === '') return null;
          const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
          if (!(n >= 1 && n <= options.increments)) {
            ctx.addIssue({
              code: 'custom',
              message: `Pick one of the ${options.increments} increments of the coding period.`,
            });
            return z.NEVER;
          }
          return n;
        }),
      blockedBy: z
        .string()
        .nullable()
        .transform((text, ctx) => {
          const parsed = parseBlockedBy(text ?? '', options);
          if (!parsed.ok) {
            ctx.addIssue({ code: 'custom', message: parsed.problem });
            return z.NEVER;
          }
          return parsed.refs;
        }),
      note: z
        .string()
        .nullable()
        .transform((text, ctx) => {
          const note = (text ?? '').trim();
          const length = countChars(note);
          if (length > maxNoteLength) {
            ctx.addIssue({
              code: 'custom',
              message: `The note is ${length} characters long; shorten it to ${maxNoteLength} or fewer.`,
            });
            return z.NEVER;
          }
          return note;
        }),
    })
    .transform(({ blockedBy, ...rest }) => ({ ...rest, blockers: blockedBy }));
}

// ── "blocked by" ─────────────────────────────────────────────────────────────────────────────

const maxBlockers = 20;
const tokenPattern = /"([^"]*)"|“([^”]*)”|([^\s,;]+)/g;
const joiners = new Set(['and', '&', '+']);

/**
 * Reads the "blocked by" input: KEPs (`#1234`, `KEP-1234`, `1234`, an enhancements issue URL) and
 * SIGs (`sig-auth`), separated by commas, spaces or "and"; anything else in double quotes is a
 * named party (`"API review"`). An unquoted word that is neither is a problem that names it.
 */
export function parseBlockedBy(
  text: string,
  options: Pick<ReadStatusModalOptions, 'isKnownSig' | 'isKnownKep'> = {},
): { ok: true; refs: BlockerRef[] } | { ok: false; problem: string } {
  const refs: BlockerRef[] = [];
  const unknown: string[] = [];
  const normalized = text.replace(/\bkep\s+(?=#?\d)/gi, 'KEP-');
  for (const match of normalized.matchAll(tokenPattern)) {
    const quoted = match[1] ?? match[2];
    if (quoted !== undefined) {
      const name = quoted.trim().replace(/\s+/g, ' ');
      if (name) refs.push({ type: 'party', name: name.slice(0, 200) });
      continue;
    }
    const token = match[3]!;
    if (joiners.has(token.toLowerCase())) continue;
    const kep = parseKepRef(token);
    if (kep !== null) {
      if (options.isKnownKep && !options.isKnownKep(kep)) return { ok: false, problem: unknownKep(kep) };
      refs.push({ type: 'kep', kep });
    } else if (isSigDir(token)) {
      const sig = token.toLowerCase();
      if (options.isKnownSig && !options.isKnownSig(sig)) return { ok: false, problem: unknownSig(sig) };
      refs.push({ type: 'sig', sig });
    } else unknown.push(token);
  }
  if (unknown.length > 0) {
    const list = unknown
      .slice(0, 3)
      .map((t) => `"${clip(t)}"`)
      .join(', ');
    return {
      ok: false,
      problem: `${list} ${unknown.length === 1 ? 'is' : 'are'} not a KEP (#1234) or a SIG (sig-auth); put anything else in double quotes, like "API review".`,
    };
  }
  const unique = dedupe(refs);
  if (unique.length > maxBlockers) {
    return { ok: false, problem: `That is ${unique.length} blockers; name at most ${maxBlockers}.` };
  }
  return { ok: true, refs: unique };
}

/** The "blocked by" text for blockers, as {@link parseBlockedBy} reads it back: `#1234, sig-auth, "API review"`. */
export function formatBlockedBy(refs: BlockerRef[]): string {
  return refs
    .map((r) => {
      if (r.type === 'kep') return `#${r.kep}`;
      if (r.type === 'sig') return r.sig;
      return `"${r.name.replace(/["“”]/g, "'")}"`;
    })
    .join(', ');
}

function unknownKep(kep: number): string {
  return `KEP-${kep} is not a KEP Drumbeat knows; check the number (it is the enhancements issue number).`;
}

function unknownSig(sig: string): string {
  return `${sig} is not a SIG Drumbeat knows; check the spelling (like sig-auth).`;
}

function dedupe(refs: BlockerRef[]): BlockerRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = r.type === 'party' ? `party:${r.name.toLowerCase()}` : JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
