import { viewProblems } from '../check-blocks.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { ViewRecord, ViewStore } from './view-store.ts';

/**
 * Applies a view_submission ack: no body closes the submitted view (revealing the one below),
 * `update` replaces it, `push` stacks a new one, `clear` closes the whole stack and `errors` shows
 * field errors. Anything Slack would refuse is kept in the view's `problem` and changes nothing else.
 */
export function applyViewResponse(
  views: ViewStore,
  feed: ChangeFeed,
  viewId: string,
  response: unknown,
): void {
  const record = views.record(viewId);
  if (!record) throw new Error(`applyViewResponse: no view ${viewId} in the sandbox workspace`);
  const problem = viewResponseEffect(views, feed, record, response);
  if (problem !== null) {
    record.problem = problem;
    feed.changed();
  }
}

function viewResponseEffect(
  views: ViewStore,
  feed: ChangeFeed,
  record: ViewRecord,
  response: unknown,
): string | null {
  if (response === undefined || response === null || response === '') {
    views.closeView(record.id);
    return null;
  }
  if (typeof response !== 'object' || Array.isArray(response)) {
    return `the ack body must be empty or an object with response_action, got ${JSON.stringify(response)}`;
  }
  const r = response as { response_action?: unknown; view?: unknown; errors?: unknown };
  switch (r.response_action) {
    case undefined:
      if (Object.keys(r).length === 0) views.closeView(record.id);
      return Object.keys(r).length === 0
        ? null
        : 'the ack body has no response_action (update, push, clear, errors)';
    case 'clear':
      views.closeView(record.rootId);
      return null;
    case 'errors':
      return applyErrors(feed, record, r.errors);
    case 'update':
    case 'push':
      return applyViewChange(views, record, r.response_action, r.view);
    default:
      return `response_action "${String(r.response_action)}" is not one of update, push, clear, errors`;
  }
}

function applyErrors(feed: ChangeFeed, record: ViewRecord, errors: unknown): string | null {
  const entries = typeof errors === 'object' && errors !== null ? Object.entries(errors) : [];
  if (entries.length === 0 || entries.some(([, v]) => typeof v !== 'string')) {
    return 'response_action errors needs errors: { block_id: "message", … }';
  }
  record.errors = Object.fromEntries(entries) as Record<string, string>;
  delete record.problem;
  feed.changed();
  return null;
}

function applyViewChange(
  views: ViewStore,
  record: ViewRecord,
  action: 'update' | 'push',
  view: unknown,
): string | null {
  const problems = viewProblems(view, 'modal');
  if (problems.length > 0) return `response_action ${action}: ${problems.join('; ')}`;
  const content = view as Record<string, unknown>;
  if (action === 'update') {
    views.replaceView(record.id, content);
    return null;
  }
  const pushed = views.pushModal(record.id, content);
  return 'error' in pushed ? `response_action push: ${pushed.error}` : null;
}
