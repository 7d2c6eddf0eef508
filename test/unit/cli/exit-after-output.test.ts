import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exitAfterOutput } from '../../../electron/cli/exit-after-output';

/** A pipe whose reader is slow: each non-empty write completes only when `release` is called. */
class SlowPipe extends Writable {
  private held: (() => void)[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (chunk.length === 0) done();
    else this.held.push(() => done());
  }
  release(): void {
    const held = this.held;
    this.held = [];
    for (const done of held) done();
  }
}

describe('exitAfterOutput', () => {
  it('exits only once what was written to every stream has been handed on, with the given code', async () => {
    const stdout = new SlowPipe();
    const stderr = new SlowPipe();
    const exits: number[] = [];
    stdout.write('a line the reader has not taken yet\n');
    stderr.write('tmc: a reason\n');
    exitAfterOutput(3, [stdout, stderr], (code) => exits.push(code));
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([]);
    stdout.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([]);
    stderr.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([3]);
  });

  it('still exits when a stream is already broken (a reader that went away)', async () => {
    const stdout = new SlowPipe();
    stdout.destroy();
    const exited = new Promise<number>((resolve) => exitAfterOutput(0, [stdout], resolve));
    expect(await exited).toBe(0);
  });
});
