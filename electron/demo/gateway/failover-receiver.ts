import { randomBytes } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import type { MqttConnect } from '../tm/peer-links';

// How a gateway receives throttle decisions: connected to one traffic manager's broker at a time,
// subscribed to one topic; when that connection fails or drops, on to the next broker in the
// list (round robin), forever, with a short delay between attempts.

export interface FailoverReceiverOptions {
  urls: readonly string[];
  topic: string;
  connect: MqttConnect;
  connectTimeoutMs?: number;
  connectDelayMs?: number;
  clock: () => number;
}

export interface ReceiverSwitch {
  at: number;
  from: string | null;
  to: string;
  reason: string;
}

export interface ReceiverStatus {
  url: string;
  connected: boolean;
  switches: number;
}

export class FailoverReceiver {
  private client: MqttClient | undefined;
  private index = 0;
  private connected = false;
  private stopped = false;
  private switches = 0;
  private lastConnected: string | null = null;
  /** Why the receiver left the broker it was last connected to. */
  private leftBecause = 'first connection';
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly id = randomBytes(3).toString('hex');
  private readonly messageListeners = new Set<(payload: Buffer, url: string) => void>();
  private readonly switchListeners = new Set<(event: ReceiverSwitch) => void>();

  constructor(private readonly options: FailoverReceiverOptions) {
    if (options.urls.length === 0) throw new Error('A failover receiver needs at least one broker URL.');
  }

  start(): void {
    this.attempt();
  }

  status(): ReceiverStatus {
    return { url: this.url(), connected: this.connected, switches: this.switches };
  }

  onMessage(listener: (payload: Buffer, url: string) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onSwitch(listener: (event: ReceiverSwitch) => void): () => void {
    this.switchListeners.add(listener);
    return () => this.switchListeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    if (client) await new Promise<void>((resolve) => client.end(true, {}, () => resolve()));
  }

  private url(): string {
    return this.options.urls[this.index] ?? '';
  }

  private attempt(): void {
    if (this.stopped) return;
    const url = this.url();
    const client = this.options.connect(url, {
      clientId: `tmc-gateway-${this.id}-${this.index}`,
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: this.options.connectTimeoutMs ?? 2_000,
      keepalive: 5,
    });
    this.client = client;
    let failed = false;
    const fail = (reason: string): void => {
      if (failed || this.client !== client) return;
      failed = true;
      this.connected = false;
      client.end(true);
      this.next(reason);
    };
    client.on('connect', () => {
      client.subscribe(this.options.topic, { qos: 0 }, (error) => {
        if (error) {
          fail(`subscribe failed: ${error.message}`);
          return;
        }
        this.connected = true;
        if (this.lastConnected !== url) {
          const event = { at: this.options.clock(), from: this.lastConnected, to: url, reason: this.leftBecause };
          if (this.lastConnected !== null) this.switches += 1;
          this.lastConnected = url;
          for (const listener of this.switchListeners) listener(event);
        }
      });
    });
    client.on('message', (_topic, payload) => {
      for (const listener of this.messageListeners) listener(payload, url);
    });
    client.on('error', (error) => fail(error.message));
    client.on('close', () => fail(this.connected ? 'connection lost' : 'could not connect'));
  }

  private next(reason: string): void {
    if (this.stopped) return;
    if (this.url() === this.lastConnected) this.leftBecause = `${this.url()}: ${reason}`;
    this.index = (this.index + 1) % this.options.urls.length;
    this.retry = setTimeout(() => this.attempt(), this.options.connectDelayMs ?? 250);
  }
}
