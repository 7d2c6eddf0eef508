import { describe, expect, it } from 'vitest';
import { clusterSnapshot } from '../support/fixtures';
import { profileList, storedProfile } from '../support/profile-fixtures';
import { loadedStores } from '../support/renderer-stores';
import { scriptedClient } from '../support/scripted-client';

const LAB = storedProfile({ name: 'Lab', passwordRef: 'r1', username: 'ops' });
const PROD = storedProfile({ name: 'Prod' });

function script(list = profileList({ profiles: [LAB, PROD], open: 'Lab', lastUsed: 'Lab' })) {
  return scriptedClient(clusterSnapshot({ profileName: list.open ?? '' }), list);
}

describe('ProfilesStore: list and actions', () => {
  it('loads the list when the host connection opens, and again after it reopens', async () => {
    const s = script();
    const { profiles } = await loadedStores(s);
    profiles.connect();
    s.setStatus('open');
    await expect.poll(() => s.callsOf('profiles.list').length).toBe(2);
    expect(profiles.profiles.map((p) => p.name)).toEqual(['Lab', 'Prod']);
    expect(profiles.openName).toBe('Lab');
    expect(profiles.lastUsed).toBe('Lab');
    expect(profiles.canStoreSecrets).toBe(true);
  });

  it('says so when the list cannot be loaded', async () => {
    const s = script();
    s.answers['profiles.list'] = async () => ({ ok: false, error: { code: 'transport-failed', message: 'gone' } });
    const { profiles } = await loadedStores(s);
    expect(profiles.error).toBe('The profiles could not be loaded: gone');
    expect(profiles.loaded).toBe(false);
  });

  it('opens a profile, reloads the cluster and the list, and keeps the outcome', async () => {
    const s = script();
    s.answers['profiles.open'] = async ({ name }) => {
      s.list = { ...s.list, open: name };
      s.snapshot = clusterSnapshot({ profileName: name });
      return { ok: true, value: { done: true, message: `Connecting to "${name}".` } };
    };
    const { cluster, profiles } = await loadedStores(s);
    await profiles.open('Prod');
    expect(s.callsOf('profiles.open').map((c) => c.payload)).toEqual([{ name: 'Prod' }]);
    expect(cluster.profileName).toBe('Prod');
    expect(profiles.openName).toBe('Prod');
    expect(profiles.lastOutcome).toEqual({ done: true, message: 'Connecting to "Prod".', warnings: [] });
    expect(profiles.pending).toBe(false);
  });

  it('remembers a profile that failed to open: the cluster problem is about it', async () => {
    const s = script(profileList({ profiles: [LAB, PROD], lastUsed: 'Lab' }));
    s.answers['profiles.open'] = async () => {
      s.snapshot = clusterSnapshot({ profileName: '', problem: 'The password is not in the secret store.' });
      return { ok: true, value: { done: false, message: 'The password is not in the secret store.' } };
    };
    const { cluster, profiles } = await loadedStores(s);
    expect(profiles.problemProfile).toBe('Lab');
    await profiles.open('Prod');
    expect(cluster.problem).toBe('The password is not in the secret store.');
    expect(profiles.failedOpen).toBe('Prod');
    expect(profiles.problemProfile).toBe('Prod');
    expect(profiles.lastOutcome?.done).toBe(false);
  });

  it('disconnects and reloads the cluster', async () => {
    const s = script();
    s.answers['profiles.close'] = async () => {
      s.list = { ...s.list, open: null };
      s.snapshot = clusterSnapshot({ profileName: '' });
      return { ok: true, value: { done: true, message: 'Disconnected from "Lab".' } };
    };
    const { cluster, profiles } = await loadedStores(s);
    await profiles.close();
    expect(profiles.openName).toBeNull();
    expect(cluster.profileName).toBe('');
    expect(profiles.lastOutcome?.message).toBe('Disconnected from "Lab".');
  });

  it('returns the picked file, and says why when the file dialog could not be asked', async () => {
    const s = script();
    s.answers['files.pick'] = async () => ({ ok: true, value: { path: '/etc/ca.pem', message: 'Chose /etc/ca.pem.' } });
    const { profiles } = await loadedStores(s);
    expect(await profiles.pickFile('ca')).toBe('/etc/ca.pem');
    expect(profiles.lastOutcome).toBeNull();
    s.answers['files.pick'] = async () => ({ ok: false, error: { code: 'transport-failed', message: 'gone.' } });
    expect(await profiles.pickFile('ca')).toBeNull();
    expect(profiles.lastOutcome).toEqual({
      done: false,
      message:
        'The request for a file dialog was not sent: gone. The console reconnects by itself; try again once it is back.',
      warnings: [],
    });
  });

  it('duplicates, naming the copy, or says why not', async () => {
    const s = script();
    s.answers['profiles.duplicate'] = async () => ({
      ok: true,
      value: { ok: true, profile: storedProfile({ name: 'Lab (copy)' }), warnings: [] },
    });
    const { profiles } = await loadedStores(s);
    await profiles.duplicate('Lab');
    expect(profiles.lastOutcome).toEqual({ done: true, message: 'Made "Lab (copy)", a copy of "Lab".', warnings: [] });
    s.answers['profiles.duplicate'] = async () => ({
      ok: true,
      value: {
        ok: false,
        errors: [{ path: '', message: 'there are 200 profiles already; delete one first' }],
        warnings: [],
      },
    });
    await profiles.duplicate('Lab');
    expect(profiles.lastOutcome?.message).toBe(
      '"Lab" was not copied: there are 200 profiles already; delete one first',
    );
    expect(s.callsOf('profiles.list')).toHaveLength(3);
  });

  it('deletes the open profile, says it disconnected, and reloads the cluster', async () => {
    const s = script();
    s.answers['profiles.delete'] = async ({ name }) => {
      s.list = { ...s.list, profiles: s.list.profiles.filter((p) => p.name !== name), open: null };
      return { ok: true, value: { ok: true, errors: [], warnings: [] } };
    };
    const { profiles } = await loadedStores(s);
    const snapshots = s.callsOf('cluster.snapshot').length;
    await profiles.remove('Lab');
    expect(profiles.lastOutcome?.message).toBe('Deleted "Lab" and disconnected from it.');
    expect(profiles.profiles.map((p) => p.name)).toEqual(['Prod']);
    expect(s.callsOf('cluster.snapshot')).toHaveLength(snapshots + 1);
  });

  it('says what to do when an action cannot reach the host', async () => {
    const s = script();
    s.answers['profiles.open'] = async () => ({
      ok: false,
      error: { code: 'transport-failed', message: 'Not connected to the console host.' },
    });
    const { profiles } = await loadedStores(s);
    await profiles.open('Prod');
    expect(profiles.lastOutcome?.message).toBe(
      'Open "Prod" was not sent: Not connected to the console host. The console reconnects by itself; try again once it is back.',
    );
  });

  it('runs one action at a time', async () => {
    const s = script();
    let answer: (() => void) | undefined;
    s.answers['profiles.close'] = () =>
      new Promise((resolve) => {
        answer = () => resolve({ ok: true, value: { done: true, message: 'Disconnected.' } });
      });
    const { profiles } = await loadedStores(s);
    const closing = profiles.close();
    expect(profiles.pending).toBe(true);
    await profiles.open('Prod');
    expect(s.callsOf('profiles.open')).toHaveLength(0);
    answer?.();
    await closing;
    expect(profiles.pending).toBe(false);
  });
});

