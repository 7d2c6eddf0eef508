import { describe, expect, it } from 'vitest';
import { canonicalJson, policyDigest } from '../../../electron/core/policy/policy-digest';
import { fixture } from './policy-test-bodies';

describe('policy digest', () => {
  it('does not depend on key order or formatting', () => {
    const body = fixture('advanced-export.json');
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(body).reverse()))) as unknown;
    expect(policyDigest(reordered)).toBe(policyDigest(body));
    expect(policyDigest(body)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any value, and with array order', () => {
    expect(policyDigest({ a: 1 })).not.toBe(policyDigest({ a: 2 }));
    expect(policyDigest({ a: [1, 2] })).not.toBe(policyDigest({ a: [2, 1] }));
  });

  it('writes sorted keys without whitespace and drops undefined members', () => {
    expect(canonicalJson({ b: [1, { d: null, c: 'x' }], a: undefined, e: true })).toBe(
      '{"b":[1,{"c":"x","d":null}],"e":true}',
    );
  });

  it('is the SHA-256 of the canonical JSON', () => {
    // echo -n '{"a":1}' | sha256sum
    expect(policyDigest({ a: 1 })).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
  });
});
