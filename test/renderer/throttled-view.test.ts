import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../renderer/src/App.svelte';
import { ViewRegistry } from '../../renderer/src/lib/stores/view-registry.svelte';
import ThrottledView from '../../renderer/src/views/ThrottledView.svelte';
import { BLOCKING_VIEW, CLUSTER_VIEW, THROTTLED_VIEW } from '../../renderer/src/views/routes';
import { clusterSnapshot, linkSnapshot } from '../support/fixtures';
import { appStores } from '../support/renderer-stores';
import { installResizeObserver } from '../support/resize-observer';
import { scriptedClient } from '../support/scripted-client';
import { counters, delta, deltaEvent, liveRow, page, T0 } from '../support/throttle-fixtures';

installResizeObserver();

const ROWS = [
  liveRow({ key: '12:admin@carbon.super', expiryTimeStamp: Date.now() + 60_000 }),
  liveRow({
    key: '/pizzashack/1.0.0/1.0.0/menu:GET_default',
    level: 'resource',
    parts: {
      apiContext: '/pizzashack/1.0.0',
      apiVersion: '1.0.0',
      resource: '/menu',
      verb: 'GET',
      conditionGroup: 'default',
    },
    expiryTimeStamp: Date.now() + 30_000,
    disagreement: [{ broker: 'tm2', kind: 'missing' }],
  }),
];

async function loaded() {
  const script = scriptedClient(
    clusterSnapshot({
      links: [linkSnapshot({ brokerId: 'tm1', label: 'TM 1' }), linkSnapshot({ brokerId: 'tm2', label: 'TM 2' })],
    }),
  );
  script.answers['throttle.page'] = async () => ({
    ok: true,
    value: page({
      at: Date.now(),
      rows: ROWS,
      total: 2,
      counters: counters({
        live: 2,
        byLevel: { application: 1, subscription: 0, api: 0, resource: 1, custom: 0 },
        disagreeingKeys: 1,
        rejected: 3,
      }),
    }),
  });
  const stores = appStores(script.client);
  stores.cluster.connect();
  stores.throttle.connect();
  await Promise.all([stores.cluster.refresh(), stores.throttle.reload()]);
  return { script, stores };
}

const shownKeys = () => screen.queryAllByTestId('throttle-row').map((row) => row.dataset.key);
const chip = (level: string) =>
  screen.getAllByTestId('level-chip').find((c) => c.dataset.level === level) as HTMLButtonElement;

