import { createServer, connect, type Server, type Socket } from 'node:net';
import { once } from 'node:events';

export interface TcpProxy {
  port: number;
  url: string;
  /** Silent cut: both sockets stay open, nothing is forwarded either way (a network partition). */
  cut(): void;
  /** Ends the cut: new connections are forwarded again; connections held during the cut close. */
  heal(): void;
  /** Every connection is reset (RST) at once, as a crashing middlebox would. */
  reset(): void;
  close(): Promise<void>;
}

/** A loopback TCP proxy in front of a broker, so a test can cut or reset the path to it. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let cutting = false;
  const pairs = new Set<[Socket, Socket]>();
  const held = new Set<Socket>();

  const server: Server = createServer((client) => {
    client.on('error', () => undefined);
    if (cutting) {
      // Accept and say nothing, like a host behind a partition that still completes handshakes.
      held.add(client);
      client.on('data', () => undefined);
      client.on('close', () => held.delete(client));
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.on('data', (chunk) => {
      if (!cutting) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!cutting) client.write(chunk);
    });
    const drop = (): void => {
      pairs.delete(pair);
      if (!cutting) {
        client.destroy();
        upstream.destroy();
      }
    };
    client.on('close', drop);
    upstream.on('close', drop);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const destroyAll = (reset: boolean): void => {
    for (const [a, b] of pairs) {
      for (const s of [a, b]) {
        if (reset) s.resetAndDestroy();
        else s.destroy();
      }
    }
    pairs.clear();
    for (const s of held) s.destroy();
    held.clear();
  };

  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    cut: () => {
      cutting = true;
    },
    heal: () => {
      cutting = false;
      destroyAll(false);
    },
    reset: () => destroyAll(true),
    close: async () => {
      destroyAll(false);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
