import { createHash } from 'node:crypto';
import { boardStatuses } from '../../domain/board.ts';
import { boardExceptionStatuses, boardExceptionTypes } from '../../domain/board-exception.ts';
import type { Clock } from '../../ports/clock.ts';

/**
 * The data behind the fake GitHub: one repository (issues, milestones, labels, files at HEAD) and
 * one organization project (the release board). Changes stamp `updatedAt` from the clock, as GitHub
 * does, so incremental reads see them. Git object ids are computed the way git does (sha1 of
 * `blob <size>\0<text>`), so an unchanged file keeps its oid.
 */

export interface FakeIssue {
  id: string;
  number: number;
  title: string;
  state: 'OPEN' | 'CLOSED';
  milestone: string | null;
  labels: string[];
  updatedAt: string;
  /** The description (KEP issues list their k/k PRs here); empty when not seeded. */
  body?: string;
}

/** A pull request of the code repository (`MERGED` is its own state, as in GraphQL). */
export interface FakePullRequest {
  number: number;
  title: string;
  body: string;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  mergedAt: string | null;
  labels: string[];
  milestone: string | null;
  updatedAt: string;
}

export interface FakeCodeRepo {
  owner: string;
  name: string;
  pullRequests: FakePullRequest[];
}

export interface FakeBoardItem {
  id: string;
  issueNumber: number | null;
  /** Single-select values by field name (`Status`, `Stage`, `SIG`, `PRR Status`). */
  fields: Record<string, string>;
  archived: boolean;
  updatedAt: string;
}

export interface FakeBoard {
  org: string;
  number: number;
  title: string;
  updatedAt: string;
  /** The fields the board has, by name (the handbook's unless the seed names others). */
  fieldNames: string[];
  items: FakeBoardItem[];
}

/** The kind of value a field holds, as GitHub types it (`ProjectV2ItemField…Value`). */
export type FakeFieldType = 'single-select' | 'text' | 'date' | 'number';

/** The handbook board's fields (`enhancements-handbook.md`), as a copied board has them. */
export const handbookBoardFields = [
  'Title',
  'Status',
  'Stage',
  'Type',
  'SIG',
  'PRR Status',
  'Enhancements Contact',
  'Note',
  'Exception Request Type',
  'Exception Status',
  'Exception Request Link',
  'Exception Request Slack Thread',
  'Exception Related PRs',
  'Additional Time',
  'Exception Request Date',
  'Exception Decision Date',
  'Exception Liaison',
  'Exception Request Notes',
];

/** Dates end in `Date`, `Additional Time` is a number, links, notes and people are text. */
export function fakeFieldType(name: string): FakeFieldType {
  if (/date$/i.test(name)) return 'date';
  if (/^additional time$/i.test(name)) return 'number';
  if (/link|thread|prs|note|contact|liaison|title/i.test(name)) return 'text';
  return 'single-select';
}

/** Options a single-select field offers: the handbook's values for the fields it names, and any in use. */
export function fakeFieldOptions(board: FakeBoard, name: string): string[] {
  const used = board.items.flatMap((i) => (i.fields[name] === undefined ? [] : [i.fields[name]!]));
  return [...new Set([...(handbookOptions[name.toLowerCase()] ?? []), ...used])];
}

const handbookOptions: Record<string, readonly string[]> = {
  status: boardStatuses,
  'exception request type': Object.values(boardExceptionTypes),
  'exception status': Object.values(boardExceptionStatuses),
};

/** A git tree or blob as the fake serves it. */
export interface FakeGitObject {
  kind: 'tree' | 'blob';
  oid: string;
  name: string;
  path: string;
  text?: string;
  entries?: FakeGitObject[];
}

