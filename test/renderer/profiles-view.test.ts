import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../renderer/src/App.svelte';
import { ViewRegistry } from '../../renderer/src/lib/stores/view-registry.svelte';
import ProfilesView from '../../renderer/src/views/ProfilesView.svelte';
import { CLUSTER_VIEW, PROFILES_VIEW } from '../../renderer/src/views/routes';
import { clusterSnapshot } from '../support/fixtures';
import { profileList, storedProfile } from '../support/profile-fixtures';
import { loadedStores } from '../support/renderer-stores';
import { installResizeObserver } from '../support/resize-observer';
import { scriptedClient } from '../support/scripted-client';

installResizeObserver();

const LIST = profileList({
  profiles: [storedProfile({ name: 'Lab' }), storedProfile({ name: 'Prod', failover: { mode: 'sticky' } })],
  builtIn: [{ name: 'Demo cluster', description: 'Traffic managers running inside the app.' }],
  open: 'Prod',
  lastUsed: 'Lab',
});

async function renderView(list = LIST) {
  const script = scriptedClient(clusterSnapshot({ profileName: list.open ?? '' }), list);
  const stores = await loadedStores(script);
  render(ProfilesView, { stores, navigate: () => undefined });
  return { script, ...stores };
}

const row = (name: string) => {
  const found = screen.getAllByTestId('profile-row').find((r) => r.dataset.name === name);
  if (!found) throw new Error(`no row for ${name}`);
  return within(found);
};

describe('ProfilesView: the list', () => {
  afterEach(() => cleanup());

  it('lists stored and built-in profiles, marking the open one and the one used last', async () => {
    await renderView();
    expect(screen.getAllByTestId('profile-row').map((r) => r.dataset.name)).toEqual(['Lab', 'Prod']);
    expect(row('Prod').getByTestId('open-marker')).toBeTruthy();
    expect(row('Prod').getByTestId('disconnect-profile')).toBeTruthy();
    expect(row('Prod').getByText(/sticky mode/)).toBeTruthy();
    expect(row('Lab').queryByTestId('open-marker')).toBeNull();
    expect(row('Lab').getByTestId('last-used-marker')).toBeTruthy();
    const builtIn = screen.getByTestId('built-in-row');
    expect(builtIn.dataset.name).toBe('Demo cluster');
    expect(builtIn.textContent).toContain('Traffic managers running inside the app.');
    expect(within(builtIn).queryByTestId('edit-profile')).toBeNull();
  });

  it('opens and disconnects from a row', async () => {
    const { script, profiles } = await renderView();
    await fireEvent.click(row('Lab').getByTestId('open-profile'));
    expect(script.callsOf('profiles.open').map((c) => c.payload)).toEqual([{ name: 'Lab' }]);
    await expect.poll(() => profiles.pending).toBe(false);
    await fireEvent.click(row('Prod').getByTestId('disconnect-profile'));
    await expect.poll(() => script.callsOf('profiles.close')).toHaveLength(1);
  });

  it('says there are no stored profiles yet', async () => {
    await renderView(profileList());
    expect(screen.getByTestId('no-profiles').textContent).toBe(
      'No profiles stored yet: make a new one, or import a classic failover URL.',
    );
  });

  it('asks inline before deleting, and keeps the profile on "Keep"', async () => {
    const { script } = await renderView();
    script.answers['profiles.delete'] = async () => ({ ok: true, value: { ok: true, errors: [], warnings: [] } });
    await fireEvent.click(row('Prod').getByTestId('delete-profile'));
    expect(row('Prod').getByTestId('delete-question').textContent).toBe(
      'Delete "Prod" and disconnect from it? Its stored secrets go too.',
    );
    await fireEvent.click(row('Prod').getByTestId('keep-profile'));
    expect(row('Prod').queryByTestId('delete-question')).toBeNull();
    expect(script.callsOf('profiles.delete')).toHaveLength(0);

    await fireEvent.click(row('Lab').getByTestId('delete-profile'));
    expect(row('Lab').getByTestId('delete-question').textContent).toBe('Delete "Lab"? Its stored secrets go too.');
    await fireEvent.click(row('Lab').getByTestId('confirm-delete'));
    expect(script.callsOf('profiles.delete').map((c) => c.payload)).toEqual([{ name: 'Lab' }]);
  });

  it('duplicates from a row', async () => {
    const { script } = await renderView();
    script.answers['profiles.duplicate'] = async () => ({
      ok: true,
      value: { ok: true, profile: storedProfile({ name: 'Lab (copy)' }), warnings: [] },
    });
    await fireEvent.click(row('Lab').getByTestId('duplicate-profile'));
    expect(script.callsOf('profiles.duplicate').map((c) => c.payload)).toEqual([{ name: 'Lab' }]);
  });

  it('opens the editor on "Edit" and on "New profile", and goes back on cancel', async () => {
    await renderView();
    await fireEvent.click(row('Lab').getByTestId('edit-profile'));
    expect(screen.getByTestId('profile-editor').getAttribute('aria-label')).toBe('Edit "Lab"');
    expect((document.querySelector('[name="name"]') as HTMLInputElement).value).toBe('Lab');
    await fireEvent.click(screen.getAllByTestId('cancel-edit')[0] as HTMLElement);
    expect(screen.queryByTestId('profile-editor')).toBeNull();
    await fireEvent.click(screen.getByTestId('new-profile'));
    expect(screen.getByTestId('profile-editor').getAttribute('aria-label')).toBe('New profile');
  });

  it('shows problems with the stored file above the list', async () => {
    await renderView(
      profileList({
        warnings: [{ path: 'profiles.json', message: 'profiles.json was damaged: the backup is in use.' }],
      }),
    );
    expect(screen.getByTestId('store-warning').textContent).toBe('profiles.json was damaged: the backup is in use.');
  });
});

