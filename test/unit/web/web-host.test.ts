import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CallHandlers } from '../../../electron/core/host/contract';
import { clusterSnapshot, fixedHandlers, linkSnapshot } from '../../support/fixtures';
import { createDispatcher } from '../../../electron/core/host/dispatcher';
import { createEventHub, type EventHub } from '../../../electron/core/host/event-hub';
import type { WebServerMessage } from '../../../electron/core/host/web-protocol';
import { startWebHost, type WebHost } from '../../../electron/web/web-host';

const handlers: CallHandlers = fixedHandlers(clusterSnapshot({ profileName: 'web' }));

interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket; resolves with the socket once open or the HTTP status it was refused with. */
function openSocket(url: string, origin: string | undefined): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

function nextMessage(ws: WebSocket): Promise<WebServerMessage> {
  return new Promise((resolve) =>
    ws.once('message', (data) => resolve(JSON.parse(data.toString()) as WebServerMessage)),
  );
}

describe('web host', () => {
  let host: WebHost;
  let hub: EventHub;
  let rendererDir: string;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tmc-web-'));
    rendererDir = join(dir, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>tmc</title>');
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'do not serve');
    hub = createEventHub({ flushIntervalMs: 5 });
    host = await startWebHost({ rendererDir, core: { dispatch: createDispatcher(handlers), events: hub } });
  });

  afterEach(async () => {
    sockets.forEach((s) => s.close());
    sockets.length = 0;
    await host.close();
    hub.close();
  });

  const wsUrl = (token: string | null): string =>
    `ws://127.0.0.1:${host.port}/ws${token === null ? '' : `?token=${token}`}`;
  const origin = (): string => `http://127.0.0.1:${host.port}`;

  async function connected(): Promise<WebSocket> {
    const ws = await openSocket(wsUrl(host.token), origin());
    if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
    sockets.push(ws);
    return ws;
  }

  it('listens on 127.0.0.1 only and prints the token in its URL', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the built renderer with a strict CSP', async () => {
    const page = await get(host.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>tmc</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get(host.port, '/assets/app.js')).headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      const answer = await get(host.port, path);
      expect(answer.status, path).not.toBe(200);
      expect(answer.body).not.toContain('do not serve');
    }
    expect((await get(host.port, '/missing.js')).status).toBe(404);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get(host.port, '/', { host: 'evil.example' })).status).toBe(421);
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another origin', async () => {
    expect(await openSocket(wsUrl(null), origin())).toBe(401);
    expect(await openSocket(wsUrl('x'.repeat(host.token.length)), origin())).toBe(401);
    expect(await openSocket(wsUrl(host.token), 'http://evil.example')).toBe(403);
    expect(await openSocket(wsUrl(host.token), undefined)).toBe(403);
  });

  it('answers contract calls over the socket', async () => {
    const ws = await connected();
    ws.send(JSON.stringify({ t: 'call', id: 7, name: 'cluster.snapshot', payload: {} }));
    expect(await nextMessage(ws)).toEqual({
      t: 'result',
      id: 7,
      result: { ok: true, value: clusterSnapshot({ profileName: 'web' }) },
    });
  });

  it('returns error results for an unknown call, a malformed payload and a non-call message', async () => {
    const ws = await connected();
    ws.send(JSON.stringify({ t: 'call', id: 1, name: 'nope', payload: {} }));
    expect(await nextMessage(ws)).toMatchObject({
      t: 'result',
      id: 1,
      result: { ok: false, error: { code: 'unknown-call' } },
    });
    ws.send(JSON.stringify({ t: 'call', id: 2, name: 'app.info', payload: [1] }));
    expect(await nextMessage(ws)).toMatchObject({
      t: 'result',
      id: 2,
      result: { ok: false, error: { code: 'invalid-request' } },
    });
    ws.send('{not json');
    expect(await nextMessage(ws)).toMatchObject({ t: 'error' });
  });

  it('closes a socket that sends an oversized message (1009) without an uncaught error', async () => {
    // In the real host an uncaught error ends the process: every page loses the console.
    const uncaught: unknown[] = [];
    const record = (error: unknown): void => void uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      const big = await connected();
      const closed = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
      big.send('x'.repeat(2 * 1024 * 1024));
      expect(await closed).toBe(1009);
      const ws = await connected();
      ws.send(JSON.stringify({ t: 'call', id: 3, name: 'app.info', payload: {} }));
      expect(await nextMessage(ws)).toMatchObject({ t: 'result', id: 3, result: { ok: true } });
    } finally {
      process.off('uncaughtException', record);
    }
    expect(uncaught).toEqual([]);
  });

  it('pushes event batches to connected pages', async () => {
    const ws = await connected();
    const message = nextMessage(ws);
    hub.publish({
      name: 'cluster.link',
      payload: linkSnapshot({ state: 'down', lastError: 'x', reconnects: 2 }),
    });
    expect(await message).toMatchObject({
      t: 'events',
      batch: { seq: 1, dropped: 0, events: [{ name: 'cluster.link' }] },
    });
  });
});
