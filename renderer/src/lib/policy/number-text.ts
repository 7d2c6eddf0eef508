import type { CallIssue } from '../../../../electron/core/host/call-result';

/**
 * Numbers as the operator types them. Empty reads as absent (the core says when one is
 * required); anything that is not a number stays on the page with an error under its field,
 * while a number the core would refuse (negative, fractional) goes out so its message is the
 * core's.
 */
export class NumberReader {
  readonly issues: CallIssue[] = [];

  read(text: string, path: string): number | undefined {
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    const value = Number(trimmed);
    if (!Number.isFinite(value)) {
      this.issues.push({ path, message: `must be a number (got "${trimmed}")` });
      return undefined;
    }
    return value;
  }
}

export function numberText(value: unknown): string {
  return typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
}
