import { describe, expect, it } from 'vitest';
import { ConditionCache, decodeConditions } from '../../../electron/core/throttle/evaluated-conditions';
import { base64 } from './payloads';

describe('decodeConditions', () => {
  it('reads a header condition as the "why" panel shows it', () => {
    expect(decodeConditions(base64([{ header: { values: { 'x-tier': 'free' }, invert: false } }]))).toEqual([
      { kind: 'header', invert: false, values: [{ name: 'x-tier', value: 'free' }], text: 'header x-tier = free' },
    ]);
  });

  it('reads every condition kind, inverted or not', () => {
    const group = [
      {
        iprange: { startingIp: '10.0.0.1', endingIp: '10.0.0.255', invert: false },
        ipspecific: { specificIp: 3232235777, invert: true },
      },
      { queryparametertype: { values: { plan: 'trial', region: 'eu' }, invert: true } },
      { jwtclaims: { values: { 'http://wso2.org/claims/tier': 'bronze' }, invert: 'false' } },
    ];
    expect(decodeConditions(base64(group))).toEqual([
      {
        kind: 'ipRange',
        invert: false,
        startingIp: '10.0.0.1',
        endingIp: '10.0.0.255',
        text: 'IP range 10.0.0.1–10.0.0.255',
      },
      { kind: 'ipSpecific', invert: true, ip: '192.168.1.1', text: 'not IP 192.168.1.1' },
      {
        kind: 'queryParameter',
        invert: true,
        values: [
          { name: 'plan', value: 'trial' },
          { name: 'region', value: 'eu' },
        ],
        text: 'not (query parameter plan = trial and query parameter region = eu)',
      },
      {
        kind: 'jwtClaim',
        invert: false,
        values: [{ name: 'http://wso2.org/claims/tier', value: 'bronze' }],
        text: 'JWT claim http://wso2.org/claims/tier = bronze',
      },
    ]);
  });

  it('reads an inverted single header as "not …"', () => {
    expect(decodeConditions(base64([{ header: { values: { 'x-tier': 'free' }, invert: true } }]))[0]?.text).toBe(
      'not header x-tier = free',
    );
  });

  it.each([
    ['not Base64', '***', 'evaluatedConditions is not Base64'],
    ['not JSON', Buffer.from('{oops').toString('base64'), /^evaluatedConditions: not JSON/],
    ['not an array', base64({ header: {} }), 'evaluatedConditions: expected a JSON array, got an object'],
    ['a forbidden key', Buffer.from('[{"__proto__":{}}]').toString('base64'), /forbidden|not allowed/],
    ['too deep', base64([[[[[[[[1]]]]]]]]), /nested deeper than 6 levels/],
    ['too long', 'A'.repeat(20_000), 'evaluatedConditions is 20000 characters, over the 16384 cap'],
  ])('turns %s into one unreadable entry that says why', (_name, input, reason) => {
    const conditions = decodeConditions(input);
    expect(conditions).toHaveLength(1);
    expect(conditions[0]?.kind).toBe('unreadable');
    if (typeof reason === 'string') expect(conditions[0]?.text).toBe(reason);
    else expect(conditions[0]?.text).toMatch(reason);
  });

  it('keeps what it can read next to what it cannot', () => {
    const conditions = decodeConditions(
      base64([
        { header: { values: { a: 'b' } }, geo: { values: { country: 'NL' } } },
        7,
        { iprange: { startingIp: '' } },
      ]),
    );
    expect(conditions.map((c) => [c.kind, c.text])).toEqual([
      ['header', 'header a = b'],
      ['unreadable', 'evaluatedConditions[0].geo: unknown condition kind "geo"'],
      ['unreadable', 'evaluatedConditions[1]: expected an object, got 7'],
      ['unreadable', 'evaluatedConditions[2].iprange: expected startingIp and endingIp as IP addresses'],
    ]);
  });

  it('refuses value maps that are empty or hold objects', () => {
    expect(decodeConditions(base64([{ header: { values: {} } }]))[0]?.text).toMatch(/expected 1 to 64 entries, got 0/);
    expect(decodeConditions(base64([{ header: { values: { a: { b: 1 } } } }]))[0]?.text).toMatch(
      /values\.a: expected a string/,
    );
  });
});

describe('ConditionCache', () => {
  it('decodes each distinct string once and returns the same array after', () => {
    const cache = new ConditionCache(4);
    const raw = base64([{ header: { values: { 'x-tier': 'free' } } }]);
    const first = cache.get(raw);
    expect(cache.get(raw)).toBe(first);
  });

  it('stays bounded: past its count cap it starts over', () => {
    const cache = new ConditionCache(2);
    const raws = [1, 2, 3].map((n) => base64([{ header: { values: { n: String(n) } } }]));
    const first = cache.get(raws[0] as string);
    cache.get(raws[1] as string);
    cache.get(raws[2] as string);
    const again = cache.get(raws[0] as string);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });
});

describe('IP addresses in conditions', () => {
  it.each([
    [167772161, '10.0.0.1'],
    ['167772161', '10.0.0.1'],
    ['192.168.7.1', '192.168.7.1'],
    ['42540766411282592856903984951653826561', '2001:db8::1'],
    ['1', '0.0.0.1'],
    [String(2n ** 128n - 1n), 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['281470681743360', '::ffff:0:0'],
    ['2001:db8::7', '2001:db8::7'],
  ])('shows %j as %s', (ip, text) => {
    expect(decodeConditions(base64([{ ipspecific: { specificIp: ip, invert: false } }]))[0]).toMatchObject({
      ip: text,
    });
  });

  it.each([[-1], [2 ** 40], [1.5], ['']])('refuses %j as an address', (ip) => {
    expect(decodeConditions(base64([{ ipspecific: { specificIp: ip } }]))[0]?.kind).toBe('unreadable');
  });

  it('shows decimal text past the IPv6 range as sent', () => {
    const ip = String(2n ** 128n);
    expect(decodeConditions(base64([{ ipspecific: { specificIp: ip } }]))[0]).toMatchObject({ ip });
  });
});
