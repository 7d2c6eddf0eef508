import { describe, expect, it } from 'vitest';
import { createSerialQueue } from '../../../electron/core/storage/serial-queue';

describe('serial queue', () => {
  it('runs tasks one at a time in arrival order', async () => {
    const queue = createSerialQueue({ maxPending: 10, maxPendingBytes: 100 });
    const log: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = queue.run(1, async () => {
      log.push('first start');
      await gate;
      log.push('first end');
      return 1;
    });
    const second = queue.run(1, async () => {
      log.push('second');
      return 2;
    });
    await Promise.resolve();
    expect(queue.stats()).toEqual({ pending: 2, pendingBytes: 2, dropped: 0 });
    release();
    expect(await Promise.all([first, second])).toEqual([
      { ok: true, value: 1 },
      { ok: true, value: 2 },
    ]);
    expect(log).toEqual(['first start', 'first end', 'second']);
  });

  it('keeps going after a task fails, and the failure reaches only its caller', async () => {
    const queue = createSerialQueue({ maxPending: 10, maxPendingBytes: 100 });
    const failed = queue.run(0, async () => {
      throw new Error('boom');
    });
    const next = queue.run(0, async () => 'fine');
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toEqual({ ok: true, value: 'fine' });
    expect(queue.stats()).toEqual({ pending: 0, pendingBytes: 0, dropped: 0 });
  });

  it('refuses work past the count or byte limit and counts it', async () => {
    const queue = createSerialQueue({ maxPending: 1, maxPendingBytes: 10 });
    expect(await queue.run(11, async () => 'too big')).toEqual({
      ok: false,
      reason: 'too much work is waiting (0 tasks, 11 bytes with this one; limits 1 tasks, 10 bytes)',
    });
    let release: () => void = () => undefined;
    const held = queue.run(
      1,
      () =>
        new Promise<string>((resolve) => {
          release = () => resolve('held');
        }),
    );
    expect((await queue.run(1, async () => 'second')).ok).toBe(false);
    expect(queue.stats().dropped).toBe(2);
    release();
    expect(await held).toEqual({ ok: true, value: 'held' });
  });
});
