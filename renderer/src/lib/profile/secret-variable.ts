/**
 * The environment variable a host without a keychain reads secret `ref` from, as
 * electron/core/profile/env-secret-store.ts names it (that file is typed for Node, so the page
 * cannot load it).
 */
export function secretVariable(ref: string): string {
  return `TMC_SECRET_${ref.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
