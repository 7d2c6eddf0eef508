import type { BlockMessage, KeyTemplateMessage } from './message-types';
import { compileKeyTemplate, type KeyTemplateMatcher } from './key-template';

export interface TableCaps {
  maxEntries: number;
  /** Characters of values held, across entries. */
  maxChars: number;
}

export const DEFAULT_BLOCK_CAPS: TableCaps = { maxEntries: 10_000, maxChars: 4 * 1024 * 1024 };
export const DEFAULT_KEY_TEMPLATE_CAPS: TableCaps = { maxEntries: 1_000, maxChars: 256 * 1024 };

/** What applying one message did to a table. */
export type TableChange = 'added' | 'removed' | 'confirmed' | 'unchanged' | 'dropped';

interface Entry<M> {
  message: M;
  /** Brokers whose latest word on this entry is "active". */
  activeMask: number;
  since: number;
  chars: number;
}

/**
 * Active entries reported by several brokers, without windows to order them: each broker's latest
 * word counts, and an entry stays while any broker holds it active. A lagging broker's late
 * "add" therefore shows as held by that broker alone until its own "remove" arrives.
 */
class BrokerHeldTable<M> {
  private readonly entries = new Map<string, Entry<M>>();
  private chars = 0;
  dropped = 0;

  constructor(private readonly caps: TableCaps) {}

  get size(): number {
    return this.entries.size;
  }

  get(id: string): Entry<M> | undefined {
    return this.entries.get(id);
  }

  entriesById(): IterableIterator<[string, Entry<M>]> {
    return this.entries.entries();
  }

  apply(id: string, message: M, chars: number, active: boolean, bit: number, at: number): TableChange {
    const entry = this.entries.get(id);
    if (!active) {
      if (!entry || !(entry.activeMask & bit)) return 'unchanged';
      entry.activeMask &= ~bit;
      if (entry.activeMask !== 0) return 'confirmed';
      this.entries.delete(id);
      this.chars -= entry.chars;
      return 'removed';
    }
    if (entry) {
      if (entry.activeMask & bit) return 'unchanged';
      entry.activeMask |= bit;
      return 'confirmed';
    }
    if (this.entries.size >= this.caps.maxEntries || this.chars + chars > this.caps.maxChars) {
      this.dropped += 1;
      return 'dropped';
    }
    this.entries.set(id, { message, activeMask: bit, since: at, chars });
    this.chars += chars;
    return 'added';
  }
}

/** Active blocking conditions, one per type, tenant and value. */
export class BlockTable extends BrokerHeldTable<BlockMessage> {
  constructor(caps: TableCaps = DEFAULT_BLOCK_CAPS) {
    super(caps);
  }

  static idOf(message: BlockMessage): string {
    // IP values are JSON: identify them by what they mean, not by their spacing.
    const v = message.value;
    const value =
      v.kind === 'ip'
        ? `${v.fixedIp}|${v.invert}`
        : v.kind === 'ipRange'
          ? `${v.startingIp}–${v.endingIp}|${v.invert}`
          : message.conditionValue;
    return `${message.conditionType}|${message.tenantDomain ?? ''}|${value}`;
  }

  applyMessage(message: BlockMessage, bit: number, at: number): { id: string; change: TableChange } {
    const id = BlockTable.idOf(message);
    const chars = id.length + message.conditionValue.length;
    return { id, change: this.apply(id, message, chars, message.active, bit, at) };
  }
}

/** Active key templates, with their compiled matchers for classifying custom keys. */
export class KeyTemplateTable extends BrokerHeldTable<KeyTemplateMessage> {
  private compiled: KeyTemplateMatcher[] | undefined;
  private readonly matcherCache = new Map<string, KeyTemplateMatcher>();

  constructor(caps: TableCaps = DEFAULT_KEY_TEMPLATE_CAPS) {
    super(caps);
  }

  applyMessage(message: KeyTemplateMessage, bit: number, at: number): TableChange {
    const change = this.apply(message.template, message, message.template.length, message.active, bit, at);
    if (change === 'added' || change === 'removed') this.compiled = undefined;
    return change;
  }

  /** Matchers of the active templates, most recently added last. */
  matchers(): readonly KeyTemplateMatcher[] {
    if (!this.compiled) {
      const live = new Map<string, KeyTemplateMatcher>();
      for (const [template] of this.entriesById()) {
        live.set(template, this.matcherCache.get(template) ?? compileKeyTemplate(template));
      }
      this.matcherCache.clear();
      for (const [template, matcher] of live) this.matcherCache.set(template, matcher);
      this.compiled = [...live.values()];
    }
    return this.compiled;
  }
}
