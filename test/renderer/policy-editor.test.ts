import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallIssue } from '../../electron/core/host/call-result';
import PolicyEditorForm from '../../renderer/src/components/policy-editor/PolicyEditorForm.svelte';
import { ClusterStore } from '../../renderer/src/lib/stores/cluster-store.svelte';
import { catalogSummary, scriptPolicies } from '../support/policy-fixtures';
import { policyStores } from '../support/renderer-stores';
import { scriptedClient } from '../support/scripted-client';

const ADVANCED = {
  policyName: 'Tiers',
  defaultLimit: { type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'min', unitTime: 1, requestCount: 1000 } },
  conditionalGroups: [
    {
      description: 'free tier',
      conditions: [{ type: 'HEADERCONDITION', headerCondition: { headerName: 'x-tier', headerValue: 'free' } }],
      limit: { type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'min', unitTime: 1, requestCount: 10 } },
    },
    {
      description: 'office',
      conditions: [
        {
          type: 'QUERYPARAMETERCONDITION',
          queryParameterCondition: { parameterName: 'client', parameterValue: 'app' },
        },
        {
          type: 'IPCONDITION',
          invertCondition: false,
          ipCondition: { ipConditionType: 'IPRANGE', startingIP: '10.0.0.9', endingIP: '10.0.0.1' },
        },
      ],
      limit: { type: 'BANDWIDTHLIMIT', bandwidth: { timeUnit: 'hour', unitTime: 1, dataAmount: 5, dataUnit: 'MB' } },
    },
  ],
};

interface Setup {
  /** What `policies.save` answers: the errors to refuse with, or nothing to accept. */
  refuse?: CallIssue[];
  edit?: { kind: 'advanced' | 'application' | 'subscription' | 'custom'; body: unknown };
}

async function renderEditor({ refuse, edit }: Setup = {}) {
  const script = scriptedClient();
  scriptPolicies(script);
  script.answers['policies.save'] = async ({ body, kind }) => ({
    ok: true,
    value: refuse
      ? { ok: false, errors: refuse, warnings: [] }
      : {
          ok: true,
          entry: catalogSummary({ key: `${kind}:${String((body as { policyName: string }).policyName)}`, revision: 1 }),
          unchanged: false,
          warnings: [],
        },
  });
  script.answers['policies.get'] = async ({ key }) => ({
    ok: true,
    value: {
      ok: true,
      entry: catalogSummary({ key, kind: edit?.kind ?? 'application', name: 'x' }),
      revision: 4,
      body: edit?.body ?? {},
      history: [],
      warnings: [],
    },
  });
  const { policies } = policyStores(script.client, new ClusterStore(script.client));
  if (edit) await policies.startEdit(`${edit.kind}:x`);
  else policies.startNew('application');
  const editor = policies.editor;
  if (!editor) throw new Error('no editor');
  let cancelled = 0;
  render(PolicyEditorForm, { editor, onCancel: () => (cancelled += 1) });
  return { script, policies, editor, cancelled: () => cancelled };
}

const field = (name: string) => {
  const element = document.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!element) throw new Error(`no field named ${name}`);
  return element;
};
const errorsFor = (path: string) =>
  [...document.querySelectorAll(`[data-testid="field-error"][data-for="${path}"]`)].map((e) => e.textContent);
const save = () => fireEvent.click(screen.getAllByTestId('save-policy')[0] as HTMLElement);
const lastSaved = (script: ReturnType<typeof scriptedClient>) =>
  script.callsOf('policies.save').at(-1)?.payload as { body: Record<string, unknown>; kind: string };

