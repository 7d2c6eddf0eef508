import type { IClientOptions, MqttClient } from 'mqtt';
import type { LinkSnapshot, LinkState } from '../host/contract';
import { backoffDelay } from './backoff';
import { describeConnectionError, describeSubscribeError, type ErrorKind } from './connection-error';
import type { LinkConfig, LinkHooks } from './link-config';
import { RateMeter } from './rate-meter';

/** Builds an mqtt.js client. Injected so tests and the CLI choose how clients are made. */
export type Connector = (url: string, options: IClientOptions) => MqttClient;

export interface LinkDeps {
  connector: Connector;
  clock: () => number;
  random: () => number;
}

const RTT_HISTORY = 40;
// A connection attempt that neither connects nor fails this long after mqtt.js's own connect
// timeout is stuck: the watchdog recycles the client.
const WATCHDOG_GRACE_MS = 1_000;

/**
 * One broker, one mqtt.js client at a time. The link owns reconnection (mqtt.js's own is off):
 * a fresh client per attempt after an exponential, jittered, capped backoff, so an attempt can
 * never replay another broker's unacknowledged messages. An application probe through the broker
 * measures round-trip time and declares a silent link dead after `missesToDead` intervals.
 */
export class BrokerLink {
  private client: MqttClient | undefined;
  private state: LinkState = 'connecting';
  private since: number;
  private lastError: string | null = null;
  private errorKind: ErrorKind | undefined;
  private connected = false;
  private everConnected = false;
  private failedAttempts = 0;
  private reconnects = 0;
  /** Last probe echo or message from the broker: any of them proves the path is alive. */
  private lastHeardAt = 0;
  private lastProbeTickAt = 0;
  private probeSeq = 0;
  private rttMs: number | null = null;
  private readonly rttHistory: number[] = [];
  private readonly meter = new RateMeter();
  private lastMessageAt: number | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private probeTimer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;

  constructor(
    private readonly config: LinkConfig,
    private readonly deps: LinkDeps,
    private readonly hooks: LinkHooks,
  ) {
    this.since = deps.clock();
  }

  get brokerId(): string {
    return this.config.brokerId;
  }

  /** Connected and subscribed: what the link receives from now on reaches the console. */
  get isConnected(): boolean {
    return this.connected && this.state === 'connected';
  }

  /** This console's client id on the broker: replies addressed to it come back on this link. */
  get clientId(): string {
    return this.config.clientId;
  }

  start(): void {
    if (!this.client && !this.stopped) this.attempt();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.detach();
    if (client) await client.endAsync(true);
  }

  /** Publishes on this broker; false when it is not connected. Waits are the caller's to bound. */
  publish(topic: string, payload: string | Buffer, qos: 0 | 1): Promise<void> | undefined {
    if (!this.connected || !this.client) return undefined;
    return this.client.publishAsync(topic, payload, { qos }).then(() => undefined);
  }

  snapshot(): LinkSnapshot {
    const now = this.deps.clock();
    const rate = this.meter.rate(now);
    return {
      brokerId: this.config.brokerId,
      label: this.config.label,
      url: this.config.url,
      state: this.state,
      since: this.since,
      lastError: this.lastError,
      reconnects: this.reconnects,
      failedAttempts: this.failedAttempts,
      rttMs: this.rttMs,
      rttHistory: [...this.rttHistory],
      messagesPerSec: rate.perSec,
      bytesPerSec: rate.bytesPerSec,
      lastMessageAt: this.lastMessageAt,
    };
  }

  private attempt(): void {
    this.errorKind = undefined;
    const { config } = this;
    let client: MqttClient;
    try {
      client = this.deps.connector(config.url, {
        ...config.mqtt,
        clientId: config.clientId,
        clean: true,
        reconnectPeriod: 0,
        connectTimeout: config.connectTimeoutMs,
        resubscribe: false,
        queueQoSZero: false,
      });
    } catch (error) {
      // mqtt.js builds the TLS context synchronously: a wrong key passphrase or a file that is
      // not PEM throws here, before any socket exists. A failed attempt like any other.
      const described = describeConnectionError(error);
      this.errorKind = described.kind;
      this.lastError = described.sentence;
      this.attemptFailed();
      return;
    }
    this.client = client;
    this.watchdog = setTimeout(() => {
      if (this.client !== client || this.connected) return;
      this.lastError = `no answer from the broker within ${config.connectTimeoutMs + WATCHDOG_GRACE_MS} ms`;
      this.attemptFailed();
    }, config.connectTimeoutMs + WATCHDOG_GRACE_MS);

    client.on('connect', () => {
      if (this.client === client) this.onConnect(client);
    });
    client.on('message', (topic, payload) => {
      if (this.client === client) this.onMessage(topic, payload);
    });
    client.on('error', (error) => {
      if (this.client !== client) return;
      const described = describeConnectionError(error);
      this.errorKind = described.kind;
      this.lastError = described.sentence;
    });
    client.on('close', () => {
      if (this.client !== client) return;
      // Closed before the subscriptions were acknowledged, the link was never usable: that is a
      // failed attempt (backoff grows, `cyclecount` counts it), not a lost connection.
      if (this.state === 'connected') this.connectionLost('died', 'connection lost');
      else this.attemptFailed();
    });
  }

