import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveRow } from '../../electron/core/throttle/delta-types';
import WhyPanel from '../../renderer/src/components/throttle/WhyPanel.svelte';
import { formatClockTime } from '../../renderer/src/lib/format-metrics';
import type { Selection } from '../../renderer/src/lib/stores/throttle-store.svelte';
import type { ThrottleFilter } from '../../renderer/src/lib/throttle/row-filter';
import { conditionWords, disagreementWords, reportedWords } from '../../renderer/src/lib/throttle/why-words';
import { liveRow, T0 } from '../support/throttle-fixtures';

const LABELS: Record<string, string> = { tm1: 'Traffic manager 1', tm2: 'Traffic manager 2' };
const labelOf = (id: string): string => LABELS[id] ?? id;

const RESOURCE: LiveRow = liveRow({
  key: '/pizzashack/1.0.0/1.0.0/menu:GET_condition_1',
  level: 'resource',
  parts: {
    apiContext: '/pizzashack/1.0.0',
    apiVersion: '1.0.0',
    resource: '/menu',
    verb: 'GET',
    conditionGroup: '1',
    perUser: false,
  },
  conditions: [
    { kind: 'header', invert: false, values: [{ name: 'x-tier', value: 'free' }], text: 'header x-tier = free' },
    {
      kind: 'ipRange',
      invert: true,
      startingIp: '10.0.0.1',
      endingIp: '10.0.0.255',
      text: 'not IP range 10.0.0.1–10.0.0.255',
    },
  ],
  expiryTimeStamp: T0 + 42_000,
  reportedBy: ['tm2', 'tm1'],
  skewMs: 35,
});

function renderPanel(selection: Selection | null, now = T0) {
  const filters: Partial<ThrottleFilter>[] = [];
  let closed = 0;
  render(WhyPanel, {
    selection,
    now,
    labelOf,
    onFilter: (patch: Partial<ThrottleFilter>) => filters.push(patch),
    onClose: () => (closed += 1),
  });
  return { filters, closed: () => closed };
}

const text = (id: string) => screen.getByTestId(id).textContent?.replace(/\s+/g, ' ').trim();

describe('why words', () => {
  it('explains a missing report as the double-counting symptom and an opposite one as such', () => {
    const row = liveRow({
      disagreement: [
        { broker: 'tm2', kind: 'missing' },
        { broker: 'tm3', kind: 'opposite' },
      ],
    });
    expect(disagreementWords(row, (id) => id)).toEqual([
      'tm2 did not report this decision within 2 s — the double-counting symptom: its counters differ, and gateways listening to it let these requests through.',
      'tm3 reports the opposite state for the same window.',
    ]);
  });

  it('says who reported and how far apart', () => {
    expect(reportedWords({ reportedBy: ['tm2', 'tm1'], skewMs: 35 }, labelOf)).toBe(
      'Reported by Traffic manager 1 and Traffic manager 2, the last 35 ms after the first.',
    );
    expect(reportedWords({ reportedBy: ['tm1', 'tm2'], skewMs: 0 }, labelOf)).toBe(
      'Reported by Traffic manager 1 and Traffic manager 2, at the same moment.',
    );
    expect(reportedWords({ reportedBy: ['tm1'], skewMs: 0 }, labelOf)).toBe('Reported by Traffic manager 1 only.');
  });

  it('reads the matched condition group per level', () => {
    expect(conditionWords(RESOURCE).lead).toBe(
      'Condition group 1 matched: requests where header x-tier = free and not IP range 10.0.0.1–10.0.0.255.',
    );
    expect(conditionWords({ ...RESOURCE, parts: { conditionGroup: 'default' }, conditions: [] }).lead).toBe(
      'The default limit matched: no condition group of the policy applied to these requests.',
    );
    expect(conditionWords(liveRow()).lead).toBe('No conditions: this level counts every request of the key.');
    expect(
      conditionWords({
        ...RESOURCE,
        conditions: [{ kind: 'unreadable', invert: false, text: 'evaluatedConditions is not Base64' }],
      }).conditions,
    ).toEqual(['unreadable conditions (evaluatedConditions is not Base64)']);
  });
});

describe('WhyPanel', () => {
  afterEach(() => cleanup());

  it('asks for a selection when there is none', () => {
    renderPanel(null);
    expect(text('why-empty')).toBe('Select a key to see why it is throttled.');
  });

  it('explains a resource key: until when, which level, which conditions, who reported it', () => {
    renderPanel({ row: RESOURCE, live: true });
    expect(text('why-key')).toBe('/pizzashack/1.0.0/1.0.0/menu:GET_condition_1');
    expect(text('why-state')).toBe(`Throttled until ${formatClockTime(T0 + 42_000)}, ends in 0:42.`);
    expect(text('why-level')).toBe(
      'Resource policy: the quota of one resource (path and verb) ran out in the current window.',
    );
    expect(text('why-conditions')).toContain('Condition group 1 matched');
    expect(screen.getByTestId('why-panel').querySelectorAll('li')).toHaveLength(2);
    expect(text('why-reported')).toBe(
      'Reported by Traffic manager 1 and Traffic manager 2, the last 35 ms after the first.',
    );
    expect(screen.queryByTestId('why-disagreement')).toBeNull();
    expect(screen.queryByTestId('why-gone')).toBeNull();
    const parts = [...screen.getByTestId('why-panel').querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(parts).toEqual(['API', 'Version', 'Resource', 'Verb', 'Condition group', 'Per user']);
  });

  it('names the disagreeing traffic manager by its label and says what it means', () => {
    renderPanel({ row: { ...RESOURCE, disagreement: [{ broker: 'tm2', kind: 'missing' }] }, live: true });
    expect(text('why-disagreement')).toMatch(
      /^Traffic manager 2 did not report this decision within 2 s — the double-counting symptom/,
    );
  });

  it('keeps the last known state of a key that left the table, and says so', () => {
    renderPanel({ row: RESOURCE, live: false }, T0 + 50_000);
    expect(text('why-gone')).toContain('This key left the table');
    expect(text('why-state')).toBe(`Throttled until ${formatClockTime(T0 + 42_000)}; that window has ended.`);
  });

  it('narrows the table to the key’s API, application or user, and closes', async () => {
    const { filters, closed } = renderPanel({ row: liveRow(), live: true });
    expect(screen.queryByTestId('only-api')).toBeNull();
    await fireEvent.click(screen.getByTestId('only-app'));
    await fireEvent.click(screen.getByTestId('only-user'));
    await fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(filters).toEqual([{ app: '12' }, { user: 'admin@carbon.super' }]);
    expect(closed()).toBe(1);
  });
});
