import { randomBytes } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { TOPICS } from '../../core/policy/control-message';
import { parseJsonPayload } from '../../core/policy/json-payload';
import { blockedBy, type CompiledBlock } from '../engine/blocking-match';
import { matchesAll } from '../engine/condition-match';
import type { CompiledPolicies } from '../engine/compiled-policies';
import { evaluable, type RequestEvent } from '../engine/request-event';
import type { MqttConnect } from '../tm/peer-links';
import { FailoverReceiver, type ReceiverStatus, type ReceiverSwitch } from './failover-receiver';
import { GatewayThrottleMap, type ThrottleMapStats } from './gateway-throttle-map';
import { mixRequest, type TrafficMix } from './traffic-mix';

// A simulated API gateway: makes requests at a steady rate, answers 429 for keys its traffic
// managers said are throttled and 403 for blocked ones, and publishes every request it let
// through to every traffic manager. Decisions reach it through a failover receiver.

export type Verdict = 'allowed' | 'throttled' | 'blocked';

export interface GatewayOptions {
  tmUrls: readonly string[];
  rate: number;
  mix: TrafficMix;
  random: () => number;
  clock: () => number;
  connect: MqttConnect;
  /** What the gateway knows of deployed policies (condition groups, stopOnQuotaReach), as it would from its control plane. */
  policies: () => CompiledPolicies;
  /** Blocking conditions in force when the gateway starts, as it would fetch them at start-up. */
  initialBlocks: readonly CompiledBlock[];
  tickMs?: number;
}

export interface GatewaySecond {
  at: number;
  allowed: number;
  throttled: number;
  blocked: number;
  /** Allowed requests that could not be sent to a traffic manager (its broker was down). */
  unsent: number;
}

export interface GatewayStats {
  totals: Omit<GatewaySecond, 'at'>;
  lastSecond: GatewaySecond;
  receiver: ReceiverStatus;
  map: ThrottleMapStats;
}

export interface GatewaySimulator {
  stats(): GatewayStats;
  onSecond(listener: (second: GatewaySecond) => void): () => void;
  onRequest(listener: (event: RequestEvent, verdict: Verdict, at: number) => void): () => void;
  /** Every `throttleData` message the receiver got, parsed. */
  onThrottleData(listener: (message: unknown, at: number, url: string) => void): () => void;
  onSwitch(listener: (event: ReceiverSwitch) => void): () => void;
  stop(): Promise<void>;
}

function verdictFor(event: RequestEvent, map: GatewayThrottleMap, policies: CompiledPolicies, now: number): Verdict {
  const request = evaluable(event);
  if (blockedBy(map.blocks(), request)) return 'blocked';
  const advanced = policies.advanced.get(event.resourceTier);
  if (advanced) {
    // Like the gateway: the first group whose conditions match, else the default group.
    const group = advanced.groups.find((candidate) => matchesAll(candidate.conditions, request));
    const key = `${event.resourceKey}${group ? `_condition_${group.id}` : '_default'}`;
    if (map.isThrottled(key, now)) return 'throttled';
  }
  const subscription = policies.subscription.get(event.subscriptionTier);
  if (map.isThrottled(event.subscriptionKey, now) && (subscription?.stopOnQuotaReach ?? true)) return 'throttled';
  if (map.isThrottled(event.appKey, now)) return 'throttled';
  return 'allowed';
}

/** Resolves once the client is connected, or after `ms` (it keeps retrying in the background). */
function connected(client: MqttClient, ms: number): Promise<void> {
  if (client.connected) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      client.off('connect', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    client.on('connect', done);
  });
}

/** Starts sending once its publishers are connected (or have had a few seconds to), so the first second is not all "unsent". */
export async function startGatewaySimulator(options: GatewayOptions): Promise<GatewaySimulator> {
  const { clock } = options;
  const id = randomBytes(3).toString('hex');
  const map = new GatewayThrottleMap();
  for (const block of options.initialBlocks) map.addBlock(block);
  const secondListeners = new Set<(second: GatewaySecond) => void>();
  const requestListeners = new Set<(event: RequestEvent, verdict: Verdict, at: number) => void>();
  const dataListeners = new Set<(message: unknown, at: number, url: string) => void>();
  const totals = { allowed: 0, throttled: 0, blocked: 0, unsent: 0 };
  let current = { allowed: 0, throttled: 0, blocked: 0, unsent: 0 };
  let lastSecond: GatewaySecond = { at: clock(), ...current };
  let sequence = 0;

  const publishers: MqttClient[] = options.tmUrls.map((url, index) =>
    options.connect(url, {
      clientId: `tmc-gateway-${id}-pub-${index}`,
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 1_000,
      connectTimeout: 2_000,
      // A request for a TM that is down is counted as unsent, not queued without bound.
      queueQoSZero: false,
    }),
  );
  for (const publisher of publishers) publisher.on('error', () => undefined);
  await Promise.all(publishers.map((publisher) => connected(publisher, 3_000)));

  const receiver = new FailoverReceiver({
    urls: options.tmUrls,
    topic: TOPICS.throttleData,
    connect: options.connect,
    clock,
  });
  receiver.onMessage((payload, url) => {
    const json = parseJsonPayload(payload, 64 * 1024);
    const at = clock();
    map.apply(json.ok ? json.value : undefined, at);
    if (json.ok) for (const listener of dataListeners) listener(json.value, at, url);
  });
  receiver.start();

  function send(): void {
    const now = clock();
    sequence += 1;
    const event = mixRequest(options.mix, options.random, `gw-${id}-${sequence}`);
    const verdict = verdictFor(event, map, options.policies(), now);
    current[verdict] += 1;
    totals[verdict] += 1;
    if (verdict === 'allowed') {
      const text = JSON.stringify(event);
      for (const publisher of publishers) {
        if (publisher.connected) publisher.publish(TOPICS.requests, text, { qos: 0 });
        else {
          current.unsent += 1;
          totals.unsent += 1;
        }
      }
    }
    for (const listener of requestListeners) listener(event, verdict, now);
  }

  // Paced by elapsed time, so a late timer sends what is due rather than drifting; a long stall
  // sends at most one second's worth at once.
  let lastTick = clock();
  let due = 0;
  const ticker = setInterval(() => {
    const now = clock();
    due = Math.min(options.rate, due + (options.rate * (now - lastTick)) / 1000);
    lastTick = now;
    for (; due >= 1; due -= 1) send();
  }, options.tickMs ?? 20);

  const seconds = setInterval(() => {
    lastSecond = { at: clock(), ...current };
    current = { allowed: 0, throttled: 0, blocked: 0, unsent: 0 };
    for (const listener of secondListeners) listener(lastSecond);
  }, 1_000);

  const subscribe =
    <T>(set: Set<T>) =>
    (listener: T): (() => void) => {
      set.add(listener);
      return () => set.delete(listener);
    };

  return {
    stats: () => ({ totals: { ...totals }, lastSecond, receiver: receiver.status(), map: map.stats() }),
    onSecond: subscribe(secondListeners),
    onRequest: subscribe(requestListeners),
    onThrottleData: subscribe(dataListeners),
    onSwitch: (listener) => receiver.onSwitch(listener),
    async stop() {
      clearInterval(ticker);
      clearInterval(seconds);
      await receiver.stop();
      await Promise.all(
        publishers.map((publisher) => new Promise<void>((resolve) => publisher.end(true, {}, () => resolve()))),
      );
    },
  };
}
