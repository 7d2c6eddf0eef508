import { BlockingConditionSchema } from '../../core/policy/blocking-schema';
import { compileBlock, type CompiledBlock } from '../engine/blocking-match';

// A gateway's memory of what the traffic managers told it on `throttleData`: throttled keys with
// their expiry (a key is throttled while expiry ≥ now and evicted lazily after), and blocking
// conditions by id. Bounded, with a count of what did not fit or could not be read.

export interface ThrottleMapLimits {
  maxKeys: number;
  maxKeyBytes: number;
  maxBlocks: number;
}

export interface ThrottleMapStats {
  keys: number;
  blocks: number;
  decisions: number;
  /** Keys and blocking conditions not kept because their map was full. */
  dropped: number;
  /** Messages that were neither a decision, a blocking condition nor a key template. */
  unreadable: number;
}

const KEY_OVERHEAD = 48;

function payloadData(message: unknown): Record<string, unknown> | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const event = (message as { event?: { payloadData?: unknown } }).event;
  // Older releases sent the fields as a flat map.
  const data = event?.payloadData ?? message;
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
}

const truthy = (value: unknown): boolean => value === true || value === 'true';

export class GatewayThrottleMap {
  private readonly keys = new Map<string, number>();
  private readonly blockMap = new Map<string, CompiledBlock>();
  private keyBytes = 0;
  private counts = { decisions: 0, dropped: 0, unreadable: 0 };

  constructor(
    private readonly limits: ThrottleMapLimits = { maxKeys: 100_000, maxKeyBytes: 16 * 1024 * 1024, maxBlocks: 10_000 },
  ) {}

  /** Applies one `throttleData` message (parsed JSON). */
  apply(message: unknown, now: number): void {
    const data = payloadData(message);
    if (data && typeof data.throttleKey === 'string') {
      const expiry = Number(data.expiryTimeStamp);
      this.counts.decisions += 1;
      if (truthy(data.isThrottled) && Number.isFinite(expiry)) this.throttle(data.throttleKey, expiry, now);
      else this.release(data.throttleKey);
      return;
    }
    if (data && typeof data.blockingCondition === 'string' && data.id !== undefined) {
      const id = String(data.id);
      const parsed = BlockingConditionSchema.safeParse({
        conditionType: data.blockingCondition,
        conditionValue: data.conditionValue,
      });
      if (!parsed.success) this.counts.unreadable += 1;
      else if (truthy(data.state)) this.addBlock(compileBlock(id, parsed.data));
      else this.blockMap.delete(id);
      return;
    }
    if (data && typeof data.keyTemplateValue === 'string') return;
    this.counts.unreadable += 1;
  }

  addBlock(block: CompiledBlock): void {
    if (!this.blockMap.has(block.conditionId) && this.blockMap.size >= this.limits.maxBlocks) {
      this.counts.dropped += 1;
      return;
    }
    this.blockMap.set(block.conditionId, block);
  }

  isThrottled(key: string, now: number): boolean {
    const expiry = this.keys.get(key);
    if (expiry === undefined) return false;
    if (expiry >= now) return true;
    this.release(key);
    return false;
  }

  blocks(): CompiledBlock[] {
    return [...this.blockMap.values()];
  }

  stats(): ThrottleMapStats {
    return { keys: this.keys.size, blocks: this.blockMap.size, ...this.counts };
  }

  private throttle(key: string, expiry: number, now: number): void {
    if (expiry < now) return;
    if (!this.keys.has(key)) {
      const bytes = key.length * 2 + KEY_OVERHEAD;
      const fits = (): boolean =>
        this.keys.size < this.limits.maxKeys && this.keyBytes + bytes <= this.limits.maxKeyBytes;
      if (!fits()) for (const [other, otherExpiry] of this.keys) if (otherExpiry < now) this.release(other);
      if (!fits()) {
        this.counts.dropped += 1;
        return;
      }
      this.keyBytes += bytes;
    }
    this.keys.set(key, expiry);
  }

  private release(key: string): void {
    if (this.keys.delete(key)) this.keyBytes -= key.length * 2 + KEY_OVERHEAD;
  }
}
