import { beforeEach, describe, expect, it } from 'vitest';
import { dialog, resetElectronFake } from '../../fakes/electron';
import { pickTlsFile } from '../../../electron/main/file-dialog';

describe('TLS file dialog', () => {
  beforeEach(() => resetElectronFake());

  it('returns the chosen file, titled for what is being chosen', async () => {
    dialog.nextOpenDialog = { canceled: false, filePaths: ['/etc/tmc/client.key'] };
    expect(await pickTlsFile('key', undefined)).toBe('/etc/tmc/client.key');
    expect(dialog.asked[0]).toMatchObject({ title: 'Choose the client key (PEM)', properties: ['openFile'] });
  });

  it('returns null when the operator cancels', async () => {
    expect(await pickTlsFile('ca', undefined)).toBeNull();
  });
});