  private onConnect(client: MqttClient): void {
    clearTimeout(this.watchdog);
    const now = this.deps.clock();
    this.connected = true;
    this.lastError = null;
    this.lastHeardAt = now;
    this.lastProbeTickAt = now;
    this.probeTimer = setInterval(() => this.probeTick(client), this.config.probe.intervalMs);
    // Usable (and so `connected`) once the broker has acknowledged the subscriptions: a message
    // published before that would not reach this link.
    const topics = [this.config.probeTopic, ...this.config.subscriptions];
    client.subscribe(topics, { qos: 0 }, (error) => {
      if (this.client !== client) return;
      if (error) this.lastError = describeSubscribeError(error, topics);
      this.failedAttempts = 0;
      if (this.everConnected) this.reconnects += 1;
      this.everConnected = true;
      const at = this.deps.clock();
      this.enter('connected', at);
      this.sendProbe(client, at);
      this.hooks.onUp(at);
    });
  }

  private onMessage(topic: string, payload: Buffer): void {
    const now = this.deps.clock();
    if (topic === this.config.probeTopic) {
      const sentAt = Number(payload.toString().split(':')[1]);
      if (Number.isFinite(sentAt)) {
        const first = this.rttMs === null;
        this.lastHeardAt = now;
        this.rttMs = now - sentAt;
        this.rttHistory.push(this.rttMs);
        if (this.rttHistory.length > RTT_HISTORY) this.rttHistory.shift();
        // The first round trip after a connect is news; later ones ride on the metrics rounds.
        if (first) this.hooks.onChange();
      }
      return;
    }
    this.meter.mark(payload.length, now);
    this.lastMessageAt = now;
    // Under a large backlog a broker answers probes late; the messages themselves prove it alive.
    this.lastHeardAt = now;
    this.hooks.onMessage(topic, payload, now);
  }

  private probeTick(client: MqttClient): void {
    const now = this.deps.clock();
    const { intervalMs, missesToDead } = this.config.probe;
    // A tick that comes late means this process was stalled, not the broker: echoes may be
    // waiting unread in the socket. Give them one interval before judging the silence.
    const stalled = now - this.lastProbeTickAt > intervalMs * 1.5;
    this.lastProbeTickAt = now;
    const silence = now - this.lastHeardAt;
    if (!stalled && silence > missesToDead * intervalMs) {
      if (this.state !== 'connected') {
        this.lastError = `the broker accepted the connection but did not acknowledge the subscriptions within ${silence} ms`;
        this.attemptFailed();
      } else {
        this.connectionLost('partition', `no answer to probes for ${silence} ms: broker frozen or network cut`);
      }
      return;
    }
    this.sendProbe(client, now);
  }

  private sendProbe(client: MqttClient, now: number): void {
    this.probeSeq += 1;
    client.publish(this.config.probeTopic, `${this.probeSeq}:${now}`, { qos: 0 });
  }

  private connectionLost(cause: 'died' | 'partition', fallbackError: string): void {
    const now = this.deps.clock();
    const silence = Math.max(0, now - this.lastHeardAt);
    if (cause === 'partition' || this.lastError === null) this.lastError = fallbackError;
    this.connected = false;
    this.rttMs = null;
    this.recycle();
    this.enter(cause === 'partition' ? 'down' : 'reconnecting', now);
    this.hooks.onDown(now, cause, silence);
    this.scheduleRetry();
  }

  private attemptFailed(): void {
    const now = this.deps.clock();
    this.failedAttempts += 1;
    this.lastError ??= 'the broker closed the connection';
    this.recycle();
    const state: LinkState =
      this.errorKind === 'auth' ? 'auth-failed' : this.errorKind === 'tls' ? 'tls-failed' : 'down';
    this.enter(state, now);
    this.hooks.onAttemptFailed(now);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    const { backoff, connectDelayMs } = this.config;
    // Wrong credentials or a bad certificate do not fix themselves: retry at the slowest rate.
    const delay =
      this.state === 'auth-failed' || this.state === 'tls-failed'
        ? backoff.maxMs
        : backoffDelay(Math.max(0, this.failedAttempts - 1), backoff, connectDelayMs, this.deps.random);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (!this.stopped) this.attempt();
    }, delay);
  }

  /** Drops the current client without waiting on it: a dead socket may never finish closing. */
  private recycle(): void {
    const client = this.detach();
    client?.end(true);
  }

  private detach(): MqttClient | undefined {
    clearTimeout(this.watchdog);
    clearInterval(this.probeTimer);
    const client = this.client;
    this.client = undefined;
    this.connected = false;
    if (client) {
      client.removeAllListeners();
      // mqtt.js may still emit an error while it tears down; without a listener that would throw.
      client.on('error', () => undefined);
    }
    return client;
  }

  private enter(state: LinkState, now: number): void {
    if (state !== this.state) {
      this.state = state;
      this.since = now;
    }
    this.hooks.onChange();
  }
}
