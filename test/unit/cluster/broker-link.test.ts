import { EventEmitter } from 'node:events';
import type { MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrokerLink } from '../../../electron/core/cluster/broker-link';
import type { LinkConfig } from '../../../electron/core/cluster/link-config';

// The link's timing logic (probes, stall guard, watchdog, auth backoff) over a scripted client
// and fake timers. The same link runs against real brokers in the integration suites.

class ScriptedClient extends EventEmitter {
  published: string[] = [];
  ended = false;
  publish(topic: string, payload: string): void {
    this.published.push(`${topic} ${payload}`);
  }
  subscribe(_topics: string[], _opts: unknown, done: () => void): void {
    done();
  }
  end(): void {
    this.ended = true;
  }
  endAsync(): Promise<void> {
    this.ended = true;
    return Promise.resolve();
  }
  /** The broker echoes the last probe back. */
  echo(): void {
    const last = this.published.at(-1)?.split(' ');
    if (last?.[0] && last[1]) this.emit('message', last[0], Buffer.from(last[1]));
  }
}

const CONFIG: LinkConfig = {
  brokerId: 'tm1',
  label: 'TM 1',
  url: 'mqtt://127.0.0.1:1',
  clientId: 'c1',
  mqtt: {},
  connectTimeoutMs: 1_000,
  backoff: { initialMs: 100, maxMs: 5_000, multiplier: 2, jitter: false },
  connectDelayMs: 0,
  probe: { intervalMs: 250, missesToDead: 3 },
  probeTopic: 'tmc/probe/c1',
  subscriptions: ['throttleData'],
};

function setup() {
  const clients: ScriptedClient[] = [];
  const downs: string[] = [];
  let failures = 0;
  const link = new BrokerLink(
    CONFIG,
    {
      connector: () => {
        const client = new ScriptedClient();
        clients.push(client);
        return client as unknown as MqttClient;
      },
      clock: () => Date.now(),
      random: () => 0.5,
    },
    {
      onChange: () => undefined,
      onUp: () => undefined,
      onDown: (_at, cause, silence) => downs.push(`${cause} after ${silence} ms`),
      onAttemptFailed: () => (failures += 1),
      onMessage: () => undefined,
    },
  );
  return { link, clients, downs, failures: () => failures, current: () => clients.at(-1) as ScriptedClient };
}

describe('broker link timing', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('declares a link dead after missesToDead silent probe intervals, and starts a new client', () => {
    const { link, clients, downs, current } = setup();
    link.start();
    current().emit('connect');
    vi.advanceTimersByTime(750);
    expect(downs).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(downs).toEqual(['partition after 1000 ms']);
    expect(link.snapshot().state).toBe('down');
    expect(link.snapshot().lastError).toBe('no answer to probes for 1000 ms: broker frozen or network cut');
    expect(clients[0]?.ended).toBe(true);
    vi.advanceTimersByTime(100);
    expect(clients).toHaveLength(2);
  });

  it('stays up while probes come back, and measures the round trip', () => {
    const { link, downs, current } = setup();
    link.start();
    current().emit('connect');
    for (let i = 0; i < 20; i += 1) {
      vi.advanceTimersByTime(10);
      current().echo();
      vi.advanceTimersByTime(240);
    }
    expect(downs).toEqual([]);
    expect(link.snapshot().rttMs).toBe(10);
  });

  it('does not blame the broker for a stall of this process', () => {
    const { link, downs, current } = setup();
    link.start();
    current().emit('connect');
    vi.advanceTimersByTime(200);
    // The event loop is blocked for 2 s: no timer and no socket read runs meanwhile.
    vi.setSystemTime(Date.now() + 2_000);
    vi.advanceTimersByTime(50);
    expect(downs).toEqual([]);
    current().echo();
    vi.advanceTimersByTime(250);
    expect(downs).toEqual([]);
  });

  it('recycles an attempt that neither connects nor fails (watchdog)', () => {
    const { link, clients, failures } = setup();
    link.start();
    vi.advanceTimersByTime(1_999);
    expect(failures()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(failures()).toBe(1);
    expect(clients[0]?.ended).toBe(true);
    expect(link.snapshot().lastError).toBe('no answer from the broker within 2000 ms');
  });

  it('retries wrong credentials only at the backoff cap', () => {
    const { link, clients, current } = setup();
    link.start();
    current().emit('error', Object.assign(new Error('Connection refused: Not authorized'), { code: 5 }));
    current().emit('close');
    expect(link.snapshot().state).toBe('auth-failed');
    vi.advanceTimersByTime(4_999);
    expect(clients).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(clients).toHaveLength(2);
  });

  it('backs off exponentially between refused attempts', () => {
    const { link, clients, current } = setup();
    link.start();
    const starts: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      starts.push(Date.now());
      current().emit('error', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
      current().emit('close');
      const before = clients.length;
      while (clients.length === before) vi.advanceTimersByTime(10);
    }
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] ?? 0));
    expect(gaps).toEqual([100, 200, 400]);
    expect(link.snapshot()).toMatchObject({ state: 'down', failedAttempts: 4 });
  });
});

describe('broker link liveness', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts messages as signs of life while probe answers are stuck behind a backlog', () => {
    const { link, downs, current } = setup();
    link.start();
    current().emit('connect');
    for (let i = 0; i < 20; i += 1) {
      vi.advanceTimersByTime(100);
      current().emit('message', 'throttleData', Buffer.from('{}'));
    }
    expect(downs).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(downs).toEqual(['partition after 1000 ms']);
  });
});
