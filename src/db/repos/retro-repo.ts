import type { RetroPrompt } from '../../domain/retro.ts';
import type { RetroItemRecord, RetroPromptRecord, RetroRepo } from '../../ports/feedback-store.ts';
import type { Db } from '../open.ts';

interface PromptRow {
  release: string;
  prompt: RetroPrompt;
  channel: string;
  outbox_key: string;
  posted_at: string;
  channel_id: string | null;
  ts: string | null;
}

const toPrompt = (r: PromptRow): RetroPromptRecord => ({
  release: r.release,
  prompt: r.prompt,
  channel: r.channel,
  outboxKey: r.outbox_key,
  postedAt: r.posted_at,
  channelId: r.channel_id,
  ts: r.ts,
});

function statements(db: Db) {
  return {
    addPrompt: db.prepare(`INSERT INTO retro_prompts (release, prompt, channel, outbox_key, posted_at)
      VALUES (@release, @prompt, @channel, @outboxKey, @postedAt) ON CONFLICT DO NOTHING`),
    prompts: db.prepare<[string], PromptRow>(`SELECT * FROM retro_prompts WHERE release = ?
      ORDER BY CASE prompt WHEN 'went-well' THEN 0 WHEN 'did-not-go-well' THEN 1 ELSE 2 END`),
    unplaced: db.prepare<[], PromptRow>('SELECT * FROM retro_prompts WHERE ts IS NULL ORDER BY posted_at'),
    place: db.prepare('UPDATE retro_prompts SET channel_id = ?, ts = ? WHERE release = ? AND prompt = ?'),
    promptAt: db.prepare<[string, string], PromptRow>(
      'SELECT * FROM retro_prompts WHERE channel_id = ? AND ts = ?',
    ),
    saveItem: db.prepare(`INSERT INTO retro_items (channel_id, ts, release, prompt, author, text, at)
      VALUES (@channelId, @ts, @release, @prompt, @author, @text, @at)
      ON CONFLICT (channel_id, ts) DO UPDATE SET text = excluded.text`),
    deleteItem: db.prepare('DELETE FROM retro_items WHERE channel_id = ? AND ts = ?'),
    isItem: db.prepare<[string, string], { author: string }>(
      'SELECT author FROM retro_items WHERE channel_id = ? AND ts = ?',
    ),
    addReaction: db.prepare('INSERT INTO retro_reactions VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
    removeReaction: db.prepare(
      'DELETE FROM retro_reactions WHERE channel_id = ? AND ts = ? AND user_id = ? AND reaction = ?',
    ),
    items: db.prepare<[string], { prompt: RetroPrompt; text: string; votes: number; at: string }>(`
      SELECT i.prompt, i.text, i.at, (SELECT COUNT(DISTINCT r.user_id) FROM retro_reactions r
        WHERE r.channel_id = i.channel_id AND r.ts = i.ts AND r.user_id <> i.author) AS votes
      FROM retro_items i WHERE i.release = ? ORDER BY i.at, i.ts`),
  };
}

/** The retrospective: prompts, replies as items, reactions as votes. */
export function createRetroRepo(db: Db): RetroRepo {
  const q = statements(db);
  return {
    addPrompt: (prompt) => {
      q.addPrompt.run(prompt);
    },
    prompts: (release) => q.prompts.all(release).map(toPrompt),
    unplaced: () => q.unplaced.all().map(toPrompt),
    place: (release, prompt, channelId, ts) => {
      q.place.run(channelId, ts, release, prompt);
    },
    promptAt: (channelId, ts) => {
      const row = q.promptAt.get(channelId, ts);
      return row ? toPrompt(row) : null;
    },
    saveItem: (item: RetroItemRecord) => {
      q.saveItem.run(item);
    },
    deleteItem: (channelId, ts) => {
      q.deleteItem.run(channelId, ts);
    },
    react: (channelId, ts, user, reaction, added) => {
      if (!q.isItem.get(channelId, ts)) return false;
      (added ? q.addReaction : q.removeReaction).run(channelId, ts, user, reaction);
      return true;
    },
    items: (release) => q.items.all(release),
  };
}
