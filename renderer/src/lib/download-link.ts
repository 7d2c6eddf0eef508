import type { DownloadFile } from './save-file';

/**
 * Saves through the browser's own download of a Blob link: the same in Chromium through the web
 * host and in Electron, and nothing leaves the page but the file.
 */
export function downloadWithLink(file: DownloadFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download reads the URL after click() returns; revoke it once that has surely happened.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
