import type { OutboxRecord, OutboxRepo } from '../../db/repos/outbox-repo.ts';

/** Where a row's call goes, once everything it depends on is known. */
export interface ResolvedTarget {
  state: 'ready';
  /** The conversation; null for publish, and for a DM whose conversation is not opened yet. */
  channel: string | null;
  /** post/dm/ephemeral: the thread to reply in. update: null. */
  threadTs: string | null;
  /** update: the message to change. */
  ts: string | null;
  /** Calls with the same pacing key are made one at a time, at most one per interval. */
  paceKey: string;
}

export type Resolution =
  | ResolvedTarget
  /** The parent (threadOf) or the update target is not sent yet. */
  | { state: 'waiting'; on: string }
  /** The parent or target failed (or can never give a ts): this row fails too. */
  | { state: 'failed'; reason: string }
  /** The parent was dropped as too late: this row is dropped too. */
  | { state: 'expired'; reason: string };

type Lookup = Pick<OutboxRepo, 'get' | 'getDmChannel'>;

/** Works out a row's conversation, thread and pacing key from the rows it depends on. */
export function resolveTarget(row: OutboxRecord, repo: Lookup): Resolution {
  switch (row.kind) {
    case 'post':
      if (row.threadOf)
        return fromParent(row.threadOf, repo, 'thread parent', (p) => ready(p.channel, p.ts, null));
      return ready(row.channel!, row.payload.threadTs ?? null, null);
    case 'dm': {
      if (row.threadOf)
        return fromParent(row.threadOf, repo, 'thread parent', (p) => ready(p.channel, p.ts, null));
      const channel = row.channel ?? repo.getDmChannel(row.userId!);
      return ready(channel, null, null, channel ?? `dm:${row.userId}`);
    }
    case 'update':
      if (row.targetKey)
        return fromParent(row.targetKey, repo, 'update target', (p) => ready(p.channel, null, p.ts));
      return ready(row.channel!, null, row.payload.ts ?? null);
    case 'ephemeral':
      return ready(row.channel, row.payload.threadTs ?? null, null, `ephemeral:${row.channel}:${row.userId}`);
    case 'publish':
      return ready(null, null, null, `home:${row.userId}`);
  }
}

function ready(channel: string | null, threadTs: string | null, ts: string | null, paceKey?: string) {
  return { state: 'ready' as const, channel, threadTs, ts, paceKey: paceKey ?? channel ?? '' };
}

function fromParent(
  key: string,
  repo: Lookup,
  role: string,
  use: (parent: { channel: string; ts: string }) => ResolvedTarget,
): Resolution {
  const parent = repo.get(key);
  if (!parent) return { state: 'failed', reason: `${role} "${key}" is not in the outbox` };
  if (parent.kind !== 'post' && parent.kind !== 'dm')
    return {
      state: 'failed',
      reason: `${role} "${key}" is a ${parent.kind}; only posts and DMs can be threaded or updated`,
    };
  if (parent.status === 'expired') return { state: 'expired', reason: `${role} "${key}" expired` };
  if (parent.status === 'failed')
    return { state: 'failed', reason: `${role} "${key}" failed: ${parent.lastError ?? 'unknown error'}` };
  if (parent.status !== 'sent') return { state: 'waiting', on: key };
  if (!parent.resultChannel || !parent.resultTs)
    return { state: 'failed', reason: `${role} "${key}" was sent but Slack returned no channel and ts` };
  return use({ channel: parent.resultChannel, ts: parent.resultTs });
}

/**
 * The Web API methods a row's delivery calls, so a method paused by a rate limit holds back only
 * the rows that need it: the lookup of an uncertain post, conversations.open for a DM whose
 * conversation is not known yet, then the call itself.
 */
export function methodsFor(row: Pick<OutboxRecord, 'kind' | 'uncertain'>, target: ResolvedTarget): string[] {
  const lookup =
    row.uncertain && (row.kind === 'post' || row.kind === 'dm') && target.channel
      ? [target.threadTs ? 'conversations.replies' : 'conversations.history']
      : [];
  switch (row.kind) {
    case 'post':
      return [...lookup, 'chat.postMessage'];
    case 'dm':
      return [...lookup, ...(target.channel ? [] : ['conversations.open']), 'chat.postMessage'];
    case 'update':
      return ['chat.update'];
    case 'ephemeral':
      return ['chat.postEphemeral'];
    case 'publish':
      return ['views.publish'];
  }
}
