import type { CallIssue } from '../../../../electron/core/host/call-result';

/** Save errors split into those a field shows under itself and those the summary lists. */
export interface PlacedErrors {
  byPath: ReadonlyMap<string, readonly string[]>;
  /** Errors whose path names no field on the form, "" (the whole profile) included. */
  unplaced: readonly CallIssue[];
}

export const NO_ERRORS: PlacedErrors = { byPath: new Map(), unplaced: [] };

/** Each error goes to the field its path names, when the form has that field. */
export function placeErrors(errors: readonly CallIssue[], isField: (path: string) => boolean): PlacedErrors {
  const byPath = new Map<string, string[]>();
  const unplaced: CallIssue[] = [];
  for (const error of errors) {
    if (error.path !== '' && isField(error.path))
      byPath.set(error.path, [...(byPath.get(error.path) ?? []), error.message]);
    else unplaced.push(error);
  }
  return { byPath, unplaced };
}
