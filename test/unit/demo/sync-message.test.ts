import { describe, expect, it } from 'vitest';
import { decodeSyncMessage } from '../../../electron/demo/tm/sync-message';

const gold = (extra: string) =>
  `{"policyName":"Gold","defaultLimit":{"type":"REQUESTCOUNTLIMIT","requestCount":{"timeUnit":"min","unitTime":1,"requestCount":5}},"extra":${extra}}`;
const snapshot = (policy: string) =>
  `{"kind":"snapshot","from":"tm2","entries":[{"kind":"policy","revision":2,"typed":{"policyType":"application","policy":${policy}}}],"pushIds":[]}`;

describe('peer sync messages', () => {
  it('takes a snapshot from a peer', () => {
    expect(decodeSyncMessage(snapshot(gold('{"a":1}')))).toMatchObject({ ok: true, message: { kind: 'snapshot' } });
  });

  it('refuses a snapshot nested too deep to digest or pass on, with the path, rather than throwing later', () => {
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const decoded = decodeSyncMessage(snapshot(gold(deep)));
    expect(decoded.ok).toBe(false);
    expect(decoded).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /^entries\.0\.typed\.policy\.extra(\.a)+: nests objects and arrays deeper than 64 levels$/,
      ) as unknown,
    });
  });
});
