import { dialog, type BrowserWindow } from 'electron';
import type { FilePurpose } from '../core/host/handlers/profile-handlers';

const TITLES: Record<FilePurpose, string> = {
  ca: 'Choose the CA certificate (PEM)',
  cert: 'Choose the client certificate (PEM)',
  key: 'Choose the client key (PEM)',
};

/** The native open-file dialog for a TLS file; null when the operator cancels. */
export async function pickTlsFile(purpose: FilePurpose, window: BrowserWindow | undefined): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: TITLES[purpose],
    properties: ['openFile'],
    filters: [
      { name: 'PEM files', extensions: ['pem', 'crt', 'cer', 'key'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