export interface FakeGithubSeed {
  owner: string;
  name: string;
  milestones?: string[];
  labels?: string[];
  issues?: Omit<FakeIssue, 'id'>[];
  board?: {
    org: string;
    number: number;
    title?: string;
    /** The board's fields (default: the handbook's plus any an item uses). */
    fieldNames?: string[];
    items: Omit<FakeBoardItem, 'id'>[];
  } | null;
  /** Files at HEAD by path (`keps/sig-node/2033-…/kep.yaml`). */
  files?: Map<string, string>;
  /** A second repository with pull requests (`kubernetes/kubernetes`), for the chain of custody. */
  codeRepo?: { owner: string; name: string; pullRequests: FakePullRequest[] } | null;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** A GitHub-looking opaque node id. */
export function nodeId(type: string, key: string | number): string {
  return Buffer.from(`${type}:${key}`).toString('base64url');
}

export function readNodeId(id: string): { type: string; key: string } | null {
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const at = text.indexOf(':');
  return at > 0 ? { type: text.slice(0, at), key: text.slice(at + 1) } : null;
}

export class FakeGithubState {
  readonly owner: string;
  readonly name: string;
  readonly milestones: { number: number; title: string }[];
  readonly labels = new Map<string, string>();
  readonly issues = new Map<number, FakeIssue>();
  board: FakeBoard | null;
  readonly files: Map<string, string>;
  /** The code repository and its pull requests, when seeded. */
  readonly code: FakeCodeRepo | null;
  #tree: FakeGitObject | null = null;
  #blobs = new Map<string, FakeGitObject>();
  /** Comments on each issue, oldest first (all written by the token's user). */
  readonly comments = new Map<number, { id: string; body: string }[]>();
  /** Whether Prow acts on commands in comments (`/label`, `/remove-label`, `/milestone`); on by default. */
  prow = true;
  #itemSeq = 0;
  #commentSeq = 0;
  #tick = 0;

  private readonly clock: Clock;

  constructor(seed: FakeGithubSeed, clock: Clock) {
    this.clock = clock;
    this.owner = seed.owner;
    this.name = seed.name;
    this.milestones = (seed.milestones ?? []).map((title, i) => ({ number: i + 1, title }));
    for (const label of seed.labels ?? []) this.labels.set(label, nodeId('Label', label));
    for (const issue of seed.issues ?? [])
      this.issues.set(issue.number, { ...issue, id: nodeId('Issue', issue.number) });
    this.files = new Map(seed.files ?? []);
    const code = seed.codeRepo;
    this.code = code ? { ...code, pullRequests: code.pullRequests.map((p) => ({ ...p })) } : null;
    const board = seed.board;
    this.board = board
      ? {
          org: board.org,
          number: board.number,
          title: board.title ?? 'Release tracking',
          updatedAt: this.#latest(board.items.map((i) => i.updatedAt)),
          fieldNames: board.fieldNames ?? [
            ...new Set([...handbookBoardFields, ...board.items.flatMap((i) => Object.keys(i.fields))]),
          ],
          items: board.items.map((item) => ({
            ...item,
            fields: { ...item.fields },
            id: nodeId('ProjectV2Item', ++this.#itemSeq),
          })),
        }
      : null;
  }

  get nameWithOwner(): string {
    return `${this.owner}/${this.name}`;
  }

  #latest(times: string[]): string {
    return [...times].sort().at(-1) ?? '1970-01-01T00:00:00Z';
  }

