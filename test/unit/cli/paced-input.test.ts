import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pacedInput } from '../../../electron/cli/paced-input';

/** A pipe whose reader is slow: each write completes only when `release` is called. */
class SlowPipe extends Writable {
  private held: (() => void)[] = [];
  constructor() {
    super({ highWaterMark: 16 });
  }
  override _write(_chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.held.push(() => done());
  }
  release(): void {
    const held = this.held;
    this.held = [];
    for (const done of held) done();
  }
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('pacedInput', () => {
  it('hands on the next input chunk only once the output has room again', async () => {
    const output = new SlowPipe();
    const input = (async function* () {
      yield* ['one\n', 'two\n', 'three\n'];
    })();
    const chunks = pacedInput(input, output);
    expect(await chunks.next()).toEqual({ done: false, value: 'one\n' });
    output.write('far more than the output holds at once\n');
    let next: IteratorResult<Buffer | string> | undefined;
    void chunks.next().then((result) => (next = result));
    await turn();
    expect(next).toBeUndefined();
    output.release();
    await turn();
    await turn();
    expect(next).toEqual({ done: false, value: 'two\n' });
    expect(await chunks.next()).toEqual({ done: false, value: 'three\n' });
    expect((await chunks.next()).done).toBe(true);
  });
});