describe('PolicyEditorForm: errors where the form shows them', () => {
  afterEach(() => cleanup());

  it('puts each save error under the field its path names, and the rest in the summary', async () => {
    const { script } = await renderEditor({
      edit: { kind: 'advanced', body: ADVANCED },
      refuse: [
        { path: 'defaultLimit.requestCount.requestCount', message: 'must be greater than 0' },
        {
          path: 'conditionalGroups.1.conditions.1.ipCondition.endingIP',
          message: 'must not come before the start of the range (10.0.0.9 > 10.0.0.1)',
        },
        { path: 'conditionalGroups.1.limit.bandwidth.dataUnit', message: 'must be one of KB, MB, GB (got "TB")' },
        {
          path: 'conditionalGroups.0.conditions.0',
          message: 'repeats header "x-tier" of conditions.0; a group can test it only once',
        },
        {
          path: 'conditionalGroups.1.description',
          message: '"office" is already the description of conditionalGroups.0',
        },
        { path: 'policyName', message: 'must not contain spaces or ":"' },
        { path: 'monetization.plan', message: 'a member the form does not show' },
        { path: '(root)', message: 'is 200000 bytes; a policy may have at most 131072' },
      ],
    });
    await save();
    await expect.poll(() => screen.queryByTestId('policy-error-summary')).not.toBeNull();
    expect(lastSaved(script).kind).toBe('advanced');
    expect(errorsFor('defaultLimit.requestCount.requestCount')).toEqual(['must be greater than 0']);
    expect(field('defaultLimit.requestCount.requestCount').getAttribute('aria-invalid')).toBe('true');
    expect(errorsFor('conditionalGroups.1.conditions.1.ipCondition.endingIP')).toEqual([
      'must not come before the start of the range (10.0.0.9 > 10.0.0.1)',
    ]);
    expect(field('conditionalGroups.1.conditions.1.ipCondition.startingIP').getAttribute('aria-invalid')).toBe('false');
    expect(errorsFor('conditionalGroups.1.limit.bandwidth.dataUnit')).toEqual(['must be one of KB, MB, GB (got "TB")']);
    expect(errorsFor('conditionalGroups.0.conditions.0')).toEqual([
      'repeats header "x-tier" of conditions.0; a group can test it only once',
    ]);
    expect(errorsFor('conditionalGroups.1.description')).toEqual([
      '"office" is already the description of conditionalGroups.0',
    ]);
    expect(errorsFor('policyName')).toEqual(['must not contain spaces or ":"']);
    expect(screen.getByTestId('policy-summary-lead').textContent).toBe(
      'The policy was not saved. 6 fields need attention: see the messages under them.',
    );
    expect(screen.getAllByTestId('policy-summary-error').map((e) => e.textContent)).toEqual([
      'monetization.plan: a member the form does not show',
      'is 200000 bytes; a policy may have at most 131072',
    ]);
  });

  it('keeps an error with its group when an earlier group is removed', async () => {
    await renderEditor({
      edit: { kind: 'advanced', body: ADVANCED },
      refuse: [{ path: 'conditionalGroups.1.conditions.1.ipCondition.endingIP', message: 'before the start' }],
    });
    await save();
    await expect
      .poll(() => errorsFor('conditionalGroups.1.conditions.1.ipCondition.endingIP'))
      .toEqual(['before the start']);
    await fireEvent.click(screen.getAllByTestId('remove-group')[0] as HTMLElement);
    expect(field('conditionalGroups.0.conditions.1.ipCondition.endingIP').value).toBe('10.0.0.1');
    expect(errorsFor('conditionalGroups.0.conditions.1.ipCondition.endingIP')).toEqual(['before the start']);
    expect(errorsFor('conditionalGroups.1.conditions.1.ipCondition.endingIP')).toEqual([]);
  });

  it('an error for a field the type no longer shows goes to the summary', async () => {
    await renderEditor({
      edit: { kind: 'advanced', body: ADVANCED },
      refuse: [{ path: 'conditionalGroups.1.limit.bandwidth.dataAmount', message: 'is too large' }],
    });
    await save();
    await expect.poll(() => errorsFor('conditionalGroups.1.limit.bandwidth.dataAmount')).toEqual(['is too large']);
    await fireEvent.change(field('conditionalGroups.1.limit.type'), { target: { value: 'REQUESTCOUNTLIMIT' } });
    expect(errorsFor('conditionalGroups.1.limit.bandwidth.dataAmount')).toEqual([]);
    expect(screen.getAllByTestId('policy-summary-error').map((e) => e.textContent)).toEqual([
      'conditionalGroups.1.limit.bandwidth.dataAmount: is too large',
    ]);
  });

  it('refuses text in a number field without sending, under that field', async () => {
    const { script } = await renderEditor();
    await fireEvent.input(field('policyName'), { target: { value: 'Gold' } });
    await fireEvent.input(field('defaultLimit.requestCount.requestCount'), { target: { value: 'lots' } });
    await save();
    expect(errorsFor('defaultLimit.requestCount.requestCount')).toEqual(['must be a number (got "lots")']);
    expect(script.callsOf('policies.save')).toHaveLength(0);
  });

  it('saves a new application policy with the form’s values and closes', async () => {
    const { script, policies } = await renderEditor();
    await fireEvent.input(field('policyName'), { target: { value: 'Gold' } });
    await fireEvent.input(field('defaultLimit.requestCount.requestCount'), { target: { value: '50' } });
    await fireEvent.change(field('defaultLimit.requestCount.timeUnit'), { target: { value: 'hour' } });
    await save();
    await expect.poll(() => policies.editor).toBeNull();
    expect(lastSaved(script)).toEqual({
      kind: 'application',
      body: {
        policyName: 'Gold',
        description: '',
        defaultLimit: { type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'hour', unitTime: 1, requestCount: 50 } },
      },
    });
    expect(policies.outcome?.message).toBe('Saved application:Gold as revision 1.');
    expect(policies.selectedKey).toBe('application:Gold');
  });

  it('edits the whole body as JSON: errors listed by path there, placed under fields back on the form', async () => {
    const { script, editor } = await renderEditor({
      edit: { kind: 'subscription', body: { policyName: 'Gold', defaultLimit: ADVANCED.defaultLimit } },
      refuse: [{ path: 'rateLimitTimeUnit', message: 'is required when rateLimitCount (burst control) is set' }],
    });
    await fireEvent.click(screen.getAllByTestId('mode-json')[0] as HTMLElement);
    const text = field('json');
    expect(JSON.parse(text.value)).toEqual({ policyName: 'Gold', defaultLimit: ADVANCED.defaultLimit });
    await fireEvent.input(text, {
      target: {
        value: JSON.stringify({
          policyName: 'Gold',
          defaultLimit: ADVANCED.defaultLimit,
          rateLimitCount: 5,
          monetization: { plan: 'x' },
        }),
      },
    });
    await save();
    await expect
      .poll(() => screen.queryAllByTestId('policy-summary-error').map((e) => e.textContent))
      .toEqual(['rateLimitTimeUnit: is required when rateLimitCount (burst control) is set']);
    expect(lastSaved(script).body.monetization).toEqual({ plan: 'x' });

    await fireEvent.click(screen.getAllByTestId('mode-form')[0] as HTMLElement);
    expect(editor.mode).toBe('form');
    expect(field('rateLimitCount').value).toBe('5');
    expect(errorsFor('rateLimitTimeUnit')).toEqual(['is required when rateLimitCount (burst control) is set']);
    expect(screen.queryAllByTestId('policy-summary-error')).toHaveLength(0);
  });

  it('stays on the JSON text when it is not a policy object', async () => {
    const { editor } = await renderEditor();
    await fireEvent.click(screen.getAllByTestId('mode-json')[0] as HTMLElement);
    await fireEvent.input(field('json'), { target: { value: '[1, 2' } });
    await fireEvent.click(screen.getAllByTestId('mode-form')[0] as HTMLElement);
    expect(editor.mode).toBe('json');
    expect(errorsFor('json')[0]).toMatch(/^The text is not JSON: /);
  });

  it('saves what is typed into a group: its description, each kind of condition field, and its limit', async () => {
    const { script, policies } = await renderEditor({ edit: { kind: 'advanced', body: ADVANCED } });
    await fireEvent.input(field('conditionalGroups.0.description'), { target: { value: 'gratis tier' } });
    await fireEvent.input(field('conditionalGroups.0.conditions.0.headerCondition.headerValue'), {
      target: { value: 'gratis' },
    });
    await fireEvent.click(field('conditionalGroups.0.conditions.0.invertCondition'));
    await fireEvent.change(field('conditionalGroups.1.conditions.1.ipCondition.ipConditionType'), {
      target: { value: 'IPSPECIFIC' },
    });
    await fireEvent.input(field('conditionalGroups.1.conditions.1.ipCondition.specificIP'), {
      target: { value: '10.0.0.5' },
    });
    await fireEvent.change(field('conditionalGroups.1.limit.type'), { target: { value: 'EVENTCOUNTLIMIT' } });
    await fireEvent.input(field('conditionalGroups.1.limit.eventCount.eventCount'), { target: { value: '7' } });
    await fireEvent.input(field('conditionalGroups.1.limit.eventCount.unitTime'), { target: { value: '2' } });
    await fireEvent.change(field('conditionalGroups.1.limit.eventCount.timeUnit'), { target: { value: 'day' } });
    await save();
    await expect.poll(() => policies.editor).toBeNull();
    const [free, office] = lastSaved(script).body.conditionalGroups as Record<string, unknown>[];
    expect(free?.description).toBe('gratis tier');
    expect(free?.conditions).toEqual([
      {
        type: 'HEADERCONDITION',
        invertCondition: true,
        headerCondition: { headerName: 'x-tier', headerValue: 'gratis' },
      },
    ]);
    expect((office?.conditions as unknown[])[1]).toEqual({
      type: 'IPCONDITION',
      invertCondition: false,
      ipCondition: { ipConditionType: 'IPSPECIFIC', specificIP: '10.0.0.5' },
    });
    expect(office?.limit).toEqual({
      type: 'EVENTCOUNTLIMIT',
      eventCount: { timeUnit: 'day', unitTime: 2, eventCount: 7 },
    });
  });

  it('adds and removes groups and conditions', async () => {
    const { editor } = await renderEditor({
      edit: { kind: 'advanced', body: { policyName: 'A', defaultLimit: ADVANCED.defaultLimit } },
    });
    await fireEvent.click(screen.getByTestId('add-group'));
    await fireEvent.click(screen.getByTestId('add-condition'));
    expect(screen.getAllByTestId('condition-row')).toHaveLength(2);
    await fireEvent.change(field('conditionalGroups.0.conditions.1.type'), { target: { value: 'JWTCLAIMSCONDITION' } });
    expect(field('conditionalGroups.0.conditions.1.jwtClaimsCondition.claimUrl')).toBeTruthy();
    await fireEvent.click(screen.getAllByTestId('remove-condition')[0] as HTMLElement);
    expect(editor.draft.groups[0]?.conditions.map((c) => c.type)).toEqual(['JWTCLAIMSCONDITION']);
    await fireEvent.click(screen.getByTestId('remove-group'));
    expect(screen.queryAllByTestId('group-card')).toHaveLength(0);
  });

  it('keeps custom attributes as rows, errors following their row', async () => {
    const { script } = await renderEditor({
      edit: {
        kind: 'subscription',
        body: {
          policyName: 'Gold',
          defaultLimit: ADVANCED.defaultLimit,
          customAttributes: [{ name: 'a', value: '1' }],
        },
      },
      refuse: [{ path: 'customAttributes.1.name', message: '"a" is already used by customAttributes.0' }],
    });
    await fireEvent.click(screen.getByTestId('add-attribute'));
    await fireEvent.input(field('customAttributes.1.name'), { target: { value: 'a' } });
    await fireEvent.input(field('customAttributes.1.value'), { target: { value: '2' } });
    await save();
    expect(lastSaved(script).body.customAttributes).toEqual([
      { name: 'a', value: '1' },
      { name: 'a', value: '2' },
    ]);
    await expect
      .poll(() => errorsFor('customAttributes.1.name'))
      .toEqual(['"a" is already used by customAttributes.0']);
    await fireEvent.click(screen.getAllByTestId('remove-attribute')[0] as HTMLElement);
    expect(errorsFor('customAttributes.0.name')).toEqual(['"a" is already used by customAttributes.0']);
  });
});
