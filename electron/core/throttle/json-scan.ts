import { reject, type Rejection } from './rejection';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface Frame {
  isArray: boolean;
  /** The current key of an object, or the current index of an array. */
  at: string | number;
}

/**
 * Walks JSON text without building values, to refuse forbidden keys and deep nesting before
 * JSON.parse runs. It does not validate syntax (JSON.parse does that next); on malformed text it
 * simply finds nothing. Memory is bounded by the depth cap.
 */
export function scanJson(text: string, maxDepth: number): Rejection | undefined {
  const stack: Frame[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i + 1);
      const top = stack[stack.length - 1];
      if (top && !top.isArray && nextSignificant(text, end + 1) === 0x3a) {
        const key = keyText(text.slice(i + 1, end));
        top.at = key;
        if (FORBIDDEN_KEYS.has(key)) {
          return reject('forbidden-key', `${pathOf(stack)}: the key "${key}" is not allowed`);
        }
      }
      i = end + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (stack.length >= maxDepth) {
        return reject('too-deep', `${pathOf(stack)}: nested deeper than ${maxDepth} levels`);
      }
      stack.push({ isArray: c === 0x5b, at: c === 0x5b ? 0 : '' });
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.isArray) top.at = (top.at as number) + 1;
    }
    i += 1;
  }
  return undefined;
}

/** Index of the closing quote of a string whose body starts at `from` (or the text's end). */
function stringEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i += 2;
    else if (c === 0x22) return i;
    else i += 1;
  }
  return text.length;
}

function nextSignificant(text: string, from: number): number {
  for (let i = from; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return c;
  }
  return -1;
}

function keyText(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function pathOf(stack: readonly Frame[]): string {
  let path = '$';
  for (const frame of stack) path += segment(frame.at);
  return path;
}

function segment(step: string | number): string {
  if (typeof step === 'number') return `[${step}]`;
  if (IDENTIFIER.test(step)) return `.${step}`;
  return `[${JSON.stringify(step.length > 40 ? `${step.slice(0, 40)}…` : step)}]`;
}
