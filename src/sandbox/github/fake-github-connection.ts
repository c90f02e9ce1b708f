/** Relay connections and resolver errors of the fake GitHub, as GitHub pages and reports them. */

/** A resolver error GitHub reports with a `type` (`NOT_FOUND`…). */
export class FakeGithubError extends Error {
  readonly type: string;
  constructor(type: string, message: string) {
    super(message);
    this.type = type;
  }
}

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

function cursor(index: number): string {
  return Buffer.from(`cursor:${index}`).toString('base64');
}

function cursorIndex(text: string | null | undefined): number | null {
  if (!text) return null;
  const match = /^cursor:(\d+)$/.exec(Buffer.from(text, 'base64').toString('utf8'));
  if (!match)
    throw new FakeGithubError(
      'INVALID_CURSOR_ARGUMENTS',
      `\`${text}\` does not appear to be a valid cursor.`,
    );
  return Number(match[1]);
}

/** A Relay connection over `all`, paginated as GitHub does (first/after, last/before); `map` builds each node of the page. */
export function connection<T, N = T>(
  all: T[],
  args: PageArgs,
  map: (item: T) => N = (item) => item as unknown as N,
) {
  let start = 0;
  let end = all.length;
  const after = cursorIndex(args.after);
  const before = cursorIndex(args.before);
  if (after !== null) start = after + 1;
  if (before !== null) end = Math.min(end, before);
  if (typeof args.first === 'number') end = Math.min(end, start + args.first);
  if (typeof args.last === 'number') start = Math.max(start, end - args.last);
  const slice = all.slice(start, end).map(map);
  return {
    totalCount: all.length,
    nodes: slice,
    edges: slice.map((node, i) => ({ cursor: cursor(start + i), node })),
    pageInfo: {
      hasNextPage: end < all.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? cursor(start) : null,
      endCursor: slice.length ? cursor(end - 1) : null,
    },
  };
}
