/**
 * Turns zod issues into located config problems: each names the YAML line and column, the key path, what
 * would be valid and what was there.
 */
import type { z } from 'zod';
import { type ConfigProblem, closestMatch, describeValue, formatPath, type KeyPath } from './problems.ts';
import { locate, type YamlSource } from './yaml-source.ts';

type Issue = z.core.$ZodIssue;

interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** The schema that validates `path`, following wrappers, arrays and records; null when unknown. */
function schemaAt(root: z.ZodType, path: KeyPath): z.ZodType | null {
  let schema: z.ZodType | undefined = root;
  let index = 0;
  while (schema) {
    const def = defOf(schema);
    if (def.innerType) schema = def.innerType;
    else if (def.type === 'pipe') schema = def.out;
    else if (index === path.length) return schema;
    else {
      const segment = path[index++];
      if (def.type === 'object') schema = def.shape?.[String(segment)];
      else if (def.type === 'array') schema = def.element;
      else if (def.type === 'record') schema = def.valueType;
      else return null;
    }
  }
  return null;
}

function keysAt(root: z.ZodType, path: KeyPath): string[] {
  const schema = schemaAt(root, path);
  const shape = schema ? defOf(schema).shape : undefined;
  return shape ? Object.keys(shape) : [];
}

function valueAt(data: unknown, path: KeyPath): unknown {
  let value = data;
  for (const segment of path) {
    // `notify: pager` is read as `notify: [pager]`: the issue is on item 0 of a plain string.
    if (typeof value === 'string' && segment === 0) return value;
    if (value === null || typeof value !== 'object') return undefined;
    if (!Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

const typeNames: Record<string, string> = {
  object: 'expected a mapping (key: value)',
  array: 'expected a list',
  string: 'expected text',
  number: 'expected a number',
  int: 'expected a whole number',
  boolean: 'expected true or false',
};

function isCustom(message: string): boolean {
  return message.startsWith('expected');
}

function got(value: unknown): string {
  return `, got ${describeValue(value)}`;
}

const yamlOneOneBooleans = /^(y|yes|n|no|on|off)$/i;

function typeMessage(issue: Extract<Issue, { code: 'invalid_type' }>, value: unknown): string {
  const expectation = isCustom(issue.message) ? issue.message : (typeNames[issue.expected] ?? issue.message);
  if (value === undefined) return `is required; ${expectation}`;
  const booleanHint =
    (issue.expected === 'boolean' || expectation.startsWith('expected true or false')) &&
    typeof value === 'string' &&
    yamlOneOneBooleans.test(value)
      ? ' (YAML 1.2 reads yes/no/on/off as text)'
      : '';
  return `${expectation}${got(value)}${booleanHint}`;
}

function enumMessage(issue: Extract<Issue, { code: 'invalid_value' }>, value: unknown): string {
  const options = issue.values.map((v) => JSON.stringify(v));
  const near = typeof value === 'string' ? closestMatch(value, issue.values.map(String)) : null;
  const hint = near ? ` (did you mean "${near}"?)` : '';
  return `expected one of ${options.join(', ')}${got(value)}${hint}`;
}

function sizeMessage(issue: Issue, value: unknown): string {
  if (isCustom(issue.message)) return `${issue.message}${got(value)}`;
  const limits = issue as { minimum?: unknown; maximum?: unknown };
  const bound = issue.code === 'too_small' ? `at least ${limits.minimum}` : `at most ${limits.maximum}`;
  return `expected ${bound}${got(value)}`;
}

function customMessage(issue: Issue, value: unknown): string {
  const scalar = value === null || (typeof value !== 'object' && value !== undefined);
  return scalar ? `${issue.message}${got(value)}` : issue.message;
}

function messageFor(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return typeMessage(issue, value);
    case 'invalid_value':
      return enumMessage(issue, value);
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue, value);
    default:
      return customMessage(issue, value);
  }
}

function unknownKeyProblems(
  issue: Extract<Issue, { code: 'unrecognized_keys' }>,
  ctx: Context,
): ConfigProblem[] {
  const valid = keysAt(ctx.schema, issue.path as KeyPath);
  return issue.keys.map((key) => {
    const near = closestMatch(key, valid);
    const hint = near ? `did you mean "${near}"? ` : '';
    const list = valid.length > 0 ? `valid keys here: ${valid.join(', ')}` : 'remove it';
    return ctx.problem([...(issue.path as KeyPath), key], `unknown key "${key}"; ${hint}${list}`);
  });
}

interface Context {
  schema: z.ZodType;
  problem: (path: KeyPath, message: string) => ConfigProblem;
}

/** Every zod issue as a located problem (unknown keys: one problem per key), in file order. */
export function zodIssuesToProblems(
  issues: readonly Issue[],
  source: YamlSource,
  schema: z.ZodType,
  /** Where a schema path is written in the file, when the schema reshapes the input. */
  written: (path: KeyPath) => KeyPath = (path) => path,
): ConfigProblem[] {
  const problem = (schemaPath: KeyPath, message: string): ConfigProblem => {
    const path = written(schemaPath);
    const at = locate(source, path);
    return {
      file: source.file,
      line: at?.line ?? null,
      column: at?.column ?? null,
      path: formatPath(path),
      message,
    };
  };
  const ctx: Context = { schema, problem };
  const problems = issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? unknownKeyProblems(issue, ctx)
      : [
          problem(
            issue.path as KeyPath,
            messageFor(issue, valueAt(source.data, written(issue.path as KeyPath))),
          ),
        ],
  );
  return sortProblems(problems);
}

/** File order: by line, then column; whole-file problems first. Stable. */
export function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}
