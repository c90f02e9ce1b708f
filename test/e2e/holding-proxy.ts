/**
 * A loopback HTTP proxy between a bot and the Web API emulator that can hold one call: either
 * before forwarding it (Slack never sees it) or after Slack answered (Slack has it, the bot never
 * hears back). Holding a call and then killing the bot cuts it exactly there.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Which call to hold, and where. */
export interface HoldRule {
  method: string;
  /** Only calls whose decoded body matches. */
  match: (body: string) => boolean;
  /** `before`: never forwarded; `after`: forwarded, the answer withheld. */
  when: 'before' | 'after';
}

export interface HoldingProxy {
  /** `http://127.0.0.1:PORT/api/`, for SLACK_API_URL. */
  url: string;
  /** Holds the next call matching `rule` (one call). */
  holdNext(rule: HoldRule): void;
  /** Calls held so far (method names). */
  held(): string[];
  close(): Promise<void>;
}

export async function startHoldingProxy(targetApiUrl: string): Promise<HoldingProxy> {
  let rule: HoldRule | null = null;
  const held: string[] = [];
  const heldResponses = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    void forward(req, res);
  });

  async function forward(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    const method = /\/api\/([A-Za-z0-9._]+)/.exec(req.url ?? '')?.[1] ?? '';
    const hold = rule && rule.method === method && rule.match(decode(body)) ? rule : null;
    if (hold) {
      rule = null;
      held.push(method);
      heldResponses.add(res);
      if (hold.when === 'before') return;
    }
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'authorization']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    try {
      const answer = await fetch(new URL(method, targetApiUrl), { method: 'POST', headers, body });
      const text = await answer.text();
      if (hold) return; // Slack has it; the bot never hears back
      const out: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? '' };
      const retryAfter = answer.headers.get('retry-after');
      if (retryAfter) out['retry-after'] = retryAfter;
      res.writeHead(answer.status, out).end(text);
    } catch {
      if (!res.headersSent) res.writeHead(502).end();
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    holdNext: (next) => {
      rule = next;
    },
    held: () => [...held],
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of heldResponses) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A form body's values decoded (the WebClient sends forms), so rules can match on plain text. */
function decode(body: string): string {
  try {
    return [...new URLSearchParams(body).entries()].map(([k, v]) => `${k}=${v}`).join('&');
  } catch {
    return body;
  }
}
