import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallIssue } from '../../electron/core/host/call-result';
import type { Profile } from '../../electron/core/profile/profile-schema';
import ProfileEditorForm from '../../renderer/src/components/profile-editor/ProfileEditorForm.svelte';
import { clusterSnapshot } from '../support/fixtures';
import { profileList, storedProfile } from '../support/profile-fixtures';
import { loadedStores } from '../support/renderer-stores';
import { scriptedClient } from '../support/scripted-client';

const LAB = storedProfile({
  name: 'Lab',
  username: 'ops',
  passwordRef: 'secret-lab-1',
  brokers: [
    { id: 'tm1', label: 'TM 1', url: 'mqtt://127.0.0.1:1883' },
    { id: 'tm2', label: 'TM 2', url: 'mqtt://127.0.0.1:1884' },
    { id: 'tm3', label: 'TM 3', url: 'mqtt://127.0.0.1:1885' },
  ],
});

interface Setup {
  profile?: Profile;
  canStoreSecrets?: boolean;
  /** What `profiles.save` answers: the errors to refuse with, or nothing to accept. */
  refuse?: CallIssue[];
}

async function renderEditor({ profile, canStoreSecrets = true, refuse }: Setup = {}) {
  const script = scriptedClient(clusterSnapshot(), profileList({ profiles: [LAB], canStoreSecrets }));
  script.answers['profiles.save'] = async () => ({
    ok: true,
    value: refuse ? { ok: false, errors: refuse, warnings: [] } : { ok: true, profile: LAB, warnings: [] },
  });
  const { profiles } = await loadedStores(script);
  if (profile) profiles.startEdit(profile.name);
  else profiles.startNew();
  const editor = profiles.editor;
  if (!editor) throw new Error('no editor');
  let cancelled = 0;
  render(ProfileEditorForm, { editor, canStoreSecrets: profiles.canStoreSecrets, onCancel: () => (cancelled += 1) });
  return { script, profiles, editor, cancelled: () => cancelled };
}

const field = (name: string) => {
  const element = document.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!element) throw new Error(`no field named ${name}`);
  return element;
};
const errorsFor = (path: string) =>
  [...document.querySelectorAll(`[data-testid="field-error"][data-for="${path}"]`)].map((e) => e.textContent);
const lastSave = (script: ReturnType<typeof scriptedClient>) =>
  script.callsOf('profiles.save').at(-1)?.payload as Record<string, unknown>;
const save = () => fireEvent.click(screen.getAllByTestId('save-profile')[0] as HTMLElement);
const brokerRows = () => screen.getAllByTestId('broker-row');

describe('ProfileEditorForm: errors', () => {
  afterEach(() => cleanup());

  it('puts each save error under the field its path names, and unknown paths in the summary', async () => {
    const { script } = await renderEditor({
      profile: LAB,
      refuse: [
        { path: 'brokers.1.url', message: 'scheme "http:" is not supported (use mqtt://, mqtts://, ws:// or wss://)' },
        { path: 'name', message: 'a profile named "Prod" already exists' },
        { path: 'failover.probe.intervalMs', message: 'Too small: expected number to be >=50' },
        { path: 'tls', message: 'a client certificate needs its key, and a key its certificate' },
        { path: 'password', message: 'This host has no keychain to keep secrets in.' },
        { path: 'topics.sync', message: 'a topic name may not contain "#", "+" or NUL' },
        { path: 'brokers.7.url', message: 'a row the form does not have' },
        { path: '', message: 'the profiles file cannot be written: disk full' },
      ],
    });
    await save();
    await expect.poll(() => screen.queryByTestId('error-summary')).not.toBeNull();
    expect(script.callsOf('profiles.save')).toHaveLength(1);
    expect(errorsFor('brokers.1.url')).toEqual([
      'scheme "http:" is not supported (use mqtt://, mqtts://, ws:// or wss://)',
    ]);
    expect(field('brokers.1.url').getAttribute('aria-invalid')).toBe('true');
    expect(field('brokers.0.url').getAttribute('aria-invalid')).toBe('false');
    expect(errorsFor('name')).toEqual(['a profile named "Prod" already exists']);
    expect(errorsFor('failover.probe.intervalMs')).toEqual(['Too small: expected number to be >=50']);
    expect(errorsFor('tls')).toEqual(['a client certificate needs its key, and a key its certificate']);
    expect(errorsFor('password')).toEqual(['This host has no keychain to keep secrets in.']);
    expect(errorsFor('topics.sync')).toEqual(['a topic name may not contain "#", "+" or NUL']);
    expect((screen.getByTestId('section-advanced') as HTMLDetailsElement).open).toBe(true);
    expect(screen.getByTestId('summary-lead').textContent).toBe(
      'The profile was not saved. 6 fields need attention: see the messages under them.',
    );
    expect(screen.getAllByTestId('summary-error').map((e) => e.textContent)).toEqual([
      'brokers.7.url: a row the form does not have',
      'the profiles file cannot be written: disk full',
    ]);
  });

  it('keeps a broker error with its row when the row moves', async () => {
    await renderEditor({ profile: LAB, refuse: [{ path: 'brokers.2.url', message: 'has no host' }] });
    await save();
    await expect.poll(() => errorsFor('brokers.2.url')).toEqual(['has no host']);
    await fireEvent.click(brokerRows()[2]?.querySelector('[data-testid="move-up"]') as HTMLElement);
    expect(field('brokers.1.url').value).toBe('mqtt://127.0.0.1:1885');
    expect(errorsFor('brokers.1.url')).toEqual(['has no host']);
    expect(errorsFor('brokers.2.url')).toEqual([]);
  });

  it('clears the errors when a later save succeeds', async () => {
    const { script, editor } = await renderEditor({ profile: LAB, refuse: [{ path: 'name', message: 'taken' }] });
    await save();
    await expect.poll(() => errorsFor('name')).toEqual(['taken']);
    script.answers['profiles.save'] = async () => ({ ok: true, value: { ok: true, profile: LAB, warnings: [] } });
    expect(await editor.save()).toBe(true);
    expect(editor.errors.byPath.size).toBe(0);
  });

  it('refuses text in a number field without sending, under that field', async () => {
    const { script } = await renderEditor({ profile: LAB });
    await fireEvent.input(field('failover.probe.intervalMs'), { target: { value: 'fast' } });
    await save();
    await expect
      .poll(() => errorsFor('failover.probe.intervalMs'))
      .toEqual(['"fast" is not a number: enter one, or leave it empty for the default (250)']);
    expect(script.callsOf('profiles.save')).toHaveLength(0);
  });
});

