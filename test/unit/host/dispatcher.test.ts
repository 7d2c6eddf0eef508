import { describe, expect, it } from 'vitest';
import { contract, type CallHandlers } from '../../../electron/core/host/contract';
import { CALL_NAMES } from '../../../electron/core/host/contract-names';
import { createDispatcher } from '../../../electron/core/host/dispatcher';
import { clusterSnapshot, fixedHandlers, linkSnapshot, VALID_REQUESTS } from '../../support/fixtures';

const snapshot = clusterSnapshot({ links: [linkSnapshot()] });
const handlers: CallHandlers = fixedHandlers(snapshot);

describe('dispatcher', () => {
  it('has exactly one schema pair per call name', () => {
    expect(Object.keys(contract.calls).sort()).toEqual([...CALL_NAMES].sort());
  });

  it.each(CALL_NAMES)('validates the request of %s: a malformed payload is an error result', async (name) => {
    const dispatch = createDispatcher(handlers);
    for (const bad of [null, 'text', 42, [], { unexpected: true }, { brokerId: 7 }]) {
      const result = await dispatch(name, bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-request');
    }
  });

  it.each(CALL_NAMES)('answers a valid %s call with a value inside the contract', async (name) => {
    const result = await createDispatcher(handlers)(name, VALID_REQUESTS[name]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(contract.calls[name].response.safeParse(result.value).success).toBe(true);
  });

  it('refuses an unknown call by name', async () => {
    const result = await createDispatcher(handlers)('cluster.dropAllTables', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown-call', message: 'There is no call named "cluster.dropAllTables".' },
    });
  });

  it('refuses inherited object keys as call names', async () => {
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const result = await createDispatcher(handlers)(name, {});
      expect(result.ok ? 'ok' : result.error.code).toBe('unknown-call');
    }
  });

  it('reports the path of each invalid field', async () => {
    const result = await createDispatcher(handlers)('app.info', { extra: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues?.[0]?.message).toMatch(/unrecognized key/i);
  });

  it('turns a throwing handler into an error result', async () => {
    const dispatch = createDispatcher({
      ...handlers,
      'cluster.snapshot': () => {
        throw new Error('no cluster loaded');
      },
    });
    const result = await dispatch('cluster.snapshot', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'handler-failed', message: '"cluster.snapshot" failed: no cluster loaded' },
    });
  });

  it('refuses an answer outside the contract instead of passing it on', async () => {
    const dispatch = createDispatcher({
      ...handlers,
      'cluster.snapshot': () => ({ profileName: 'p', links: [{ brokerId: 7 }] }) as never,
    });
    const result = await dispatch('cluster.snapshot', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-response');
      expect(result.error.issues?.map((i) => i.path)).toContain('links.0.brokerId');
    }
  });
});
