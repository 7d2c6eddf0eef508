import { describe, expect, it } from 'vitest';
import { SwitchTimeline } from '../../../electron/core/cluster/switch-timeline';

const at = (n: number) => ({ at: n, from: 'tm1', to: 'tm2', reason: 'died' as const, detectedAfterMs: 750 });

describe('SwitchTimeline', () => {
  it('keeps the newest switches in order, drops the oldest past its cap and counts them', () => {
    const timeline = new SwitchTimeline(3);
    for (let n = 1; n <= 5; n += 1) timeline.add(at(n));
    expect(timeline.list().map((e) => e.at)).toEqual([3, 4, 5]);
    expect(timeline.dropped).toBe(2);
  });

  it('hands out a copy, so a reader cannot change what it keeps', () => {
    const timeline = new SwitchTimeline(3);
    timeline.add(at(1));
    timeline.list().pop();
    expect(timeline.list()).toHaveLength(1);
  });
});
