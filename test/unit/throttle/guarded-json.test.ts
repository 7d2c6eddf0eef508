import { describe, expect, it } from 'vitest';
import { decodeJsonBuffer, decodeJsonText } from '../../../electron/core/throttle/guarded-json';

const buf = (text: string): Buffer => Buffer.from(text);

describe('decodeJsonBuffer', () => {
  it('parses a JSON payload', () => {
    expect(decodeJsonBuffer(buf('{"a":[1,{"b":"c"}]}'))).toEqual({ ok: true, value: { a: [1, { b: 'c' }] } });
  });

  it('refuses an oversized payload by its byte count, before looking at its content', () => {
    const payload = Buffer.alloc(64 * 1024 + 1, 0x7b); // "{{{{…": would be too deep and not JSON too
    expect(decodeJsonBuffer(payload)).toEqual({
      ok: false,
      code: 'too-large',
      reason: 'payload is 65537 bytes, over the 65536-byte cap',
    });
    expect(decodeJsonBuffer(buf('[1,2]'), { maxBytes: 4, maxDepth: 8 })).toMatchObject({ code: 'too-large' });
  });

  it('accepts a payload of exactly the cap', () => {
    const text = `"${'x'.repeat(98)}"`;
    expect(decodeJsonBuffer(buf(text), { maxBytes: 100, maxDepth: 8 })).toEqual({ ok: true, value: 'x'.repeat(98) });
  });

  it('refuses an empty payload and invalid UTF-8 with their own reasons', () => {
    expect(decodeJsonBuffer(Buffer.alloc(0))).toEqual({ ok: false, code: 'empty', reason: 'payload is empty' });
    expect(decodeJsonBuffer(Buffer.from([0x22, 0xff, 0xfe, 0x22]))).toEqual({
      ok: false,
      code: 'not-utf8',
      reason: 'payload is not valid UTF-8',
    });
  });

  it('keeps a genuine U+FFFD character', () => {
    expect(decodeJsonBuffer(buf('"\uFFFD"'))).toEqual({ ok: true, value: '\uFFFD' });
  });

  it('says why text is not JSON', () => {
    const result = decodeJsonBuffer(buf('{"a":'));
    expect(result).toMatchObject({ ok: false, code: 'not-json' });
    expect(!result.ok && result.reason).toMatch(/^not JSON: /);
  });

  it('refuses nesting past the depth cap with the path where it happened', () => {
    expect(decodeJsonBuffer(buf('{"a":{"b":[[1]]}}'), { maxBytes: 1000, maxDepth: 3 })).toEqual({
      ok: false,
      code: 'too-deep',
      reason: '$.a.b[0]: nested deeper than 3 levels',
    });
    expect(decodeJsonBuffer(buf('{"a":{"b":[[1]]}}'), { maxBytes: 1000, maxDepth: 4 })).toMatchObject({ ok: true });
    expect(decodeJsonBuffer(buf('['.repeat(30_000) + ']'.repeat(30_000)))).toMatchObject({ code: 'too-deep' });
  });

  it('counts brackets inside strings only as an upper bound, never as nesting', () => {
    const text = JSON.stringify({ note: '[[[[[[[[[[{{{{{{{{{{'.repeat(5) });
    expect(decodeJsonBuffer(buf(text), { maxBytes: 1000, maxDepth: 2 })).toMatchObject({ ok: true });
  });

  it.each([
    ['{"__proto__":{"polluted":true}}', '$.__proto__'],
    ['{"event":{"constructor":{"prototype":{}}}}', '$.event.constructor'],
    ['{"a":[{"b":1},{"prototype":2}]}', '$.a[1].prototype'],
    ['{"__pr\\u006fto__":1}', '$.__proto__'],
    ['{ "__proto__" \n : 1}', '$.__proto__'],
  ])('refuses the forbidden key in %s', (text, path) => {
    const result = decodeJsonBuffer(buf(text));
    expect(result).toMatchObject({ ok: false, code: 'forbidden-key' });
    expect(!result.ok && result.reason.startsWith(`${path}: the key`)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('allows the forbidden words as values and inside longer keys', () => {
    const text = '{"user":"constructor","note":"__proto__ \\u0041","prototypeId":1,"x":["prototype"]}';
    expect(decodeJsonBuffer(buf(text))).toEqual({
      ok: true,
      value: { user: 'constructor', note: '__proto__ A', prototypeId: 1, x: ['prototype'] },
    });
  });
});

describe('decodeJsonText', () => {
  it('applies the same caps to JSON carried in a string', () => {
    expect(decodeJsonText('{"fixedIp":"1.2.3.4"}')).toEqual({ ok: true, value: { fixedIp: '1.2.3.4' } });
    expect(decodeJsonText('')).toMatchObject({ code: 'empty' });
    expect(decodeJsonText('"é"'.repeat(40), { maxBytes: 100, maxDepth: 2 })).toMatchObject({ code: 'too-large' });
    expect(decodeJsonText('{"a":{"b":{}}}', { maxBytes: 100, maxDepth: 2 })).toMatchObject({ code: 'too-deep' });
  });
});
