import { randomBytes } from 'node:crypto';
import type { IClientOptions, MqttClient } from 'mqtt';
import { TOPICS } from '../../core/policy/control-message';
import type { DeploymentSnapshot } from '../engine/deployment';
import { decodeSyncMessage, fromWire, syncReplyTopic } from './sync-message';

// A traffic manager's links to its peers: one MQTT client per peer broker. Changes are forwarded
// only while a link is up; every time a link (re)connects the TM offers its whole deployment, so
// a peer that missed a change while apart catches up (the higher revision wins on its side).

export type MqttConnect = (url: string, options: IClientOptions) => MqttClient;

export interface PeerAddress {
  tmId: string;
  url: string;
}

export interface PeerLinkDeps {
  self: string;
  connect: MqttConnect;
  /** The deployment offered to a peer on each (re)connect, as a sync message. */
  offer(): string;
  onStatusChange(): void;
}

const PEER_CLIENT_OPTIONS = {
  reconnectPeriod: 500,
  connectTimeout: 2_000,
  keepalive: 5,
  protocolVersion: 4,
  clean: true,
  // Nothing queues while a peer is away: the offer on reconnect replaces missed changes.
  queueQoSZero: false,
} as const satisfies IClientOptions;

/** Runs `wait` until it calls back or `ms` pass; never leaves a timer behind. */
function withDeadline<T>(ms: number, wait: (done: (value: T) => void) => () => void, timedOut: T): Promise<T> {
  return new Promise((resolve) => {
    let cancel = (): void => undefined;
    const timer = setTimeout(() => {
      cancel();
      resolve(timedOut);
    }, ms);
    cancel = wait((value) => {
      clearTimeout(timer);
      cancel();
      resolve(value);
    });
  });
}

class PeerLink {
  private client: MqttClient | undefined;
  private ready = false;
  private readonly waiters = new Set<(ready: boolean) => void>();
  private readonly replies = new Map<string, (snapshot: DeploymentSnapshot) => void>();

  constructor(
    readonly peer: PeerAddress,
    private readonly deps: PeerLinkDeps,
  ) {}

  get connected(): boolean {
    return this.ready;
  }

  start(): void {
    const clientId = `tmc-peer-${this.deps.self}-${this.peer.tmId}-${randomBytes(3).toString('hex')}`;
    const client = this.deps.connect(this.peer.url, { ...PEER_CLIENT_OPTIONS, clientId });
    const replyTopic = syncReplyTopic(this.deps.self);
    client.on('connect', () => {
      client.subscribe(replyTopic, { qos: 1 }, (error) => {
        if (error || this.client !== client) return;
        this.ready = true;
        client.publish(TOPICS.sync, this.deps.offer(), { qos: 1 });
        this.deps.onStatusChange();
        for (const waiter of this.waiters) waiter(true);
      });
    });
    client.on('close', () => {
      const was = this.ready;
      this.ready = false;
      for (const waiter of this.waiters) waiter(false);
      if (was) this.deps.onStatusChange();
    });
    // Connection errors surface as 'close' and are retried; the listener keeps them from throwing.
    client.on('error', () => undefined);
    client.on('message', (topic, payload) => {
      if (topic !== replyTopic) return;
      const decoded = decodeSyncMessage(payload);
      if (!decoded.ok || decoded.message.kind !== 'snapshot' || !decoded.message.requestId) return;
      const { requestId, entries, pushIds } = decoded.message;
      this.replies.get(requestId)?.(fromWire(entries, pushIds));
    });
    this.client = client;
  }

  publish(payload: string): boolean {
    if (!this.ready || !this.client) return false;
    this.client.publish(TOPICS.sync, payload, { qos: 1 });
    return true;
  }

  /** The peer's whole deployment, or undefined when it cannot be had within `timeoutMs`. */
  async pull(timeoutMs: number): Promise<DeploymentSnapshot | undefined> {
    const started = Date.now();
    const up =
      this.ready ||
      (await withDeadline<boolean>(
        timeoutMs,
        (done) => {
          this.waiters.add(done);
          return () => this.waiters.delete(done);
        },
        false,
      ));
    const client = this.client;
    if (!up || !client) return undefined;
    const requestId = randomBytes(8).toString('hex');
    return withDeadline<DeploymentSnapshot | undefined>(
      Math.max(1, timeoutMs - (Date.now() - started)),
      (done) => {
        this.replies.set(requestId, done);
        const pull = { kind: 'pull', from: this.deps.self, requestId, replyTo: syncReplyTopic(this.deps.self) };
        client.publish(TOPICS.sync, JSON.stringify(pull), { qos: 1 });
        return () => this.replies.delete(requestId);
      },
      undefined,
    );
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.ready = false;
    if (!client) return;
    await withDeadline<undefined>(
      1_000,
      (done) => {
        client.end(true, {}, () => done(undefined));
        return () => undefined;
      },
      undefined,
    );
  }
}

export class PeerLinks {
  private readonly links: PeerLink[];

  constructor(peers: readonly PeerAddress[], deps: PeerLinkDeps) {
    this.links = peers.map((peer) => new PeerLink(peer, deps));
  }

  start(): void {
    for (const link of this.links) link.start();
  }

  /** Sends a sync message to every connected peer; returns how many got it. */
  broadcast(payload: string): number {
    return this.links.filter((link) => link.publish(payload)).length;
  }

  /** The deployment of the first peer, in list order, that answers within `timeoutMs` each. */
  async pull(timeoutMs: number): Promise<{ from: string; snapshot: DeploymentSnapshot } | undefined> {
    for (const link of this.links) {
      const snapshot = await link.pull(timeoutMs);
      if (snapshot) return { from: link.peer.tmId, snapshot };
    }
    return undefined;
  }

  status(): { tmId: string; url: string; connected: boolean }[] {
    return this.links.map((link) => ({ ...link.peer, connected: link.connected }));
  }

  async stop(): Promise<void> {
    await Promise.all(this.links.map((link) => link.stop()));
  }
}
