import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { callFailed, type CallResult } from '../core/host/call-result';
import type { CallName } from '../core/host/contract-names';
import type { EventBatch } from '../core/host/contract';
import type { Dispatch } from '../core/host/dispatcher';
import type { EventHub } from '../core/host/event-hub';
import { registerContract, type ContractTransport } from '../core/host/transport';
import {
  WEB_SOCKET_PATH,
  WEB_TOKEN_PARAM,
  type WebCallMessage,
  type WebServerMessage,
} from '../core/host/web-protocol';
import { readStaticFile } from './static-files';

export interface WebHostOptions {
  rendererDir: string;
  core: { dispatch: Dispatch; events: EventHub };
  /** 0 (the default) takes any free port. */
  port?: number;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  /** Event batches not sent to a client whose socket was backed up. */
  droppedBatches(): number;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_MESSAGE_BYTES = 1024 * 1024;
// A client that has not read this much of what we sent is too slow: skip its event batches.
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function sameSecret(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseCall(data: string): WebCallMessage | undefined {
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (m.t !== 'call' || typeof m.id !== 'number' || typeof m.name !== 'string') return undefined;
  return { t: 'call', id: m.id, name: m.name, payload: m.payload };
}

/**
 * Serves the built renderer and the contract on 127.0.0.1 only. The WebSocket requires the
 * per-start token and an Origin of this very host; the Host header is checked against DNS
 * rebinding.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  const handlers = new Map<CallName, (payload: unknown) => Promise<CallResult<unknown>>>();
  // Per client: events skipped while its socket was backed up, told in its next batch so the
  // page knows to reload what it mirrors.
  const clients = new Map<WebSocket, { skipped: number }>();
  let dropped = 0;
  let port = options.port ?? 0;

  const allowedHosts = (): string[] => [`${HOST}:${port}`, `localhost:${port}`];
  const allowedOrigins = (): string[] => allowedHosts().map((h) => `http://${h}`);

  const send = (socket: WebSocket, message: WebServerMessage): void => {
    socket.send(JSON.stringify(message));
  };

  const transport: ContractTransport = {
    handle: (name, handler) => handlers.set(name, handler),
    sendEvents(batch: EventBatch) {
      for (const [socket, client] of clients) {
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          dropped += 1;
          client.skipped += batch.events.length + batch.dropped;
        } else {
          send(socket, { t: 'events', batch: { ...batch, dropped: batch.dropped + client.skipped } });
          client.skipped = 0;
        }
      }
    },
  };
  registerContract(transport, options.core.dispatch);
  const unsubscribe = options.core.events.subscribe((batch) => transport.sendEvents(batch));

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts().includes(request.headers.host ?? '')) {
      response.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request: wrong Host header.\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(request.url ?? '/', `http://${HOST}`).pathname;
    const file = await readStaticFile(options.rendererDir, path);
    if (!file.ok) {
      response
        .writeHead(file.status, { 'content-type': 'text/plain' })
        .end(file.status === 404 ? 'Not found.\n' : 'Forbidden.\n');
      return;
    }
    response.writeHead(200, {
      'content-type': file.contentType,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on('connection', (socket: WebSocket) => {
    clients.set(socket, { skipped: 0 });
    socket.on('close', () => clients.delete(socket));
    // A bad frame (oversized message, invalid UTF-8) makes ws close that socket itself (1009,
    // 1007…) and emit an error: without a listener the error would end the whole host.
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => {
      const call = isBinary ? undefined : parseCall(data.toString());
      if (!call) {
        send(socket, {
          t: 'error',
          message: 'Not a call message: expected {"t":"call","id":number,"name":string,"payload":…}.',
        });
        return;
      }
      const handler = handlers.get(call.name as CallName);
      const pending = handler
        ? handler(call.payload)
        : Promise.resolve(callFailed('unknown-call', `There is no call named "${call.name}".`));
      void pending.then((result) => send(socket, { t: 'result', id: call.id, result }));
    });
  });

  function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  const server = createServer((request, response) => {
    serveHttp(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', `http://${HOST}`);
    if (url.pathname !== WEB_SOCKET_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (!allowedHosts().includes(request.headers.host ?? '')) return refuseUpgrade(socket, 421, 'Misdirected Request');
    if (!allowedOrigins().includes(request.headers.origin ?? '')) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!sameSecret(url.searchParams.get(WEB_TOKEN_PARAM), token)) return refuseUpgrade(socket, 401, 'Unauthorized');
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  server.listen(port, HOST);
  await once(server, 'listening');
  const address = server.address();
  if (address && typeof address === 'object') port = address.port;

  return {
    url: `http://${HOST}:${port}/?${WEB_TOKEN_PARAM}=${token}`,
    port,
    token,
    droppedBatches: () => dropped,
    async close() {
      unsubscribe();
      for (const socket of clients.keys()) socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
