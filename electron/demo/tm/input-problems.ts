// Bad input a traffic manager refused: counted per topic and reason, with the last few samples
// kept for inspection. Bounded: reasons beyond the cap are counted under "other reasons".

export interface InputSample {
  at: number;
  topic: string;
  reason: string;
  /** The start of the payload, for a person to look at. */
  excerpt: string;
}

export interface InputProblemsSnapshot {
  total: number;
  byReason: Record<string, number>;
  samples: InputSample[];
}

const MAX_REASONS = 50;
const MAX_SAMPLES = 5;
const EXCERPT_CHARS = 200;
const OTHER = 'other reasons';

export class InputProblems {
  private total = 0;
  private readonly byReason = new Map<string, number>();
  private readonly samples: InputSample[] = [];

  record(at: number, topic: string, reason: string, payload: Uint8Array | string): void {
    this.total += 1;
    const key = `${topic}: ${reason}`;
    const bucket = this.byReason.has(key) || this.byReason.size < MAX_REASONS ? key : OTHER;
    this.byReason.set(bucket, (this.byReason.get(bucket) ?? 0) + 1);
    const text =
      typeof payload === 'string' ? payload : Buffer.from(payload.subarray(0, EXCERPT_CHARS * 4)).toString('utf8');
    this.samples.push({ at, topic, reason, excerpt: text.slice(0, EXCERPT_CHARS) });
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
  }

  snapshot(): InputProblemsSnapshot {
    return { total: this.total, byReason: Object.fromEntries(this.byReason), samples: [...this.samples] };
  }
}
