/** A slice of pasted text around an error, and the line that puts a caret under the error. */
export interface CaretExcerpt {
  text: string;
  caret: string;
}

const ELLIPSIS = '…';

/**
 * At most `width` characters of `text` around `offset` (a classic URL can run to kilobytes),
 * with "…" where it was cut, and a caret line of the same alignment. Line breaks in the paste
 * become spaces so the caret stays under its character.
 */
export function caretExcerpt(text: string, offset: number, width = 72): CaretExcerpt {
  const flat = text.replace(/[\r\n\t]/g, ' ');
  const at = Math.min(Math.max(0, Math.trunc(offset)), flat.length);
  const half = Math.floor(width / 2);
  let start = Math.max(0, at - half);
  const end = Math.min(flat.length, start + width);
  start = Math.max(0, Math.min(start, end - width));
  const head = start > 0 ? ELLIPSIS : '';
  const tail = end < flat.length ? ELLIPSIS : '';
  return {
    text: `${head}${flat.slice(start, end)}${tail}`,
    caret: `${' '.repeat(head.length + at - start)}^`,
  };
}
