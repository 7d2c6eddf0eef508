import { describe, expect, it } from 'vitest';
import type { TmcBridge } from '../../electron/core/host/bridge';
import { CALL_NAMES, EVENT_NAMES } from '../../electron/core/host/contract-names';
import { PoliciesStore } from '../../renderer/src/lib/stores/policies-store.svelte';
import { createIpcClient } from '../../renderer/src/lib/transport/ipc-client';
import { catalogSummary, scriptPolicies } from '../support/policy-fixtures';
import { scriptedClient } from '../support/scripted-client';

/** The preload's bridge over a scripted client: like `ipcRenderer.invoke`, it structured-clones each request. */
function electronBridge(script: ReturnType<typeof scriptedClient>): TmcBridge {
  const call = Object.fromEntries(
    CALL_NAMES.map((name) => [name, (payload: unknown) => script.client.call(name, structuredClone(payload) as never)]),
  ) as unknown as TmcBridge['call'];
  return { call, events: EVENT_NAMES, onEvents: (listener) => script.client.onEvents(listener) };
}

// A subscription policy as the admin REST API exports it: members the form does not show hold
// objects and arrays.
const GOLD = {
  policyId: 'a1b2',
  policyName: 'Gold',
  description: 'old words',
  defaultLimit: { type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'min', unitTime: 1, requestCount: 5000 } },
  stopOnQuotaReach: true,
  billingPlan: 'COMMERCIAL',
  monetization: { monetizationPlan: 'FIXEDRATE', properties: { fixedPrice: '10', currencyType: 'USD' } },
  permissions: { permissionType: 'ALLOW', roles: ['Internal/everyone'] },
  customAttributes: [],
};

describe('Saving a policy over Electron IPC', () => {
  it('sends what the form shows and keeps what it does not, as plain data the IPC can carry', async () => {
    const script = scriptedClient();
    scriptPolicies(script);
    script.answers['policies.get'] = async ({ key }) => ({
      ok: true,
      value: {
        ok: true,
        entry: catalogSummary({ key, kind: 'subscription', name: 'Gold' }),
        revision: 4,
        body: GOLD,
        history: [],
        warnings: [],
      },
    });
    script.answers['policies.save'] = async () => ({
      ok: true,
      value: {
        ok: true,
        entry: catalogSummary({ key: 'subscription:Gold', revision: 5 }),
        unchanged: false,
        warnings: [],
      },
    });
    const policies = new PoliciesStore(createIpcClient(electronBridge(script)), () => undefined);
    await policies.startEdit('subscription:Gold');
    const editor = policies.editor;
    if (!editor) throw new Error('no editor');
    editor.draft.description = 'new words';

    expect(await editor.save()).toBe(true);
    expect(editor.issues).toEqual([]);
    const saved = script.callsOf('policies.save').at(-1)?.payload as { body: Record<string, unknown> };
    expect(saved.body).toEqual({ ...GOLD, description: 'new words' });
  });
});
