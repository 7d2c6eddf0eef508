import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { RejectionsStore } from '../../renderer/src/lib/stores/rejections-store.svelte';
import BlockingView from '../../renderer/src/views/BlockingView.svelte';
import { clusterSnapshot, linkSnapshot } from '../support/fixtures';
import { appStores } from '../support/renderer-stores';
import { scriptedClient } from '../support/scripted-client';
import { blockRow, page, T0 } from '../support/throttle-fixtures';

const rowTexts = (id: string) =>
  screen.getAllByTestId(id).map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent?.trim()));

async function setup() {
  const script = scriptedClient(clusterSnapshot({ links: [linkSnapshot({ brokerId: 'tm1', label: 'TM 1' })] }));
  script.answers['throttle.page'] = async () => ({
    ok: true,
    value: page({
      blocks: [
        blockRow({ since: T0 - 60_000 }),
        blockRow({
          id: 'API|carbon.super|/pizzashack/1.0.0',
          conditionType: 'API',
          conditionValue: '/pizzashack/1.0.0',
          value: { kind: 'api', apiContext: '/pizzashack/1.0.0', text: 'API /pizzashack/1.0.0' },
          reportedBy: ['tm1'],
          since: T0,
        }),
      ],
    }),
  });
  let rejectionCalls = 0;
  script.answers['throttle.rejections'] = async () => {
    rejectionCalls += 1;
    return {
      ok: true,
      value: {
        counts: [
          { broker: 'tm1', code: 'not-json', count: 2 },
          { broker: 'tm2', code: 'too-large', count: 7 },
        ],
        samples: [
          {
            at: T0,
            broker: 'tm1',
            code: 'not-json',
            reason: 'not JSON: Unexpected token h at 0',
            bytes: 5,
            excerpt: 'hello',
          },
          {
            at: T0 + 1_000,
            broker: 'tm2',
            code: 'too-large',
            reason: 'payload of 70,000 bytes is over the 65,536-byte cap',
            bytes: 70_000,
            excerpt: '{"event":{"payloadData":{"throttleKey":"aaaa',
          },
        ],
      },
    };
  };
  const timers: (() => void)[] = [];
  let stopped = 0;
  const stores = appStores(script.client);
  stores.rejections = new RejectionsStore(script.client, (fn) => {
    timers.push(fn);
    return () => (stopped += 1);
  });
  await Promise.all([stores.cluster.refresh(), stores.throttle.reload()]);
  return { stores, timers, stopped: () => stopped, rejectionCalls: () => rejectionCalls };
}

describe('BlockingView', () => {
  afterEach(() => cleanup());

  it('lists the active blocking conditions, newest first, with tenant, reporters and since', async () => {
    const { stores } = await setup();
    render(BlockingView, { stores, navigate: () => undefined });
    const rows = rowTexts('block-row');
    expect(rows.map((cells) => cells.slice(0, 4))).toEqual([
      ['API', 'API /pizzashack/1.0.0', 'carbon.super', 'tm1'],
      ['IP', 'IP 10.0.0.7', 'carbon.super', 'tm1, tm2'],
    ]);
    expect(rows[1]?.[4]).toMatch(/\(\d+ (s|min|h)( \d+ min)? ago\)$/);
  });

  it('says when nothing is blocked', async () => {
    const { stores } = await setup();
    stores.throttle.blocks = [];
    render(BlockingView, { stores, navigate: () => undefined });
    expect(screen.getByTestId('no-blocks').textContent).toContain('No blocking condition is active');
  });

  it('shows rejected input per broker and reason with the last samples, refreshed while shown', async () => {
    const { stores, timers, stopped, rejectionCalls } = await setup();
    const { unmount } = render(BlockingView, { stores, navigate: () => undefined });
    await expect.poll(() => screen.queryAllByTestId('rejection-count').length).toBe(2);
    expect(rowTexts('rejection-count')).toEqual([
      ['tm2', 'too large', '7'],
      ['TM 1', 'not JSON', '2'],
    ]);
    const samples = screen.getAllByTestId('rejection-sample');
    expect(samples[0]?.textContent).toContain('tm2: payload of 70,000 bytes is over the 65,536-byte cap');
    expect(samples[0]?.querySelector('pre')?.textContent).toBe('{"event":{"payloadData":{"throttleKey":"aaaa');
    expect(timers).toHaveLength(1);
    timers[0]?.();
    await expect.poll(rejectionCalls).toBe(2);
    unmount();
    expect(stopped()).toBe(1);
  });
});
