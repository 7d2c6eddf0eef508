// The drain's setup: persistent sessions that queue `throttleData` while their subscribers are
// away, then the decisions published into them, each to every broker.
import { connectAsync, type MqttClient } from 'mqtt';
import { payloadText } from './ingest-workload';

const TOPIC = 'throttleData';
// Unacknowledged publishes per broker: enough to keep each broker busy, few enough to bound
// the publisher's memory.
const WINDOW = 2_000;
const DEADLINE_MS = 30_000;

function withDeadline<T>(work: Promise<T>, what: string, ms = DEADLINE_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Creates a persistent session (clean session off, QoS 1 on `throttleData`) and leaves it. */
export async function createSession(url: string, clientId: string): Promise<void> {
  const client = await withDeadline(
    connectAsync(url, { clientId, clean: false, protocolVersion: 4, reconnectPeriod: 0 }),
    `connect ${clientId} to ${url}`,
  );
  await withDeadline(client.subscribeAsync(TOPIC, { qos: 1 }), `subscribe ${clientId}`);
  await client.endAsync();
}

/**
 * Publishes messages [0, messages) of the workload, QoS 1, each to every broker in turn, and
 * resolves when every broker has acknowledged every one. `progress` gets the count sent so far.
 */
export async function publishDecisions(
  urls: readonly string[],
  messages: { count: number; names: readonly string[]; baseTime: number },
  progress: (sent: number) => void,
): Promise<void> {
  const clients: MqttClient[] = await Promise.all(
    urls.map((url, i) =>
      withDeadline(
        connectAsync(url, { clientId: `bench-publisher-${i}`, protocolVersion: 4, reconnectPeriod: 0 }),
        `connect the publisher to ${url}`,
      ),
    ),
  );
  const unacked = clients.map(() => 0);
  let next = 0;
  let acked = 0;
  const total = messages.count * clients.length;
  try {
    await withDeadline(
      new Promise<void>((resolve, reject) => {
        let stalled: ReturnType<typeof setTimeout> | undefined;
        const watch = (): void => {
          clearTimeout(stalled);
          stalled = setTimeout(() => reject(new Error(`publishing stalled at ${acked} of ${total} acks`)), 10_000);
        };
        const pump = (): void => {
          // One message goes to every broker at once, so every broker's queue holds the same order.
          while (next < messages.count && unacked.every((n) => n < WINDOW)) {
            const payload = payloadText(next, messages.names, messages.baseTime);
            clients.forEach((client, i) => {
              unacked[i] = (unacked[i] ?? 0) + 1;
              client.publish(TOPIC, payload, { qos: 1 }, (error) => {
                if (error) {
                  clearTimeout(stalled);
                  reject(error);
                  return;
                }
                unacked[i] = (unacked[i] ?? 0) - 1;
                acked += 1;
                if (acked === total) {
                  clearTimeout(stalled);
                  resolve();
                } else if (acked % WINDOW === 0) {
                  // Refilled a window's worth of acknowledgements at a time, not at every one.
                  watch();
                  pump();
                }
              });
            });
            next += 1;
            if (next % 100_000 === 0) progress(next);
          }
        };
        watch();
        pump();
      }),
      'publishing',
      600_000,
    );
  } finally {
    await Promise.all(clients.map((c) => c.endAsync(true)));
  }
}
