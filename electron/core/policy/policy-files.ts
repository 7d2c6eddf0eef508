// Policy files in and out. In: one admin REST body, an apictl export (`{"type": "throttling
// policy", "subtype": …, "data": {…}}`), an admin REST listing (`{"count": n, "list": […]}`) or
// a JSON array of any of these. Out: each policy's admin REST body as it was saved.

export const MAX_IMPORT_ITEMS = 500;

export interface ImportCandidate {
  /** Position inside a listing or array; null for a file holding one body. */
  index: number | null;
  /** Where the body is in the file: `list.3`, `3`, or '' for the whole file. */
  path: string;
  body: unknown;
}

export type ImportParse = { ok: true; candidates: ImportCandidate[] } | { ok: false; error: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function importCandidates(text: string): ImportParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const items = Array.isArray(json) ? json : isObject(json) && Array.isArray(json.list) ? json.list : undefined;
  if (!items) return { ok: true, candidates: [{ index: null, path: '', body: json }] };
  if (items.length > MAX_IMPORT_ITEMS)
    return {
      ok: false,
      error: `holds ${items.length} policies; at most ${MAX_IMPORT_ITEMS} are imported from one file`,
    };
  const prefix = Array.isArray(json) ? '' : 'list.';
  return { ok: true, candidates: items.map((body: unknown, index) => ({ index, path: `${prefix}${index}`, body })) };
}

/** `application-Gold.json`: the kind and a name safe on every file system. */
export function exportFileName(kind: string, name: string): string {
  return `${kind}-${name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100)}.json`;
}

export function exportText(body: unknown): string {
  return `${JSON.stringify(body, null, 2)}\n`;
}
