// The decision stream `bench:ingest` replays: payloads for 10,000 distinct keys in all key
// formats. The in-process part pre-builds them, each delivered as from three brokers with the
// third lagging far behind; the drain publishes them to three real brokers.

export interface Workload {
  /** Every distinct payload back to back; message j is bytes [starts[j], starts[j + 1]). */
  bytes: Buffer;
  starts: Uint32Array;
  /** Delivery order: message index and broker index (0, 1, 2) per delivery. */
  order: Uint32Array;
  brokerOf: Uint8Array;
  /** Deliveries before this index include every copy from brokers 1 and 2; after it only broker 3's lagging tail. */
  othersDone: number;
  /** The newest state published per key (its last message). */
  newest: Map<string, KeyVersion>;
  keyTemplate: Buffer;
  brokers: readonly string[];
}

export interface KeyVersion {
  isThrottled: boolean;
  expiry: number;
}

export const BROKERS = ['tm1', 'tm2', 'tm3'] as const;
const WINDOW_MS = 60_000;

function keyFor(k: number): string {
  const api = `/api${k % 97}/1.0.${k % 5}`;
  const version = `1.0.${k % 5}`;
  switch (k % 7) {
    case 0:
      return `${k}:user${k}@carbon.super`;
    case 1:
      return `${k}:${api}:${version}:Gold`;
    case 2:
      return `${k}:${api}:${version}`;
    case 3:
      return `/api${k}/${version}:${version}_${k % 2 === 0 ? 'default' : `condition_${k % 4}`}`;
    case 4:
      return `${api}/${version}/items/${k}:${k % 2 === 0 ? 'GET' : 'POST'}_condition_${k % 3}`;
    case 5:
      return `/t/tenant${k % 9}.com${api}/${version}/orders/${k}:PUT_user${k}@tenant${k % 9}.com_default`;
    default:
      return `user${k}@carbon.super:${api}:${version}`;
  }
}

/** `count` distinct keys; a generator that made two alike would count fewer keys than it says. */
export function keyNames(count: number): string[] {
  const names = Array.from({ length: count }, (_, k) => keyFor(k));
  if (new Set(names).size !== count) throw new Error(`the key generator repeats keys among ${count}`);
  return names;
}
const CONDITION_GROUPS = [
  [{ header: { values: { 'x-tier': 'free' }, invert: false } }],
  [{ iprange: { startingIp: '10.0.0.1', endingIp: '10.0.0.255', invert: false } }],
  [{ ipspecific: { specificIp: '192.168.1.7', invert: true } }],
  [
    {
      queryparametertype: { values: { plan: 'trial' }, invert: false },
      jwtclaims: { values: { tier: 'bronze' }, invert: false },
    },
  ],
].map((group) => Buffer.from(JSON.stringify(group)).toString('base64'));

/**
 * Message j is the (j / keys)-th version of key j % keys. Versions alternate throttled and
 * unthrottled (half the keys start throttled), one window apart, all windows ending an hour or
 * more after `baseTime`: every version is newer than the one before, so a broker whose stream
 * lags would show as a key set back to an earlier state.
 */
export function decisionAt(j: number, names: readonly string[], baseTime: number): KeyVersion & { key: string } {
  const k = j % names.length;
  const version = Math.floor(j / names.length);
  const expiry = baseTime + 3_600_000 + (version + 1) * WINDOW_MS;
  return { key: names[k] ?? '', isThrottled: (version + k) % 2 === 0, expiry };
}

/** Message j's `throttleData` payload, in the spellings traffic managers use. */
export function payloadText(j: number, names: readonly string[], baseTime: number): string {
  const k = j % names.length;
  const { key, isThrottled, expiry } = decisionAt(j, names, baseTime);
  const payloadData: Record<string, unknown> = {
    throttleKey: key,
    // Both spellings a traffic manager uses, as in the field.
    isThrottled: j % 2 === 0 ? String(isThrottled) : isThrottled,
    expiryTimeStamp: j % 3 === 0 ? expiry : String(expiry),
  };
  if (k % 7 === 3 || k % 7 === 4 || k % 7 === 5) payloadData.evaluatedConditions = CONDITION_GROUPS[k % 4];
  return JSON.stringify({ event: { payloadData } });
}

/** The newest state published per key after messages [0, messages). */
export function newestStates(messages: number, names: readonly string[], baseTime: number): Map<string, KeyVersion> {
  const newest = new Map<string, KeyVersion>();
  for (let j = Math.max(0, messages - names.length); j < messages; j += 1) {
    const { key, isThrottled, expiry } = decisionAt(j, names, baseTime);
    newest.set(key, { isThrottled, expiry });
  }
  return newest;
}

/** `deliveries / 3` distinct decisions over `keys` keys; broker 3 delivers each `lag` deliveries late. */
export function buildWorkload(options: { deliveries: number; keys: number; lag: number; baseTime: number }): Workload {
  const { lag, baseTime } = options;
  const messages = Math.ceil(options.deliveries / BROKERS.length);
  const starts = new Uint32Array(messages + 1);
  const names = keyNames(options.keys);
  // Payload texts are made twice (sizes, then bytes) so the one buffer holding them is allocated
  // at its exact size: building a buffer per payload or an oversized one first would leave the
  // process with a hundred megabytes of RSS before the measurement starts.
  let size = 0;
  for (let j = 0; j < messages; j += 1) size += Buffer.byteLength(payloadText(j, names, baseTime));
  const bytes = Buffer.allocUnsafe(size);
  let offset = 0;
  for (let j = 0; j < messages; j += 1) {
    starts[j] = offset;
    offset += bytes.write(payloadText(j, names, baseTime), offset);
  }
  starts[messages] = offset;

  // Brokers 1 and 2 deliver each message in turn; broker 3's copy of a message comes `lag`
  // deliveries later than the others' copies.
  const total = messages * BROKERS.length;
  const order = new Uint32Array(total);
  const brokerOf = new Uint8Array(total);
  const othersDoneAt = new Uint32Array(messages);
  let at = 0;
  let lagging = 0;
  const push = (message: number, broker: number): void => {
    order[at] = message;
    brokerOf[at] = broker;
    at += 1;
  };
  for (let j = 0; j < messages; j += 1) {
    push(j, 0);
    push(j, 1);
    othersDoneAt[j] = at;
    while (lagging <= j && at - (othersDoneAt[lagging] ?? 0) >= lag) push(lagging++, 2);
  }
  const othersDone = at;
  while (lagging < messages) push(lagging++, 2);

  return {
    bytes,
    starts,
    order,
    brokerOf,
    othersDone,
    newest: newestStates(messages, names, baseTime),
    keyTemplate: Buffer.from(
      JSON.stringify({
        event: { payloadData: { keyTemplateValue: '$userId:$apiContext:$apiVersion', keyTemplateState: 'add' } },
      }),
    ),
    brokers: BROKERS,
  };
}
