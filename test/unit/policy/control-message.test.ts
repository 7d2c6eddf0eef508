import { describe, expect, it } from 'vitest';
import {
  AckSchema,
  decodeControlMessage,
  HeartbeatSchema,
  MAX_CONTROL_BYTES,
  TmStateSchema,
} from '../../../electron/core/policy/control-message';
import { countLimit, fixture } from './policy-test-bodies';

const envelope = {
  pushId: 'push-1',
  revision: 3,
  replyTo: 'tmc/ack/console-1',
  issuedAt: 1_700_000_000_000,
  issuedBy: 'ops',
};

function encode(message: unknown): string {
  return JSON.stringify(message);
}

describe('control messages', () => {
  it.each([
    ['policy.deploy', { policyType: 'advanced', policy: fixture('advanced-export.json') }],
    ['policy.deploy', { policyType: 'subscription', policy: fixture('subscription-gold-export.json').data as object }],
    ['policy.deploy', { policyType: 'custom', policy: fixture('custom-rule.json') }],
    ['policy.undeploy', { policyType: 'application', policyName: '50PerMin' }],
    [
      'block.add',
      { conditionId: 'b1', conditionType: 'USER', conditionValue: 'eve@carbon.super', conditionStatus: true },
    ],
    ['block.remove', { conditionId: 'b1' }],
    ['counters.reset', { throttleKey: '12:admin@carbon.super' }],
  ])('accepts %s', (kind, body) => {
    const result = decodeControlMessage(encode({ ...envelope, kind, body }));
    expect(result).toEqual({ ok: true, message: { ...envelope, kind, body } });
  });

  it('rejects a policy with reasons at its path inside the message, keeping what is needed to answer', () => {
    const body = { policyType: 'application', policy: { policyName: 'P', defaultLimit: countLimit(0) } };
    expect(decodeControlMessage(encode({ ...envelope, kind: 'policy.deploy', body }))).toEqual({
      ok: false,
      errors: [{ path: 'body.policy.defaultLimit.requestCount.requestCount', message: 'must be greater than 0' }],
      pushId: 'push-1',
      revision: 3,
      replyTo: 'tmc/ack/console-1',
    });
  });

  it.each([
    [{ ...envelope, kind: 'policy.flush', body: {} }, 'kind', /^must be one of policy.deploy, policy.undeploy/],
    [
      { ...envelope, kind: 'block.add', body: { conditionType: 'USER', conditionValue: 'u' } },
      'body.conditionId',
      /^is required/,
    ],
    [{ ...envelope, revision: 0, kind: 'block.remove', body: { conditionId: 'x' } }, 'revision', /^must be 1 or more$/],
    [
      { ...envelope, replyTo: 'tmc/ack/#', kind: 'block.remove', body: { conditionId: 'x' } },
      'replyTo',
      /without wildcards/,
    ],
    [{ ...envelope, pushId: 'a b', kind: 'block.remove', body: { conditionId: 'x' } }, 'pushId', /without spaces/],
    [{ ...envelope, kind: 'counters.reset', body: {} }, 'body.throttleKey', /^is required$/],
    [
      { ...envelope, kind: 'policy.deploy', body: { policyType: 'global', policy: {} } },
      'body.policyType',
      /^must be one of advanced/,
    ],
  ])('rejects %j', (message, path, reason) => {
    const result = decodeControlMessage(encode(message));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.path).toBe(path);
    expect(result.errors[0]?.message).toMatch(reason);
  });

  it('rejects text that is not JSON and payloads over the size cap without throwing', () => {
    expect(decodeControlMessage('{"pushId":')).toEqual({
      ok: false,
      errors: [{ path: '(root)', message: expect.stringMatching(/^not JSON: /) as unknown }],
    });
    const big = decodeControlMessage('x'.repeat(MAX_CONTROL_BYTES + 1));
    expect(big.ok === false && big.errors[0]?.message).toBe(
      `payload of ${MAX_CONTROL_BYTES + 1} bytes is over the ${MAX_CONTROL_BYTES}-byte limit`,
    );
  });
});

describe('acknowledgement, state and heartbeat', () => {
  it('parses valid ones and refuses unknown statuses', () => {
    const ack = {
      pushId: 'p',
      tmId: 'tm1',
      status: 'rejected',
      revision: 0,
      reason: 'bad',
      errors: [{ path: 'x', message: 'y' }],
    };
    expect(AckSchema.parse(ack)).toEqual(ack);
    expect(AckSchema.safeParse({ ...ack, status: 'ok' }).success).toBe(false);
    const state = {
      tmId: 'tm1',
      startedAt: 1,
      phase: 'serving',
      syncedFrom: 'tm2',
      policies: [{ name: 'Gold', type: 'subscription', revision: 2, digest: 'ab', evaluated: true }],
      blocks: [
        {
          conditionId: 'b',
          conditionType: 'IP',
          conditionValue: '{"fixedIp":"1.2.3.4"}',
          enabled: true,
          revision: 1,
          digest: 'cd',
        },
      ],
      peers: [{ tmId: 'tm2', url: 'mqtt://127.0.0.1:1884', connected: true }],
    };
    expect(TmStateSchema.parse(state)).toEqual(state);
    expect(TmStateSchema.safeParse({ ...state, phase: 'starting' }).success).toBe(false);
    const beat = { tmId: 'tm1', seq: 4, ts: 5, requestsPerSec: 10.5, decisionsPerSec: 0 };
    expect(HeartbeatSchema.parse(beat)).toEqual(beat);
    expect(HeartbeatSchema.safeParse({ ...beat, seq: -1 }).success).toBe(false);
  });
});