describe('ProfilesStore: editor', () => {
  it('edits a stored profile, sends what changed with its old name, closes the editor and reloads', async () => {
    const s = script();
    s.answers['profiles.save'] = async (request) => ({
      ok: true,
      value: { ok: true, profile: storedProfile({ name: (request.profile as { name: string }).name }), warnings: [] },
    });
    const { profiles } = await loadedStores(s);
    profiles.startEdit('Lab');
    const editor = profiles.editor;
    expect(editor?.replacing).toBe('Lab');
    expect(editor?.stored.passwordRef).toBe('r1');
    if (!editor) return;
    editor.draft.name = 'Lab 2';
    expect(await editor.save()).toBe(true);
    const request = s.callsOf('profiles.save')[0]?.payload as Record<string, unknown>;
    expect(request['replacing']).toBe('Lab');
    expect(request).not.toHaveProperty('password');
    expect(request['profile']).not.toHaveProperty('passwordRef');
    expect(profiles.editor).toBeNull();
    expect(profiles.lastOutcome?.message).toBe(
      'Saved "Lab 2". It is open with the settings it had: open it again to use the changes.',
    );
    expect(s.callsOf('profiles.list')).toHaveLength(2);
  });

  it('keeps the editor open with the errors when the core refuses the profile', async () => {
    const s = script();
    s.answers['profiles.save'] = async () => ({
      ok: true,
      value: { ok: false, errors: [{ path: 'brokers.0.url', message: '"x" is not a URL' }], warnings: [] },
    });
    const { profiles } = await loadedStores(s);
    profiles.startNew();
    const editor = profiles.editor;
    if (!editor) throw new Error('no editor');
    expect(await editor.save()).toBe(false);
    expect(profiles.editor).toBe(editor);
    expect(editor.fieldErrors('brokers.0.url')).toEqual(['"x" is not a URL']);
    expect(s.callsOf('profiles.save')[0]?.payload).not.toHaveProperty('replacing');
  });

  it('puts a save that could not reach the host in the summary', async () => {
    const s = script();
    s.answers['profiles.save'] = async () => ({ ok: false, error: { code: 'transport-failed', message: 'gone.' } });
    const { profiles } = await loadedStores(s);
    profiles.startNew();
    await profiles.editor?.save();
    expect(profiles.editor?.errors.unplaced.map((e) => e.message)).toEqual([
      'The save was not sent: gone. The console reconnects by itself; try again once it is back.',
    ]);
  });
});

