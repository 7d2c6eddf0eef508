import { createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { Aedes } from 'aedes';

export interface EmbeddedBroker {
  readonly aedes: Aedes;
  readonly port: number;
  readonly url: string;
  readonly running: boolean;
  /** Drops every connection and stops listening, as a crashed broker would. */
  kill(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

interface PacketCounters {
  counter: number;
  mq: { emit(packet: { brokerCounter?: number }, callback?: (error?: Error) => void): unknown };
}

/**
 * aedes skips a message for a client when the message's counter is not above the last one that
 * client got (its guard against overlapping subscriptions), but it stamps the counter before
 * asynchronous steps that reorder messages: a QoS 0 message overtakes a QoS 1 one, a retained
 * one waits longer, and the overtaken message is silently dropped (moscajs/aedes#994). Stamping
 * the counter again as each message is emitted keeps counters rising in delivery order.
 * Persistent sessions (clean: false) could see a queued message's counter change; nothing in
 * this app uses them.
 */
function stampCountersInEmitOrder(aedes: Aedes): void {
  const broker = aedes as unknown as PacketCounters;
  const emit = broker.mq.emit.bind(broker.mq);
  broker.mq.emit = (packet, callback) => {
    broker.counter += 1;
    packet.brokerCounter = broker.counter;
    return emit(packet, callback);
  };
}

/** An in-process MQTT 3.1.1 broker (aedes) on a loopback port; port 0 picks a free one. */
export async function startEmbeddedBroker(options: { port?: number; host?: string } = {}): Promise<EmbeddedBroker> {
  const host = options.host ?? '127.0.0.1';
  const aedes = await Aedes.createBroker();
  stampCountersInEmitOrder(aedes);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = options.port ?? 0;

  async function listen(): Promise<void> {
    const next = createServer((socket) => {
      sockets.add(socket);
      // aedes writes one packet in several small writes: with Nagle's algorithm each later write
      // waits for the peer's delayed ACK (40 ms on Linux), so every round trip took 40 ms.
      socket.setNoDelay(true);
      socket.on('close', () => sockets.delete(socket));
      aedes.handle(socket);
    });
    next.listen(port, host);
    await once(next, 'listening');
    const address = next.address();
    if (address && typeof address === 'object') port = address.port;
    server = next;
  }

  async function kill(): Promise<void> {
    const current = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  }

  await listen();
  return {
    aedes,
    get port() {
      return port;
    },
    get url() {
      return `mqtt://${host}:${port}`;
    },
    get running() {
      return server !== undefined;
    },
    kill,
    restart: async () => {
      if (!server) await listen();
    },
    close: async () => {
      await kill();
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
    },
  };
}