  /** A strictly increasing `updatedAt` (the clock, plus a second per change within one instant). */
  #stamp(): string {
    const now = this.clock.now().getTime();
    this.#tick = Math.max(now, this.#tick + 1000);
    return new Date(this.#tick).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** Changes an issue (title, description, state, milestone, labels) and bumps its updatedAt. */
  updateIssue(
    number: number,
    change: Partial<Pick<FakeIssue, 'title' | 'body' | 'state' | 'milestone' | 'labels'>>,
  ): FakeIssue {
    const issue = this.issues.get(number);
    if (!issue) throw new Error(`fake GitHub: no issue #${number}`);
    Object.assign(issue, change, { updatedAt: this.#stamp() });
    for (const label of issue.labels)
      if (!this.labels.has(label)) this.labels.set(label, nodeId('Label', label));
    return issue;
  }

  /** Adds a comment to an issue (bumps its updatedAt, as GitHub does). */
  addComment(number: number, body: string): { id: string; body: string } {
    const comment = { id: nodeId('IssueComment', ++this.#commentSeq), body };
    this.comments.set(number, [...(this.comments.get(number) ?? []), comment]);
    this.updateIssue(number, {});
    return comment;
  }

  addIssue(issue: Omit<FakeIssue, 'id' | 'updatedAt'>): FakeIssue {
    const created = { ...issue, id: nodeId('Issue', issue.number), updatedAt: this.#stamp() };
    this.issues.set(issue.number, created);
    return created;
  }

  /** Opens a pull request in the code repository (its links cross-reference issues at once). */
  addPull(pull: Omit<FakePullRequest, 'updatedAt'>): FakePullRequest {
    if (!this.code) throw new Error('fake GitHub: no code repository');
    const created = { ...pull, updatedAt: this.#stamp() };
    this.code.pullRequests.push(created);
    return created;
  }

  /** Changes a pull request (merged, labelled, edited…) and bumps its updatedAt. */
  updatePull(
    number: number,
    change: Partial<Pick<FakePullRequest, 'title' | 'body' | 'state' | 'mergedAt' | 'milestone' | 'labels'>>,
  ): FakePullRequest {
    const pull = this.code?.pullRequests.find((p) => p.number === number);
    if (!pull) throw new Error(`fake GitHub: no pull request #${number}`);
    Object.assign(pull, change, { updatedAt: this.#stamp() });
    return pull;
  }

  /** Sets a board field of the item for an issue (adding the item when missing); bumps item and board. */
  setBoardField(issueNumber: number, field: string, value: string | null): FakeBoardItem {
    const board = this.board;
    if (!board) throw new Error('fake GitHub: no board');
    let item = board.items.find((i) => i.issueNumber === issueNumber);
    if (!item) {
      item = {
        id: nodeId('ProjectV2Item', ++this.#itemSeq),
        issueNumber,
        fields: {},
        archived: false,
        updatedAt: '',
      };
      board.items.push(item);
    }
    if (value === null) delete item.fields[field];
    else item.fields[field] = value;
    if (value !== null && !board.fieldNames.includes(field)) board.fieldNames.push(field);
    item.updatedAt = this.#stamp();
    board.updatedAt = item.updatedAt;
    return item;
  }

  removeBoardItem(issueNumber: number): void {
    const board = this.board;
    if (!board) return;
    board.items = board.items.filter((i) => i.issueNumber !== issueNumber);
    board.updatedAt = this.#stamp();
  }

  /** Writes (or with null deletes) a file at HEAD. */
  writeFile(path: string, text: string | null): void {
    if (text === null) this.files.delete(path);
    else this.files.set(path, text);
    this.#tree = null;
  }

  /** The object at `path` (`''` is the root), or null. */
  objectAt(path: string): FakeGitObject | null {
    let node: FakeGitObject | null = this.#root();
    for (const part of path.split('/').filter(Boolean)) {
      node = node?.entries?.find((e) => e.name === part) ?? null;
      if (!node) return null;
    }
    return node;
  }

  blobByOid(oid: string): FakeGitObject | null {
    this.#root();
    return this.#blobs.get(oid) ?? null;
  }

  #root(): FakeGitObject {
    if (this.#tree) return this.#tree;
    this.#blobs.clear();
    const root: FakeGitObject = { kind: 'tree', oid: '', name: '', path: '', entries: [] };
    for (const [path, text] of [...this.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const parts = path.split('/');
      let dir = root;
      parts.slice(0, -1).forEach((part, i) => {
        let next = dir.entries!.find((e) => e.name === part);
        if (!next) {
          next = { kind: 'tree', oid: '', name: part, path: parts.slice(0, i + 1).join('/'), entries: [] };
          dir.entries!.push(next);
        }
        dir = next;
      });
      const blob: FakeGitObject = {
        kind: 'blob',
        oid: sha1(`blob ${Buffer.byteLength(text)}\0${text}`),
        name: parts.at(-1)!,
        path,
        text,
      };
      dir.entries!.push(blob);
      this.#blobs.set(blob.oid, blob);
    }
    this.#hashTree(root);
    this.#tree = root;
    return root;
  }

  #hashTree(tree: FakeGitObject): string {
    const lines = tree.entries!.map(
      (e) => `${e.kind} ${e.name} ${e.kind === 'tree' ? this.#hashTree(e) : e.oid}`,
    );
    tree.oid = sha1(`tree\0${lines.join('\n')}`);
    return tree.oid;
  }
}
