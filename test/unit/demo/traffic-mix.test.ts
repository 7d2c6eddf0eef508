import { describe, expect, it } from 'vitest';
import { defaultDeployment, deploymentFrom } from '../../../electron/demo/default-deployment';
import { DEFAULT_MIX } from '../../../electron/demo/gateway/default-mix';
import { mixRequest, seededRandom } from '../../../electron/demo/gateway/traffic-mix';
import { RequestEventSchema } from '../../../electron/demo/engine/request-event';

describe('traffic mix', () => {
  it('builds valid request events with WSO2 key formats', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 200; i += 1) {
      const event = mixRequest(DEFAULT_MIX, random, `m${i}`);
      expect(RequestEventSchema.safeParse(event).success).toBe(true);
      expect(event.appKey).toBe(`${event.appId}:${event.userId}`);
      expect(event.subscriptionKey).toBe(
        `${event.appId}:${event.apiContext}:${event.apiVersion}:${event.subscriptionTier}`,
      );
      expect(event.resourceKey.startsWith(`${event.apiContext}/${event.apiVersion}/`)).toBe(true);
      expect(event.resourceKey).toMatch(/:(GET|POST|PUT)$/);
    }
  });

  it('repeats the same traffic for the same seed', () => {
    const a = seededRandom(3);
    const b = seededRandom(3);
    const first = Array.from({ length: 20 }, (_, i) => mixRequest(DEFAULT_MIX, a, `m${i}`));
    const second = Array.from({ length: 20 }, (_, i) => mixRequest(DEFAULT_MIX, b, `m${i}`));
    expect(second).toEqual(first);
  });

  it('uses tiers that the default deployment defines', () => {
    const { policies } = defaultDeployment();
    const names = (type: string) => policies.filter((p) => p.policyType === type).map((p) => p.policy.policyName);
    for (const app of DEFAULT_MIX.applications) {
      expect(names('application')).toContain(app.appTier);
      expect(names('subscription')).toContain(app.subscriptionTier);
    }
    for (const resource of DEFAULT_MIX.apis.flatMap((api) => api.resources)) {
      if (resource.tier !== '') expect(names('advanced')).toContain(resource.tier);
    }
  });
});

describe('default deployment', () => {
  it('reads every sample policy and blocking condition in resources/policies', () => {
    const { policies, blocks } = defaultDeployment();
    expect(policies.map((p) => `${p.policyType}:${p.policy.policyName}`).sort()).toEqual([
      'advanced:10KPerMin',
      'advanced:10PerSec',
      'advanced:1MBPerMin',
      'application:20PerMin',
      'application:50PerMin',
      'application:Unlimited',
      'custom:AdminTenPerMin',
      'subscription:Bronze',
      'subscription:Gold',
    ]);
    expect(blocks.map((b) => b.conditionId)).toEqual(['demo-block-ip', 'demo-block-user']);
  });

  it('names the file and the field of a body that does not validate', () => {
    expect(() =>
      deploymentFrom({ 'bad.json': { policyName: 'x', defaultLimit: { type: 'REQUESTCOUNTLIMIT' } } }),
    ).toThrow('bad.json: defaultLimit.requestCount: is required');
  });
});
