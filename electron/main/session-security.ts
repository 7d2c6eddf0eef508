import type { Session } from 'electron';

/** The console needs no camera, notifications prompt, geolocation or anything else: deny all. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
