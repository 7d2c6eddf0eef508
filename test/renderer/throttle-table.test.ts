import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ThrottleTable from '../../renderer/src/components/throttle/ThrottleTable.svelte';
import type { SortOrder } from '../../renderer/src/lib/throttle/visible-rows';
import { installResizeObserver } from '../support/resize-observer';
import { liveRow, manyRows, T0 } from '../support/throttle-fixtures';

installResizeObserver();

const ROW_HEIGHT = 28;

function renderTable(rows = manyRows(100_000), now = T0) {
  const selected: string[] = [];
  const orders: SortOrder[] = [];
  const view = render(ThrottleTable, {
    rows,
    now,
    selectedKey: null,
    order: 'expiry-asc',
    onSelect: (key: string) => selected.push(key),
    onOrder: (order: SortOrder) => orders.push(order),
  });
  return { ...view, selected, orders };
}

const shownKeys = () => screen.getAllByTestId('throttle-row').map((row) => row.dataset.key);
const viewport = () => screen.getByTestId('throttle-table').querySelector('.viewport') as HTMLDivElement;

describe('ThrottleTable', () => {
  afterEach(() => cleanup());

  it('renders only a window of 100,000 rows, with a spacer as tall as all of them', () => {
    renderTable();
    const keys = shownKeys();
    // A 600 px fallback viewport holds 22 rows, plus 6 below for smooth scrolling.
    expect(keys).toHaveLength(28);
    expect(keys[0]).toBe('0:user0@carbon.super');
    expect(screen.getByTestId('throttle-table').getAttribute('aria-rowcount')).toBe('100001');
    const spacer = viewport().querySelector('.spacer') as HTMLDivElement;
    expect(spacer.style.height).toBe(`${100_000 * ROW_HEIGHT}px`);
  });

  it('moves the window as the viewport scrolls', async () => {
    renderTable();
    viewport().scrollTop = 50_000 * ROW_HEIGHT;
    await fireEvent.scroll(viewport());
    const keys = shownKeys();
    expect(keys).toHaveLength(34);
    expect(keys[0]).toBe('49994:user49994@carbon.super');
    expect(keys[6]).toBe('50000:user50000@carbon.super');
    const row = screen.getAllByTestId('throttle-row')[6] as HTMLElement;
    expect(row.style.transform).toBe(`translateY(${50_000 * ROW_HEIGHT}px)`);
    expect(row.getAttribute('aria-rowindex')).toBe('50002');
  });

  it('shows each row decoded, with a countdown, its reporters and a disagreement marker', () => {
    renderTable(
      [
        liveRow({
          key: '/pizzashack/1.0.0/1.0.0/menu:GET_condition_1',
          level: 'resource',
          parts: {
            apiContext: '/pizzashack/1.0.0',
            apiVersion: '1.0.0',
            resource: '/menu',
            verb: 'GET',
            conditionGroup: '1',
          },
          expiryTimeStamp: T0 + 74_500,
          reportedBy: ['tm2', 'tm1'],
          disagreement: [{ broker: 'tm3', kind: 'missing' }],
        }),
        liveRow({ key: 'ended', expiryTimeStamp: T0 - 1 }),
      ],
      T0,
    );
    const [first, second] = screen.getAllByTestId('throttle-row');
    const cells = [...(first?.querySelectorAll('[role="gridcell"]') ?? [])].map((cell) => cell.textContent?.trim());
    expect(cells).toEqual([
      '/pizzashack/1.0.0/1.0.0/menu:GET_condition_1',
      'Resource',
      '/pizzashack/1.0.0 · GET /menu · group 1',
      'Throttled',
      '1:15',
      'tm1, tm2',
      '⚠ 1',
    ]);
    expect(screen.getByTestId('disagreement-marker').title).toBe('tm3 did not report it');
    expect(second?.querySelector('.state')?.textContent).toBe('Ended');
    expect(second?.querySelector('[data-testid="expires-in"]')?.textContent).toBe('0:00');
  });

  it('counts down as time passes', async () => {
    const { rerender } = renderTable([liveRow({ expiryTimeStamp: T0 + 12_000 })], T0);
    expect(screen.getByTestId('expires-in').textContent).toBe('0:12');
    await rerender({ now: T0 + 3_000 });
    expect(screen.getByTestId('expires-in').textContent).toBe('0:09');
  });

  it('selects a row by click or arrow keys, and flips the order from the "Ends in" header', async () => {
    const { selected, orders, rerender } = renderTable(manyRows(100));
    await fireEvent.click(screen.getAllByTestId('throttle-row')[3] as HTMLElement);
    expect(selected).toEqual(['3:user3@carbon.super']);
    await rerender({ selectedKey: '3:user3@carbon.super' });
    expect(screen.getAllByTestId('throttle-row')[3]?.getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(screen.getByTestId('throttle-table'), { key: 'ArrowDown' });
    expect(selected.at(-1)).toBe('4:user4@carbon.super');
    await fireEvent.click(screen.getByTestId('sort-expiry'));
    expect(orders).toEqual(['expiry-desc']);
  });

  it('says so when no row matches', () => {
    renderTable([]);
    expect(screen.getByTestId('no-rows').textContent).toBe('No throttled keys match.');
    expect(screen.queryAllByTestId('throttle-row')).toHaveLength(0);
  });
});
