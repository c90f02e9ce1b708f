import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/system/logger.ts';
import { createSocketSupervisor, type SocketSupervisor } from '../../src/wiring/socket-supervisor.ts';
import { FakeClock } from '../fakes/fake-clock.ts';

/** A Socket Mode app whose fresh connections answer from a script: 'ok', 'hang' or an error code. */
function scriptedSocket(answers: string[]) {
  const listeners: Array<(state: string) => void> = [];
  const socket = {
    connected: true,
    reconnects: 0,
    isConnected: () => socket.connected,
    onSocketState: (listener: (state: string) => void) => listeners.push(listener),
    say: (state: string) => {
      for (const l of listeners) l(state);
    },
    reconnectSocket: async () => {
      const answer = answers[socket.reconnects++] ?? 'ok';
      if (answer === 'hang') return new Promise<void>(() => {});
      if (answer === 'ok') {
        socket.connected = true;
        return;
      }
      throw Object.assign(new Error(answer), {
        code: 'slack_webapi_platform_error',
        data: { error: answer },
      });
    },
  };
  return socket;
}

let running: SocketSupervisor | null = null;
afterEach(() => running?.stop());

function supervise(answers: string[], policy = {}) {
  const clock = new FakeClock('2026-12-05T10:00:00Z');
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: 'info', write: (l) => lines.push(JSON.parse(l)) });
  const socket = scriptedSocket(answers);
  running = createSocketSupervisor({
    slack: socket,
    clock,
    logger,
    policy: { quietMs: 60_000, checkEveryMs: 3_600_000, firstDelayMs: 5_000, maxDelayMs: 20_000, ...policy },
  });
  const msgs = (msg: string) => lines.filter((l) => l.msg === msg);
  return { clock, socket, supervisor: running, msgs };
}

describe('the Socket Mode supervisor', () => {
  it('leaves a connected socket alone', async () => {
    const { clock, socket, supervisor } = supervise([]);
    clock.advance(10 * 60_000);
    await supervisor.check();
    expect(socket.reconnects).toBe(0);
    expect(supervisor.problem()).toBeNull();
  });

  it('leaves a reconnecting client alone while it keeps saying what it does', async () => {
    const { clock, socket, supervisor } = supervise([]);
    socket.connected = false;
    for (let i = 0; i < 5; i++) {
      clock.advance(30_000);
      socket.say('reconnecting');
      await supervisor.check();
    }
    expect(socket.reconnects).toBe(0);
    expect(supervisor.problem()).toContain('the client is reconnecting');
  });

  it('connects afresh once the client has been quiet for quietMs while down', async () => {
    const { clock, socket, supervisor, msgs } = supervise(['ok']);
    socket.connected = false;
    socket.say('reconnecting');
    await supervisor.check();
    clock.advance(59_999);
    await supervisor.check();
    expect(socket.reconnects).toBe(0);
    clock.advance(1);
    await supervisor.check();
    expect(socket.reconnects).toBe(1);
    expect(supervisor.reconnects()).toBe(1);
    expect(supervisor.problem()).toBeNull();
    expect(msgs('Socket Mode connected again')).toHaveLength(1);
    expect(msgs('Socket Mode connected again')[0]!.downForMs).toBe(60_000);
  });

  it('tries again further and further apart, up to maxDelayMs, saying each distinct error once', async () => {
    const answers = ['invalid_auth', 'invalid_auth', 'http_503', 'invalid_auth', 'invalid_auth', 'ok'];
    const { clock, socket, supervisor, msgs } = supervise(answers);
    socket.connected = false;
    clock.advance(60_000);
    const attemptsAt: number[] = [];
    for (let s = 0; s <= 120 && !socket.connected; s++) {
      const before = socket.reconnects;
      await supervisor.check();
      if (socket.reconnects > before) attemptsAt.push(s);
      clock.advance(1_000);
    }
    // Delays after each failure: 5, 10, 20, 20, 20 s (capped).
    expect(attemptsAt).toEqual([0, 5, 15, 35, 55, 75]);
    expect(supervisor.problem()).toBeNull();
    const said = msgs('Socket Mode did not connect afresh; trying again').map((l) => l.error);
    expect(said).toEqual(['invalid_auth', 'http_503', 'invalid_auth']);
  });

  it('says on /healthz why it is down and when it tries next', async () => {
    const { clock, socket, supervisor } = supervise(['invalid_auth']);
    socket.connected = false;
    clock.advance(60_000);
    await supervisor.check();
    expect(supervisor.problem()).toBe(
      'Socket Mode down since 2026-12-05T10:01:00.000Z; the last fresh connection failed (invalid_auth); next attempt in 5 s',
    );
  });

  it('counts a fresh connection that never answers as failed after attemptBudgetMs', async () => {
    const { clock, socket, supervisor } = supervise(['hang'], { attemptBudgetMs: 20 });
    socket.connected = false;
    clock.advance(60_000);
    await supervisor.check();
    expect(supervisor.problem()).toContain('no answer from Slack within 0 s');
  });
});
