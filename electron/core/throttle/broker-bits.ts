/** Profiles hold at most 32 brokers, so a set of brokers fits one 32-bit mask. */
export const MAX_BROKERS = 32;

/**
 * Gives each broker id one bit, so "which brokers reported this" is an integer and merging is
 * bit arithmetic rather than set allocation. Ids are kept for the life of the pipeline.
 */
export class BrokerBits {
  private readonly ids: string[] = [];
  private readonly bits = new Map<string, number>();

  /** The broker's bit; 0 when all 32 are taken by other ids. */
  bitOf(id: string): number {
    const known = this.bits.get(id);
    if (known !== undefined) return known;
    if (this.ids.length >= MAX_BROKERS) return 0;
    const bit = 1 << this.ids.length;
    this.ids.push(id);
    this.bits.set(id, bit);
    return bit;
  }

  maskOf(ids: Iterable<string>): number {
    let mask = 0;
    for (const id of ids) mask |= this.bitOf(id);
    return mask;
  }

  /** Broker ids in a mask, in the order the brokers were first seen. */
  idsOf(mask: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.ids.length; i += 1) {
      if (mask & (1 << i)) out.push(this.ids[i] ?? '');
    }
    return out;
  }

  /** Each bit of a mask on its own. */
  eachBit(mask: number, visit: (bit: number, id: string) => void): void {
    for (let i = 0; i < this.ids.length; i += 1) {
      const bit = 1 << i;
      if (mask & bit) visit(bit, this.ids[i] ?? '');
    }
  }
}
