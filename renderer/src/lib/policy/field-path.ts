// Where a form field is. `name` is its path in the body now (`conditionalGroups.1.limit`), the
// one errors from the core name; `key` is the same path with each row named by its key
// (`conditionalGroups.#4.limit`), so an error stays with its row when rows are added or removed.

export interface FieldPath {
  name: string;
  key: string;
}

export const ROOT: FieldPath = { name: '', key: '' };

const join = (a: string, b: string): string => (a === '' ? b : `${a}.${b}`);

export function child(path: FieldPath, ...segments: string[]): FieldPath {
  return segments.reduce((at, segment) => ({ name: join(at.name, segment), key: join(at.key, segment) }), path);
}

export function item(path: FieldPath, index: number, key: number): FieldPath {
  return { name: join(path.name, String(index)), key: join(path.key, `#${key}`) };
}

/** The keys of the form's rows, in body order: what an error's indexes meant when it came. */
export interface RowKeys {
  groups: { key: number; conditions: number[] }[];
  attributes: number[];
}

export const NO_ROWS: RowKeys = { groups: [], attributes: [] };

const indexAt = (parts: string[], at: number): number | undefined =>
  /^\d+$/.test(parts[at] ?? '') ? Number(parts[at]) : undefined;

/** An error's body path as the key of the field that shows it; unchanged where no row matches. */
export function keyOfPath(path: string, rows: RowKeys): string {
  const parts = path.split('.');
  const first = indexAt(parts, 1);
  if (first === undefined) return path;
  if (parts[0] === 'customAttributes') {
    const key = rows.attributes[first];
    if (key !== undefined) parts[1] = `#${key}`;
  } else if (parts[0] === 'conditionalGroups') {
    const group = rows.groups[first];
    if (!group) return path;
    parts[1] = `#${group.key}`;
    const second = parts[2] === 'conditions' ? indexAt(parts, 3) : undefined;
    const condition = second === undefined ? undefined : group.conditions[second];
    if (condition !== undefined) parts[3] = `#${condition}`;
  }
  return parts.join('.');
}