describe('ProfilesView: import', () => {
  afterEach(() => cleanup());

  it('shows the error with a caret under the offset in the pasted URL', async () => {
    const { script } = await renderView();
    const url = "amqp://admin@clientid/carbon?brokerlist='tcp://127.0.0.1:5672?retries='x''";
    script.answers['profiles.importUrl'] = async () => ({
      ok: true,
      value: { ok: false, error: { message: "retries='x' is not a whole number", offset: url.indexOf("x'") } },
    });
    await fireEvent.input(screen.getByLabelText('Failover URL'), { target: { value: url } });
    await fireEvent.click(screen.getByTestId('import-submit'));
    await expect
      .poll(() => screen.queryByTestId('import-error-message')?.textContent)
      .toBe("Not imported: retries='x' is not a whole number");
    const text = screen.getByTestId('excerpt-text').textContent ?? '';
    const caret = screen.getByTestId('excerpt-caret').textContent ?? '';
    expect(caret.trim()).toBe('^');
    expect(text.slice(caret.length - 1)).toBe("x''");
    expect(screen.getByLabelText('Failover URL').getAttribute('aria-invalid')).toBe('true');
  });

  it('lists what did not carry over after an import, and offers to review the new profile', async () => {
    const { script, profiles } = await renderView();
    const imported = storedProfile({ name: 'Imported: 127.0.0.1' });
    script.answers['profiles.importUrl'] = async () => {
      script.list = { ...script.list, profiles: [...script.list.profiles, imported] };
      return {
        ok: true,
        value: { ok: true, profile: imported, warnings: ['The option ssl_cert_alias (tm1) has no meaning for MQTT.'] },
      };
    };
    await fireEvent.input(screen.getByLabelText('Failover URL'), {
      target: { value: "amqp://c/v?brokerlist='tcp://127.0.0.1:5672'" },
    });
    await fireEvent.click(screen.getByTestId('import-submit'));
    await expect
      .poll(() => screen.queryByTestId('import-result')?.textContent)
      .toContain('Imported "Imported: 127.0.0.1" with 2 traffic managers.');
    expect(screen.getByTestId('import-warnings').textContent).toContain('ssl_cert_alias');
    expect(screen.getAllByTestId('profile-row').map((r) => r.dataset.name)).toContain('Imported: 127.0.0.1');
    await fireEvent.click(screen.getByTestId('edit-imported'));
    expect(profiles.editor?.replacing).toBe('Imported: 127.0.0.1');
  });

  it('says what is wrong with a port map entry under it, without sending', async () => {
    const { script } = await renderView();
    await fireEvent.input(screen.getByLabelText('Failover URL'), {
      target: { value: "amqp://c/v?brokerlist='tcp://h:5672'" },
    });
    await fireEvent.input(screen.getByLabelText(/Port map/), { target: { value: 'h=1883' } });
    await fireEvent.click(screen.getByTestId('import-submit'));
    await expect
      .poll(() => document.querySelector('[data-testid="field-error"][data-for="portMap"]')?.textContent)
      .toContain('port map entry "h=1883" is not HOST:PORT=PORT');
    expect(script.callsOf('profiles.importUrl')).toHaveLength(0);
  });
});

describe('App: the Profiles view', () => {
  afterEach(() => cleanup());

  it('is on Alt+6, and the cluster problem opens the editor on its profile', async () => {
    const script = scriptedClient(
      clusterSnapshot({ profileName: '', problem: 'The password is not in the secret store.' }),
      profileList({ profiles: [storedProfile({ name: 'Lab' })], lastUsed: 'Lab' }),
    );
    const stores = await loadedStores(script);
    const registry = new ViewRegistry(CLUSTER_VIEW, PROFILES_VIEW);
    render(App, { stores, registry });
    await fireEvent.keyDown(window, { code: 'Digit6', altKey: true });
    expect(screen.getByRole('main').getAttribute('aria-label')).toBe('Profiles');
    await fireEvent.keyDown(window, { code: 'Digit1', altKey: true });
    await fireEvent.click(screen.getByTestId('edit-problem-profile'));
    expect(screen.getByRole('main').getAttribute('aria-label')).toBe('Profiles');
    expect(screen.getByTestId('profile-editor').getAttribute('aria-label')).toBe('Edit "Lab"');
  });
});