describe('ProfileImport', () => {
  it('imports, reloads the list, keeps the warnings and clears the paste box', async () => {
    const s = script();
    s.answers['profiles.importUrl'] = async () => ({
      ok: true,
      value: {
        ok: true,
        profile: storedProfile({ name: 'Imported: h1, h2' }),
        warnings: ['failover=\'roundrobin\' became mode "sticky"'],
      },
    });
    const { profiles } = await loadedStores(s);
    const importer = profiles.importer;
    importer.url = "  amqp://u@c/v?brokerlist='tcp://h1:5672;tcp://h2:5672'  ";
    importer.portMap = 'h1:5672=1884,\nh2:5672=1885';
    await importer.submit();
    expect(s.callsOf('profiles.importUrl')[0]?.payload).toEqual({
      url: "amqp://u@c/v?brokerlist='tcp://h1:5672;tcp://h2:5672'",
      portMap: ['h1:5672=1884', 'h2:5672=1885'],
    });
    expect(importer.result).toEqual({
      ok: true,
      name: 'Imported: h1, h2',
      brokers: 2,
      warnings: ['failover=\'roundrobin\' became mode "sticky"'],
    });
    expect(importer.url).toBe('');
    expect(s.callsOf('profiles.list')).toHaveLength(2);
  });

  it('keeps the URL and shows the error with a caret at its offset in the text sent', async () => {
    const s = script();
    const url = "amqp://u@c/v?brokerlist='tcp://h1:56x2'";
    s.answers['profiles.importUrl'] = async () => ({
      ok: true,
      value: { ok: false, error: { message: 'the port "56x2" is not a number', offset: url.indexOf('56x2') } },
    });
    const { profiles } = await loadedStores(s);
    profiles.importer.url = ` ${url}`;
    profiles.importer.name = 'Mine';
    await profiles.importer.submit();
    expect(s.callsOf('profiles.importUrl')[0]?.payload).toMatchObject({ name: 'Mine' });
    expect(profiles.importer.result).toEqual({
      ok: false,
      message: 'the port "56x2" is not a number',
      spot: { text: url, offset: url.indexOf('56x2') },
    });
    expect(profiles.importer.url).toBe(` ${url}`);
  });

  it('shows an error that is not in the URL without a caret', async () => {
    const s = script();
    s.answers['profiles.importUrl'] = async () => ({
      ok: true,
      value: { ok: false, error: { message: 'name: a profile named "Mine" exists already', offset: null } },
    });
    const { profiles } = await loadedStores(s);
    profiles.importer.url = "amqp://u@c/v?brokerlist='tcp://h1:5672'";
    profiles.importer.name = 'Mine';
    await profiles.importer.submit();
    expect(profiles.importer.result).toEqual({
      ok: false,
      message: 'name: a profile named "Mine" exists already',
      spot: null,
    });
  });

  it('checks the port map before sending, and needs a URL', async () => {
    const s = script();
    const { profiles } = await loadedStores(s);
    profiles.importer.url = "amqp://c/v?brokerlist='tcp://h:5672'";
    profiles.importer.portMap = 'h:5672';
    await profiles.importer.submit();
    expect(profiles.importer.portMapError).toContain('port map entry "h:5672" is not HOST:PORT=PORT');
    profiles.importer.portMap = '';
    profiles.importer.url = '   ';
    await profiles.importer.submit();
    expect(profiles.importer.portMapError).toBeNull();
    expect(profiles.importer.result).toEqual({
      ok: false,
      message: 'Paste a classic failover URL first (amqp://…brokerlist=…).',
      spot: null,
    });
    expect(s.callsOf('profiles.importUrl')).toHaveLength(0);
  });
});
