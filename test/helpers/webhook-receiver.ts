/**
 * A webhook receiver on loopback for tests: records every POSTed JSON body and when it
 * came, answers with the next of `answers` (a status and headers) or else `status`
 * (changeable), or not at all while `hang` is set. GET /received returns the bodies, so
 * a test in another process (the browser tests) can read them. Any path is accepted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookAnswer {
  status: number;
  headers?: Record<string, string>;
}

export interface WebhookReceiver {
  url: string;
  bodies: unknown[];
  /** performance.now() when each body arrived. */
  receivedAt: number[];
  /** Answers for the next requests, used up in turn; `status` after them. */
  answers: WebhookAnswer[];
  /** Answer later requests with this status (200 by default). */
  status: number;
  /** While true, requests are read but never answered. */
  hang: boolean;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver = {
    bodies: [] as unknown[],
    receivedAt: [] as number[],
    answers: [] as WebhookAnswer[],
    status: 200,
    hang: false,
  } as WebhookReceiver;
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/received') {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(receiver.bodies));
      return;
    }
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      receiver.receivedAt.push(performance.now());
      try {
        receiver.bodies.push(JSON.parse(data));
      } catch {
        receiver.bodies.push({ unparsable: data });
      }
      if (receiver.hang) {
        open.add(res);
        return;
      }
      const answer = receiver.answers.shift() ?? { status: receiver.status };
      res.writeHead(answer.status, answer.headers);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = async () => {
    for (const res of open) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return receiver;
}
