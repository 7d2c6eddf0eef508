import type { LiveRow } from '../../../../electron/core/throttle/delta-types';
import type { KeyLevel } from '../../../../electron/core/throttle/message-types';

/** What the operator narrowed the table to; empty text matches everything. */
export interface ThrottleFilter {
  /** One level, or null for all. */
  level: KeyLevel | null;
  /** Part of the API context, any case (`/pizzashack`). */
  api: string;
  /** The application id, exactly (`12` must not match `120`). */
  app: string;
  /** Part of the user, any case (`admin`, `@carbon.super`). */
  user: string;
  /** Part of the key or of any decoded part, any case. */
  search: string;
}

export const NO_FILTER: ThrottleFilter = { level: null, api: '', app: '', user: '', search: '' };

/** The filter in the form the per-row test wants: trimmed, lower case, null for "any". */
interface Matcher {
  level: KeyLevel | null;
  api: string | null;
  app: string | null;
  user: string | null;
  search: string | null;
}

function text(value: string, lower: boolean): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return lower ? trimmed.toLowerCase() : trimmed;
}

export function isEmptyFilter(filter: ThrottleFilter): boolean {
  const m = matcherOf(filter);
  return m.level === null && m.api === null && m.app === null && m.user === null && m.search === null;
}

/** A test for rows; built once per pass over the table, run per row. */
export function rowMatcher(filter: ThrottleFilter): (row: LiveRow) => boolean {
  const m = matcherOf(filter);
  return (row) => {
    if (m.level !== null && row.level !== m.level) return false;
    const parts = row.parts;
    if (m.api !== null && !(parts.apiContext ?? '').toLowerCase().includes(m.api)) return false;
    if (m.app !== null && parts.appId !== m.app) return false;
    if (m.user !== null && !(parts.user ?? '').toLowerCase().includes(m.user)) return false;
    if (m.search !== null && !searchHits(row, m.search)) return false;
    return true;
  };
}

function matcherOf(filter: ThrottleFilter): Matcher {
  return {
    level: filter.level,
    api: text(filter.api, true),
    app: text(filter.app, false),
    user: text(filter.user, true),
    search: text(filter.search, true),
  };
}

function searchHits(row: LiveRow, needle: string): boolean {
  if (row.key.toLowerCase().includes(needle)) return true;
  for (const value of Object.values(row.parts)) {
    if (typeof value === 'string' && value.toLowerCase().includes(needle)) return true;
  }
  return false;
}