describe('ProfileEditorForm: brokers', () => {
  afterEach(() => cleanup());

  it('says the order is the failover priority, and saves the order shown', async () => {
    const { script } = await renderEditor({ profile: LAB });
    expect(screen.getByTestId('section-traffic-managers').textContent).toContain('The order is the failover priority');
    const buttons = (i: number) => ({
      up: brokerRows()[i]?.querySelector('[data-testid="move-up"]') as HTMLButtonElement,
      down: brokerRows()[i]?.querySelector('[data-testid="move-down"]') as HTMLButtonElement,
    });
    expect(buttons(0).up.disabled).toBe(true);
    expect(buttons(2).down.disabled).toBe(true);
    await fireEvent.click(buttons(0).down);
    await fireEvent.click(buttons(2).up);
    expect(brokerRows().map((row) => row.querySelector('td')?.textContent)).toEqual(['1', '2', '3']);
    await save();
    const profile = lastSave(script)['profile'] as { brokers: { id: string }[] };
    expect(profile.brokers.map((b) => b.id)).toEqual(['tm2', 'tm3', 'tm1']);
  });

  it('adds a row with a free id and removes rows, never the last one', async () => {
    const { script } = await renderEditor();
    expect(brokerRows()).toHaveLength(1);
    expect((brokerRows()[0]?.querySelector('[data-testid="remove-broker"]') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('add-broker'));
    expect(field('brokers.1.id').value).toBe('tm2');
    await fireEvent.input(field('brokers.1.url'), { target: { value: 'mqtt://127.0.0.1:2' } });
    await fireEvent.click(brokerRows()[0]?.querySelector('[data-testid="remove-broker"]') as HTMLElement);
    await fireEvent.input(field('name'), { target: { value: 'New' } });
    await save();
    expect(lastSave(script)['profile']).toMatchObject({
      name: 'New',
      brokers: [{ id: 'tm2', label: 'Traffic manager 2', url: 'mqtt://127.0.0.1:2' }],
    });
  });
});

describe('ProfileEditorForm: secrets are write-only', () => {
  afterEach(() => cleanup());

  it('never shows the stored password, and keeps it when left empty (no password in the request)', async () => {
    const { script } = await renderEditor({ profile: LAB });
    const password = field('password');
    expect(password.type).toBe('password');
    expect(password.value).toBe('');
    expect(password.placeholder).toBe('leave empty to keep the stored password');
    await save();
    const request = lastSave(script);
    expect(request).not.toHaveProperty('password');
    expect(request).not.toHaveProperty('keyPassphrase');
    expect(request['replacing']).toBe('Lab');
  });

  it('sends a typed password as a string', async () => {
    const { script } = await renderEditor({ profile: LAB });
    await fireEvent.input(field('password'), { target: { value: 'n3w pass' } });
    await save();
    expect(lastSave(script)['password']).toBe('n3w pass');
  });

  it('sends null to remove the stored password, and disables the input meanwhile', async () => {
    const { script } = await renderEditor({ profile: LAB });
    await fireEvent.input(field('password'), { target: { value: 'typed' } });
    await fireEvent.click(field('password.remove'));
    expect(field('password').disabled).toBe(true);
    expect(field('password').value).toBe('');
    expect(field('password').placeholder).toBe('the stored password will be removed');
    await save();
    expect(lastSave(script)['password']).toBeNull();
  });

  it('offers no removal when nothing is stored, and says a typed one is stored', async () => {
    await renderEditor();
    expect(document.querySelector('[name="password.remove"]')).toBeNull();
    expect(field('password').placeholder).toBe('none stored: type one to store it');
  });

  it('disables secret entry on a host without a keychain and names the variable to set', async () => {
    const { script } = await renderEditor({ profile: LAB, canStoreSecrets: false });
    expect(field('password').disabled).toBe(true);
    expect(field('keyPassphrase').disabled).toBe(true);
    const note = screen.getByTestId('secret-password').querySelector('[data-testid="secret-note"]')?.textContent ?? '';
    expect(note).toContain('This host has no keychain: secrets come from TMC_SECRET_<REF> environment variables.');
    expect(note).toContain('This profile reads its password from TMC_SECRET_SECRET_LAB_1.');
    const passphraseNote = screen.getByTestId('secret-keyPassphrase').textContent ?? '';
    expect(passphraseNote).toContain('This profile refers to no stored key passphrase.');
    await save();
    expect(lastSave(script)).not.toHaveProperty('password');
  });
});

describe('ProfileEditorForm: defaults, TLS and cancel', () => {
  afterEach(() => cleanup());

  it('shows the defaults of a new profile as placeholders and beside each number', async () => {
    await renderEditor();
    expect(field('failover.probe.intervalMs').placeholder).toBe('250');
    expect(field('failover.probe.intervalMs').value).toBe('');
    const defaultOf = (path: string) =>
      document.querySelector(`[data-testid="default-of"][data-for="${path}"]`)?.textContent;
    expect(defaultOf('failover.failbackHoldMs')).toBe('default 10,000 ms');
    expect(defaultOf('failover.retries')).toBe('default 3');
    expect(defaultOf('keepaliveSec')).toBe('default 10 s');
    expect(field('topics.sync').placeholder).toBe('tmc/sync');
    expect((screen.getByTestId('section-advanced') as HTMLDetailsElement).open).toBe(false);
  });

  it('warns when certificate verification is turned off, and saves it off', async () => {
    const { script } = await renderEditor({ profile: LAB });
    expect(screen.queryByTestId('verify-off-warning')).toBeNull();
    await fireEvent.click(field('tls.verify'));
    expect(screen.getByTestId('verify-off-warning').textContent).toContain('Verification is off');
    await save();
    expect(lastSave(script)['profile']).toMatchObject({ tls: { verify: false } });
  });

  it('cancels without saving', async () => {
    const { script, cancelled } = await renderEditor({ profile: LAB });
    await fireEvent.click(screen.getAllByTestId('cancel-edit')[0] as HTMLElement);
    expect(cancelled()).toBe(1);
    expect(script.callsOf('profiles.save')).toHaveLength(0);
  });
});

describe('profile editor: TLS file dialog', () => {
  afterEach(() => cleanup());

  it('offers Browse… only where the host has a file dialog, and fills the chosen path', async () => {
    const script = scriptedClient(clusterSnapshot(), profileList({ profiles: [LAB] }));
    const { profiles } = await loadedStores(script);
    profiles.startNew();
    const editor = profiles.editor;
    if (!editor) throw new Error('no editor');
    const asked: string[] = [];
    render(ProfileEditorForm, {
      editor,
      canStoreSecrets: true,
      pickFile: async (purpose) => {
        asked.push(purpose);
        return purpose === 'ca' ? '/etc/tmc/ca.pem' : null;
      },
      onCancel: () => undefined,
    });
    await fireEvent.click(screen.getByTestId('browse-ca'));
    await fireEvent.click(screen.getByTestId('browse-key'));
    expect(asked).toEqual(['ca', 'key']);
    expect(editor.draft.tls.caFile).toBe('/etc/tmc/ca.pem');
    expect(editor.draft.tls.keyFile).toBe('');
    cleanup();
    render(ProfileEditorForm, { editor, canStoreSecrets: true, onCancel: () => undefined });
    expect(screen.queryByTestId('browse-ca')).toBeNull();
  });
});
