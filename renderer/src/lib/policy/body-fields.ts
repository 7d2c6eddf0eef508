// Reading and writing the members of an admin REST body the form edits, so that what the form
// does not show (policyId, isDeployed, monetization…) and members left as they were come back
// exactly as they came: saving an unchanged policy must not make a new revision.

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `key`, or an empty one. */
export function objectAt(body: JsonObject, key: string): JsonObject {
  const value = body[key];
  return isJsonObject(value) ? value : {};
}

/** A member as the text a field shows: '' for absent or null. */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Removes a member by name: bodies are plain JSON records whose member names are data. */
export function dropMember(out: JsonObject, key: string): void {
  Reflect.deleteProperty(out, key);
}

/** Sets `key` to `value`; undefined drops it, unless the body had it null or empty, which stays. */
export function putMember(out: JsonObject, base: JsonObject, key: string, value: unknown): void {
  if (value !== undefined) out[key] = value;
  else if (base[key] === null || base[key] === '') out[key] = base[key];
  else dropMember(out, key);
}

/** Text members: empty text reads as absent. */
export function putText(out: JsonObject, base: JsonObject, key: string, text: string): void {
  putMember(out, base, key, text === '' ? undefined : text);
}

/** A flag the body may leave out: false stays left out (or null) when it was. */
export function putFlag(out: JsonObject, base: JsonObject, key: string, value: boolean): void {
  putMember(out, base, key, value || (base[key] !== undefined && base[key] !== null) ? value : undefined);
}

/** Lists: an empty one stays as the body had it (empty, null or left out). */
export function putList(out: JsonObject, base: JsonObject, key: string, items: unknown[]): void {
  putMember(out, base, key, items.length > 0 || Array.isArray(base[key]) ? items : undefined);
}
