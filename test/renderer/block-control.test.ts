import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import BlockingConditionForm from '../../renderer/src/components/policies/BlockingConditionForm.svelte';
import CounterResetForm from '../../renderer/src/components/policies/CounterResetForm.svelte';
import { blockBody, emptyBlockDraft } from '../../renderer/src/lib/policy/block-draft';
import { BlockControl } from '../../renderer/src/lib/stores/block-control.svelte';
import { CounterReset } from '../../renderer/src/lib/stores/counter-reset.svelte';
import { PushTracker } from '../../renderer/src/lib/stores/push-tracker.svelte';
import { ackedView, pushView } from '../support/policy-fixtures';
import { scriptedClient } from '../support/scripted-client';

const field = (name: string) => {
  const element = document.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!element) throw new Error(`no field named ${name}`);
  return element;
};
const errorsFor = (path: string) =>
  [...document.querySelectorAll(`[data-testid="field-error"][data-for="${path}"]`)].map((e) => e.textContent);

function setup() {
  const script = scriptedClient();
  const pushes = new PushTracker(script.client);
  pushes.connect();
  const blocks = new BlockControl(script.client);
  const counters = new CounterReset(script.client);
  return { script, pushes, blocks, counters };
}

describe('blocking condition bodies', () => {
  it('writes each type’s value as the admin REST API does', () => {
    const base = { ...emptyBlockDraft(), value: ' /pizzashack/1.0.0 ', fixedIp: '192.168.0.17 ' };
    expect(blockBody({ ...base, type: 'API' })).toEqual({
      conditionType: 'API',
      conditionValue: '/pizzashack/1.0.0',
      conditionStatus: true,
    });
    expect(blockBody({ ...base, type: 'IP', invert: true, conditionId: '9' })).toEqual({
      conditionType: 'IP',
      conditionValue: { fixedIp: '192.168.0.17', invert: true },
      conditionStatus: true,
      conditionId: '9',
    });
    expect(
      blockBody({ ...base, type: 'IPRANGE', startingIp: '10.0.0.1', endingIp: '10.0.0.9', enabled: false }),
    ).toEqual({
      conditionType: 'IPRANGE',
      conditionValue: { startingIp: '10.0.0.1', endingIp: '10.0.0.9', invert: false },
      conditionStatus: false,
    });
  });
});

