import type { IClientOptions, MqttClient } from 'mqtt';
import type { LinkSnapshot, LinkState } from '../host/contract';
import type { BrokerEntry } from '../profile/profile-schema';
import { describeConnectionError } from './connection-error';

/** Builds an mqtt.js client. Injected so tests and the CLI choose how clients are made. */
export type Connector = (url: string, options: IClientOptions) => MqttClient;

export interface LinkDeps {
  connector: Connector;
  clock: () => number;
  clientId: string;
  onChange: (snapshot: LinkSnapshot) => void;
}

export const LINK_CLIENT_OPTIONS = {
  reconnectPeriod: 1_000,
  connectTimeout: 5_000,
  keepalive: 10,
  protocolVersion: 4,
  clean: true,
} as const satisfies IClientOptions;

/**
 * One broker, one mqtt.js client. States stay calm: a link that loses its connection is
 * `reconnecting` for its first attempt and `down` from the first failed attempt until it is
 * connected again, so a card does not flicker with every retry.
 */
export class BrokerLink {
  private client: MqttClient | undefined;
  private state: LinkState = 'connecting';
  private since: number;
  private lastError: string | null = null;
  private reconnects = 0;

  constructor(
    private readonly broker: BrokerEntry,
    private readonly deps: LinkDeps,
  ) {
    this.since = deps.clock();
  }

  start(): void {
    if (this.client) return;
    const client = this.deps.connector(this.broker.url, { ...LINK_CLIENT_OPTIONS, clientId: this.deps.clientId });
    client.on('connect', () => {
      this.lastError = null;
      this.enter('connected');
    });
    client.on('error', (error) => {
      this.lastError = describeConnectionError(error).sentence;
      this.emit();
    });
    client.on('close', () => {
      if (this.state === 'connected') {
        this.lastError ??= 'connection lost';
        this.enter('reconnecting');
      } else if (this.state !== 'down') {
        this.lastError ??= 'the broker closed the connection';
        this.enter('down');
      }
    });
    client.on('reconnect', () => {
      this.reconnects += 1;
      this.emit();
    });
    this.client = client;
    this.emit();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.endAsync(true);
  }

  snapshot(): LinkSnapshot {
    return {
      brokerId: this.broker.id,
      label: this.broker.label,
      url: this.broker.url,
      state: this.state,
      since: this.since,
      lastError: this.lastError,
      reconnects: this.reconnects,
    };
  }

  private enter(state: LinkState): void {
    if (state !== this.state) {
      this.state = state;
      this.since = this.deps.clock();
    }
    this.emit();
  }

  private emit(): void {
    this.deps.onChange(this.snapshot());
  }
}
