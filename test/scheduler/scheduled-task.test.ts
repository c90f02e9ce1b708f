import { describe, expect, it } from 'vitest';
import { pollingTask, runTasks, type ScheduledTask } from '../../src/scheduler/scheduled-task.ts';
import { createLogger } from '../../src/system/logger.ts';

const now = new Date('2026-01-05T10:00:00Z');

describe('runTasks', () => {
  it('runs every task and returns the earliest next instant', async () => {
    const ran: string[] = [];
    const at =
      (iso: string | null): ScheduledTask['run'] =>
      async () => ({ nextDueAt: iso ? new Date(iso) : null });
    const tasks: ScheduledTask[] = [
      {
        name: 'a',
        run: async (n) => {
          ran.push('a');
          return at('2026-01-05T12:00:00Z')(n);
        },
      },
      {
        name: 'b',
        run: async (n) => {
          ran.push('b');
          return at(null)(n);
        },
      },
      pollingTask('c', 60_000, async () => ran.push('c')),
    ];
    const result = await runTasks(tasks, now, createLogger({ level: 'silent' }));
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(result.nextDueAt?.toISOString()).toBe('2026-01-05T10:01:00.000Z');
  });

  it('keeps going after a failing task, logs it, and looks again in a minute', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'error', write: (l) => lines.push(l) });
    const tasks: ScheduledTask[] = [
      {
        name: 'broken',
        run: async () => {
          throw new Error('boom');
        },
      },
      { name: 'fine', run: async () => ({ nextDueAt: new Date('2026-01-06T00:00:00Z') }) },
    ];
    const result = await runTasks(tasks, now, logger);
    expect(result.nextDueAt?.toISOString()).toBe('2026-01-05T10:01:00.000Z');
    expect(lines.join('\n')).toContain('broken failed');
  });

  it('returns null when no task has anything due', async () => {
    const result = await runTasks(
      [{ name: 'idle', run: async () => ({ nextDueAt: null }) }],
      now,
      createLogger({ level: 'silent' }),
    );
    expect(result.nextDueAt).toBeNull();
  });
});