describe('BlockingConditionForm', () => {
  afterEach(() => cleanup());

  it('shows the value fields of the chosen type, invert only for IP types', async () => {
    const { blocks, pushes } = setup();
    render(BlockingConditionForm, { blocks, pushes });
    expect(field('conditionValue.fixedIp')).toBeTruthy();
    expect(field('conditionValue.invert')).toBeTruthy();
    await fireEvent.change(field('conditionType'), { target: { value: 'IPRANGE' } });
    expect(field('conditionValue.startingIp')).toBeTruthy();
    expect(field('conditionValue.endingIp')).toBeTruthy();
    await fireEvent.change(field('conditionType'), { target: { value: 'USER' } });
    expect(field('conditionValue').placeholder).toBe('mallory@carbon.super');
    expect(document.querySelector('[name="conditionValue.invert"]')).toBeNull();
  });

  it('puts a refused condition’s errors under its fields', async () => {
    const { script, blocks, pushes } = setup();
    script.answers['blocks.add'] = async () => ({
      ok: true,
      value: {
        started: false,
        pushId: null,
        message: 'The blocking condition is not valid.',
        errors: [
          {
            path: 'conditionValue.endingIp',
            message: 'must not come before the start of the range (10.0.0.9 > 10.0.0.1)',
          },
          { path: 'body', message: 'something the form does not show' },
        ],
      },
    });
    render(BlockingConditionForm, { blocks, pushes });
    await fireEvent.change(field('conditionType'), { target: { value: 'IPRANGE' } });
    await fireEvent.input(field('conditionValue.startingIp'), { target: { value: '10.0.0.9' } });
    await fireEvent.input(field('conditionValue.endingIp'), { target: { value: '10.0.0.1' } });
    await fireEvent.click(screen.getByTestId('add-block'));
    await expect
      .poll(() => errorsFor('conditionValue.endingIp'))
      .toEqual(['must not come before the start of the range (10.0.0.9 > 10.0.0.1)']);
    expect(screen.getByTestId('block-unplaced').textContent).toBe('body: something the form does not show');
    expect(screen.getByTestId('start-outcome').textContent).toContain('The blocking condition is not valid.');
    expect(field('conditionValue.startingIp').value).toBe('10.0.0.9');
    expect(script.callsOf('blocks.add')[0]?.payload).toEqual({
      condition: {
        conditionType: 'IPRANGE',
        conditionValue: { startingIp: '10.0.0.9', endingIp: '10.0.0.1', invert: false },
        conditionStatus: true,
      },
    });
  });

  it('adds a condition and shows its push progress from the events', async () => {
    const { script, blocks, pushes } = setup();
    script.answers['blocks.add'] = async () => ({
      ok: true,
      value: { started: true, pushId: 'b-1', message: 'Sent blocking condition "9" revision 1 to tm1.', errors: [] },
    });
    render(BlockingConditionForm, { blocks, pushes });
    await fireEvent.input(field('conditionValue.fixedIp'), { target: { value: '192.168.0.17' } });
    await fireEvent.click(screen.getByTestId('add-block'));
    await expect.poll(() => screen.queryByTestId('start-outcome')?.textContent).toContain('Sent blocking condition');
    expect(field('conditionValue.fixedIp').value).toBe('');
    const block = {
      pushId: 'b-1',
      kind: 'block.add' as const,
      key: 'blocking:9',
      subject: 'blocking condition "9"',
      revision: 1,
    };
    script.push([{ name: 'policies.push', payload: pushView(block) }]);
    await expect.poll(() => screen.queryByTestId('push-progress')?.dataset.phase).toBe('awaiting-ack');
    script.push([{ name: 'policies.push', payload: ackedView('synced', 2, block) }]);
    await expect.poll(() => screen.getByTestId('push-phase').textContent).toBe('synced 2/2');
    expect(screen.getByTestId('push-progress').querySelector('h4')?.textContent).toBe(
      'Block of blocking condition "9", revision 1',
    );
  });

  it('removes by id, and asks for one when none is typed', async () => {
    const { script, blocks, pushes } = setup();
    script.answers['blocks.remove'] = async ({ conditionId }) => ({
      ok: true,
      value: { started: true, pushId: 'r-1', message: `Removing "${conditionId}".`, errors: [] },
    });
    render(BlockingConditionForm, { blocks, pushes });
    await fireEvent.click(screen.getByTestId('remove-block'));
    expect(errorsFor('removeConditionId')).toEqual([
      'Type the id of the condition to remove (the Blocking view lists them).',
    ]);
    expect(script.callsOf('blocks.remove')).toHaveLength(0);
    await fireEvent.input(field('removeConditionId'), { target: { value: ' 9 ' } });
    await fireEvent.click(screen.getByTestId('remove-block'));
    await expect.poll(() => script.callsOf('blocks.remove').map((c) => c.payload)).toEqual([{ conditionId: '9' }]);
    await expect.poll(() => screen.getByTestId('block-remove-progress').textContent).toContain('Removing "9".');
  });
});

describe('CounterResetForm', () => {
  afterEach(() => cleanup());

  it('resets a key and follows it to its acknowledgement', async () => {
    const { script, counters, pushes } = setup();
    script.answers['counters.reset'] = async () => ({
      ok: true,
      value: { started: true, pushId: 'c-1', message: 'Sent.', errors: [] },
    });
    render(CounterResetForm, { counters, pushes });
    await fireEvent.click(screen.getByTestId('reset-counter'));
    expect(errorsFor('throttleKey')[0]).toMatch(/^Type the throttle key/);
    await fireEvent.input(field('throttleKey'), { target: { value: '12:admin@carbon.super' } });
    await fireEvent.click(screen.getByTestId('reset-counter'));
    await expect
      .poll(() => script.callsOf('counters.reset').map((c) => c.payload))
      .toEqual([{ throttleKey: '12:admin@carbon.super' }]);
    const reset = ackedView('synced', 2, {
      pushId: 'c-1',
      kind: 'counters.reset',
      key: '12:admin@carbon.super',
      revision: 1,
      phase: 'acknowledged',
      sync: null,
    });
    script.push([{ name: 'policies.push', payload: reset }]);
    await expect.poll(() => screen.queryByTestId('push-phase')?.textContent).toBe('acknowledged');
    expect(screen.getAllByTestId('push-step').map((s) => s.dataset.step)).toEqual(['sent', 'acknowledged']);
  });
});
