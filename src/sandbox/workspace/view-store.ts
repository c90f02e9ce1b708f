import { createIdSequence } from '../slack-ids.ts';
import type { SandboxView } from '../workspace-types.ts';
import type { WorkspaceCore } from './change-feed.ts';
import type { Directory } from './directory.ts';

/** A view as stored: its content, its place in a stack, and what the app's last answer did to it. */
export interface ViewRecord {
  id: string;
  user: string;
  type: 'modal' | 'home';
  view: Record<string, unknown>;
  hash: string;
  rootId: string;
  previousId: string | null;
  closed: boolean;
  errors?: Record<string, string>;
  problem?: string;
}

const maxStackDepth = 3;

/** Modals (in stacks of at most three) and Home tabs, by view id. */
export class ViewStore {
  private readonly views = new Map<string, ViewRecord>();
  private readonly stacks = new Map<string, string[]>();
  private readonly homes = new Map<string, string>();
  private readonly nextViewId = createIdSequence('V', (id) => this.views.has(id));
  private hashCounter = 0;
  private readonly core: WorkspaceCore;
  private readonly directory: Directory;

  constructor(core: WorkspaceCore, directory: Directory) {
    this.core = core;
    this.directory = directory;
  }

  /** The stored record (live object) of a view, or undefined. */
  record(id: string): ViewRecord | undefined {
    return this.views.get(id);
  }

  /** Opens a modal as the root of a new stack. */
  openModal(user: string, view: Record<string, unknown>): SandboxView {
    const id = this.nextViewId();
    this.views.set(id, {
      id,
      user,
      type: 'modal',
      view,
      hash: this.nextHash(),
      rootId: id,
      previousId: null,
      closed: false,
    });
    this.stacks.set(id, [id]);
    this.core.feed.changed();
    return this.view(id)!;
  }

  /** Pushes a modal onto the stack `belowId` belongs to; fails with `push_limit_reached` past 3. */
  pushModal(belowId: string, view: Record<string, unknown>): SandboxView | { error: string } {
    const below = this.views.get(belowId);
    if (!below || below.closed || below.type !== 'modal') return { error: 'not_found' };
    const stack = this.stacks.get(below.rootId) ?? [];
    if (stack.length >= maxStackDepth) return { error: 'push_limit_reached' };
    const id = this.nextViewId();
    const previousId = stack.at(-1) ?? null;
    const record: ViewRecord = {
      id,
      user: below.user,
      type: 'modal',
      view,
      hash: this.nextHash(),
      rootId: below.rootId,
      previousId,
      closed: false,
    };
    this.views.set(id, record);
    stack.push(id);
    this.core.feed.changed();
    return this.view(id)!;
  }

  /** The top open modal of a user's most recent stack (where a trigger from inside a modal pushes). */
  topModal(user: string): SandboxView | undefined {
    return this.openViews(user).at(-1);
  }

  /** Replaces a view's content (views.update, views.publish, response_action update); new hash. */
  replaceView(id: string, view: Record<string, unknown>): SandboxView | undefined {
    const record = this.views.get(id);
    if (!record) return undefined;
    record.view = view;
    record.hash = this.nextHash();
    delete record.errors;
    delete record.problem;
    this.core.feed.changed();
    return this.view(id);
  }

  /** The open view (modal or Home) with this `external_id`. */
  viewByExternalId(externalId: string): SandboxView | undefined {
    const record = [...this.views.values()].find((v) => !v.closed && v.view.external_id === externalId);
    return record ? this.view(record.id) : undefined;
  }

  /** Stores a user's Home tab (views.publish), keeping its id across publishes. */
  publishHome(user: string, view: Record<string, unknown>): SandboxView {
    const existing = this.homes.get(user);
    if (existing) return this.replaceView(existing, view)!;
    const id = this.nextViewId();
    this.views.set(id, {
      id,
      user,
      type: 'home',
      view,
      hash: this.nextHash(),
      rootId: id,
      previousId: null,
      closed: false,
    });
    this.homes.set(user, id);
    this.core.feed.changed();
    return this.view(id)!;
  }

  /** Closes a modal and everything pushed above it (the user pressed Cancel / ×, or an empty ack). */
  closeView(viewId: string): void {
    const record = this.views.get(viewId);
    if (!record || record.closed) return;
    const stack = this.stacks.get(record.rootId) ?? [viewId];
    const index = stack.indexOf(viewId);
    for (const id of stack.splice(Math.max(0, index))) {
      const v = this.views.get(id);
      if (v) v.closed = true;
    }
    this.core.feed.changed();
  }

  private nextHash(): string {
    this.hashCounter += 1;
    return `${Math.floor(this.core.now().getTime() / 1000)}.${this.hashCounter.toString(16).padStart(8, '0')}`;
  }

  /** A user's open modals, root first (the last one is on top). */
  openViews(user: string): SandboxView[] {
    const id = this.directory.userId(user);
    return [...this.views.values()]
      .filter((v) => v.user === id && v.type === 'modal' && !v.closed)
      .map((v) => this.view(v.id)!);
  }

  /** A view (open or closed) by id. */
  view(id: string): SandboxView | undefined {
    const v = this.views.get(id);
    if (!v) return undefined;
    const stack = v.type === 'home' ? [] : [...(this.stacks.get(v.rootId) ?? [])];
    const view: SandboxView = {
      id: v.id,
      user: v.user,
      type: v.type,
      view: v.view,
      hash: v.hash,
      stack,
      closed: v.closed,
    };
    if (v.errors) view.errors = { ...v.errors };
    if (v.problem) view.problem = v.problem;
    return view;
  }

  /** Where a view sits: its stack's root and the view below it. */
  viewLinks(id: string): { rootId: string; previousId: string | null } | undefined {
    const v = this.views.get(id);
    return v ? { rootId: v.rootId, previousId: v.previousId } : undefined;
  }

  /** A user's Home tab, if the app published one. */
  home(user: string): SandboxView | undefined {
    const id = this.homes.get(this.directory.userId(user));
    return id ? this.view(id) : undefined;
  }
}
