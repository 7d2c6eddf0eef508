import { connectAsync, type MqttClient } from 'mqtt';

// Helpers for the demo cluster's integration tests: a real MQTT client that records what it
// receives and lets a test await a message, never sleep.

export interface Received {
  topic: string;
  text: string;
  json: unknown;
}

export class TopicWatch {
  private readonly received: Received[] = [];
  private readonly taken = new Set<Received>();
  private readonly waiters = new Set<() => void>();

  private constructor(readonly client: MqttClient) {
    client.on('message', (topic, payload) => {
      const text = payload.toString();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      this.received.push({ topic, text, json });
      for (const waiter of this.waiters) waiter();
    });
  }

  static async open(url: string, topics: string[]): Promise<TopicWatch> {
    const client = await connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5_000 });
    const watch = new TopicWatch(client);
    if (topics.length > 0) await client.subscribeAsync(topics, { qos: 1 });
    return watch;
  }

  /** Every message received so far on `topic`, parsed. */
  all(topic: string): unknown[] {
    return this.received.filter((m) => m.topic === topic).map((m) => m.json);
  }

  /** The first message not yet taken that satisfies `predicate`, waiting for it when needed. */
  next(predicate: (message: Received) => boolean, timeoutMs = 10_000): Promise<Received> {
    return new Promise((resolve, reject) => {
      const look = (): boolean => {
        const found = this.received.find((m) => !this.taken.has(m) && predicate(m));
        if (!found) return false;
        this.taken.add(found);
        finish();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          new Error(`no matching message within ${timeoutMs} ms; got ${this.received.map((m) => m.topic).join(', ')}`),
        );
      }, timeoutMs);
      const waiter = (): void => void look();
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      look();
    });
  }

  /** Waits until `count` messages on `topic` have arrived; returns them all. */
  async count(topic: string, count: number, timeoutMs = 10_000): Promise<unknown[]> {
    if (this.all(topic).length < count) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`${this.all(topic).length} of ${count} messages on ${topic} within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (): void => {
          if (this.all(topic).length < count) return;
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        };
        this.waiters.add(waiter);
      });
    }
    return this.all(topic);
  }

  async publish(topic: string, message: unknown): Promise<void> {
    await this.client.publishAsync(topic, typeof message === 'string' ? message : JSON.stringify(message), { qos: 1 });
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

export function payloadData(message: Received): Record<string, unknown> {
  return ((message.json as { event?: { payloadData?: Record<string, unknown> } } | undefined)?.event?.payloadData ??
    {}) as Record<string, unknown>;
}