describe('ThrottledView', () => {
  afterEach(() => cleanup());

  it('lists the keys ending first, with counts per level as filter chips', async () => {
    const { stores } = await loaded();
    const navigated: string[] = [];
    render(ThrottledView, { stores, navigate: (id: string) => navigated.push(id) });
    expect(shownKeys()).toEqual(['/pizzashack/1.0.0/1.0.0/menu:GET_default', '12:admin@carbon.super']);
    expect(chip('all').textContent).toBe('All 2');
    expect(chip('resource').textContent).toBe('Resource 1');
    expect(screen.getByTestId('rows-shown').textContent?.trim()).toBe('Showing 2 of 2 throttled keys');

    await fireEvent.click(chip('application'));
    expect(chip('application').getAttribute('aria-pressed')).toBe('true');
    expect(shownKeys()).toEqual(['12:admin@carbon.super']);
    await fireEvent.click(chip('application'));
    expect(shownKeys()).toHaveLength(2);

    await fireEvent.click(within(screen.getByTestId('rejected-note')).getByRole('button'));
    expect(navigated).toEqual(['blocking']);
  });

  it('narrows by typed filters and clears them', async () => {
    const { stores } = await loaded();
    render(ThrottledView, { stores, navigate: () => undefined });
    await fireEvent.input(screen.getByTestId('filter-api'), { target: { value: 'pizza' } });
    expect(shownKeys()).toEqual(['/pizzashack/1.0.0/1.0.0/menu:GET_default']);
    await fireEvent.input(screen.getByTestId('filter-api'), { target: { value: '' } });
    await fireEvent.input(screen.getByTestId('filter-search'), { target: { value: 'ADMIN' } });
    expect(shownKeys()).toEqual(['12:admin@carbon.super']);
    await fireEvent.click(screen.getByTestId('clear-filters'));
    expect(shownKeys()).toHaveLength(2);
    expect((screen.getByTestId('filter-search') as HTMLInputElement).value).toBe('');
  });

  it('explains the selected key and pauses with a count of the changes held back', async () => {
    const { stores, script } = await loaded();
    render(ThrottledView, { stores, navigate: () => undefined });
    await fireEvent.click(screen.getAllByTestId('throttle-row')[0] as HTMLElement);
    expect(screen.getByTestId('why-disagreement').textContent).toMatch(
      /^TM 2 did not report this decision within 2 s — the double-counting symptom/,
    );

    await fireEvent.click(screen.getByTestId('pause-toggle'));
    script.push([
      deltaEvent(delta(1, { at: Date.now(), removals: ['12:admin@carbon.super'], counters: counters({ live: 1 }) })),
    ]);
    stores.throttle.tick();
    await expect
      .poll(() => screen.getByTestId('paused-note').textContent?.replace(/\s+/g, ' '))
      .toMatch(/^\s?Paused: 1 change while paused\.\s?$/);
    expect(shownKeys()).toHaveLength(2);
    await fireEvent.click(screen.getByTestId('pause-toggle'));
    expect(shownKeys()).toEqual(['/pizzashack/1.0.0/1.0.0/menu:GET_default']);
    expect(screen.queryByTestId('paused-note')).toBeNull();
  });

  it('shows the rate in words beside the chart (jsdom cannot draw it)', async () => {
    const { stores } = await loaded();
    render(ThrottledView, { stores, navigate: () => undefined });
    expect(screen.getByTestId('rate-summary').textContent).toBe('No decisions counted yet.');
    await expect.poll(() => screen.getByTestId('rate-chart').textContent).toContain('The chart cannot be drawn here');
  });
});

describe('App with the throttle views', () => {
  afterEach(() => cleanup());

  it('shows the live counts in the top bar and reaches Throttled now on Alt+2, Blocking on Alt+3', async () => {
    const { stores, script } = await loaded();
    const registry = new ViewRegistry(CLUSTER_VIEW, THROTTLED_VIEW, BLOCKING_VIEW);
    render(App, { stores, registry });
    expect(screen.getByTestId('count-throttled').textContent).toBe('Throttled 2');
    expect(screen.getByTestId('count-disagreements').textContent).toBe('Disagreements 1');
    expect(screen.getByTestId('count-disagreements').classList.contains('warn')).toBe(true);
    script.push([deltaEvent(delta(1, { at: T0, counters: counters({ live: 5 }) }))]);
    await expect.poll(() => screen.getByTestId('count-throttled').textContent).toBe('Throttled 5');
    expect(screen.getByTestId('count-rate').textContent).toBe('Decisions 0.0/s');

    await fireEvent.keyDown(window, { code: 'Digit2', altKey: true });
    expect(screen.getByRole('main').getAttribute('aria-label')).toBe('Throttled now');
    expect(shownKeys()).toHaveLength(2);
    await fireEvent.keyDown(window, { code: 'Digit3', altKey: true });
    expect(screen.getByRole('main').getAttribute('aria-label')).toBe('Blocking');
  });

  it('keeps the list current only while a view shows it', async () => {
    const { stores, script } = await loaded();
    expect(stores.throttle.visible).toHaveLength(0);
    script.push([deltaEvent(delta(1, { upserts: [liveRow({ key: 'k3', expiryTimeStamp: Date.now() + 9_000 })] }))]);
    const { unmount } = render(ThrottledView, { stores, navigate: () => undefined });
    expect(stores.throttle.visible.map((r) => r.key)[0]).toBe('k3');
    unmount();
    script.push([deltaEvent(delta(2, { upserts: [liveRow({ key: 'k4', expiryTimeStamp: Date.now() + 1_000 })] }))]);
    stores.throttle.tick();
    expect(stores.throttle.visible.map((r) => r.key)).not.toContain('k4');
  });
});
