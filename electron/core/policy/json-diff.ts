// A field-level diff of two JSON values, in words: `defaultLimit.requestCount.requestCount:
// 1000 → 500`. A member that is null and one that is absent read the same (exports send unused
// sibling objects as null). Arrays compare item by item: order matters in a policy.

export interface FieldChange {
  /** Dotted path; `(root)` for the value itself. */
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** Compact JSON of the old value, shortened; absent when added. */
  from?: string;
  to?: string;
  text: string;
}

export interface JsonDiff {
  changes: FieldChange[];
  /** Changes beyond the limit, not listed. */
  more: number;
}

const MAX_SHOWN = 80;

export function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const absent = (value: unknown): boolean => value === null || value === undefined;

export function diffJson(before: unknown, after: unknown, limit = 200): JsonDiff {
  const changes: FieldChange[] = [];
  let more = 0;

  const add = (path: string[], change: FieldChange['change'], from: unknown, to: unknown): void => {
    if (changes.length >= limit) {
      more += 1;
      return;
    }
    const at = path.length === 0 ? '(root)' : path.join('.');
    const entry: FieldChange = { path: at, change, text: '' };
    if (change !== 'added') entry.from = showValue(from);
    if (change !== 'removed') entry.to = showValue(to);
    entry.text =
      change === 'added'
        ? `${at}: added ${entry.to}`
        : change === 'removed'
          ? `${at}: removed ${entry.from}`
          : `${at}: ${entry.from} → ${entry.to}`;
    changes.push(entry);
  };

  const walk = (a: unknown, b: unknown, path: string[]): void => {
    if (absent(a) && absent(b)) return;
    if (absent(a)) return add(path, 'added', a, b);
    if (absent(b)) return add(path, 'removed', a, b);
    if (isObject(a) && isObject(b)) {
      const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
      for (const key of keys) walk(a[key], b[key], [...path, key]);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i += 1) walk(a[i], b[i], [...path, String(i)]);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) add(path, 'changed', a, b);
  };

  walk(before, after, []);
  return { changes, more };
}
