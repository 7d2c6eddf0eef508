/**
 * The environment variable that holds secret `ref` on hosts without a keychain. Free of Node
 * types, so the page can name the variable too.
 */
export function secretVariable(ref: string): string {
  return `TMC_SECRET_${ref.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
