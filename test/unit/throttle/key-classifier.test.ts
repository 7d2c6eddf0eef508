import { describe, expect, it } from 'vitest';
import { classifyThrottleKey } from '../../../electron/core/throttle/key-classifier';
import { compileKeyTemplate } from '../../../electron/core/throttle/key-template';

describe('classifyThrottleKey: built-in formats', () => {
  it.each([
    ['application', '12:admin@carbon.super', { appId: '12', user: 'admin@carbon.super', tenant: 'carbon.super' }],
    [
      'application (UUID app id, email user)',
      'c3b6c7a2-1f0e-4d8a-9a51-2b7f0c9e4d11:john@example.com@wso2.com',
      { appId: 'c3b6c7a2-1f0e-4d8a-9a51-2b7f0c9e4d11', user: 'john@example.com@wso2.com', tenant: 'wso2.com' },
    ],
    [
      'subscription',
      '12:/pizzashack/1.0.0:1.0.0:Gold',
      { appId: '12', apiContext: '/pizzashack/1.0.0', apiVersion: '1.0.0', tier: 'Gold' },
    ],
    [
      'subscription (older, without tier)',
      '12:/pizzashack/1.0.0:1.0.0',
      { appId: '12', apiContext: '/pizzashack/1.0.0', apiVersion: '1.0.0' },
    ],
    [
      'subscription (tenant API)',
      '7:/t/wso2.com/orders/2.1:2.1:Unlimited',
      { appId: '7', apiContext: '/t/wso2.com/orders/2.1', apiVersion: '2.1', tier: 'Unlimited', tenant: 'wso2.com' },
    ],
  ])('%s', (_name, key, parts) => {
    const level = key.split(':').length === 2 ? 'application' : 'subscription';
    expect(classifyThrottleKey(key)).toEqual({ level, parts });
  });

  it.each([
    [
      '/pizzashack/1.0.0:1.0.0_default',
      { apiContext: '/pizzashack/1.0.0', apiVersion: '1.0.0', conditionGroup: 'default', perUser: false },
    ],
    [
      '/pizzashack/1.0.0:1.0.0_condition_2',
      { apiContext: '/pizzashack/1.0.0', apiVersion: '1.0.0', conditionGroup: '2', perUser: false },
    ],
    [
      '/pizzashack/1.0.0:1.0.0_admin@carbon.super_condition_0',
      {
        apiContext: '/pizzashack/1.0.0',
        apiVersion: '1.0.0',
        conditionGroup: '0',
        perUser: true,
        user: 'admin@carbon.super',
        tenant: 'carbon.super',
      },
    ],
    [
      '/t/wso2.com/orders/v2:v2_default',
      {
        apiContext: '/t/wso2.com/orders/v2',
        apiVersion: 'v2',
        conditionGroup: 'default',
        perUser: false,
        tenant: 'wso2.com',
      },
    ],
    [
      '/stock_quote/1.0_beta:1.0_beta_bob@carbon.super_default',
      {
        apiContext: '/stock_quote/1.0_beta',
        apiVersion: '1.0_beta',
        conditionGroup: 'default',
        perUser: true,
        user: 'bob@carbon.super',
        tenant: 'carbon.super',
      },
    ],
  ])('API key %s', (key, parts) => {
    expect(classifyThrottleKey(key)).toEqual({ level: 'api', parts });
  });

  it.each([
    [
      '/pizzashack/1.0.0/1.0.0/menu:GET_condition_1',
      {
        apiContext: '/pizzashack/1.0.0',
        apiVersion: '1.0.0',
        resource: '/menu',
        verb: 'GET',
        conditionGroup: '1',
        perUser: false,
      },
    ],
    [
      '/pizzashack/1.0.0/1.0.0/order/{orderId}:DELETE_default',
      {
        apiContext: '/pizzashack/1.0.0',
        apiVersion: '1.0.0',
        resource: '/order/{orderId}',
        verb: 'DELETE',
        conditionGroup: 'default',
        perUser: false,
      },
    ],
    [
      '/pizzashack/1.0.0/1.0.0/*:POST_admin@carbon.super_default',
      {
        apiContext: '/pizzashack/1.0.0',
        apiVersion: '1.0.0',
        resource: '/*',
        verb: 'POST',
        conditionGroup: 'default',
        perUser: true,
        user: 'admin@carbon.super',
        tenant: 'carbon.super',
      },
    ],
    [
      '/1.0.0/weather/1.0.0/forecast:GET_default',
      {
        apiContext: '/1.0.0/weather',
        apiVersion: '1.0.0',
        resource: '/forecast',
        verb: 'GET',
        conditionGroup: 'default',
        perUser: false,
      },
    ],
    [
      '/t/shop.example/cart/2.0/2.0/items:PUT_condition_3',
      {
        apiContext: '/t/shop.example/cart/2.0',
        apiVersion: '2.0',
        resource: '/items',
        verb: 'PUT',
        conditionGroup: '3',
        perUser: false,
        tenant: 'shop.example',
      },
    ],
    [
      '/graphql/1.0/1.0/hero:QUERY_default',
      {
        apiContext: '/graphql/1.0',
        apiVersion: '1.0',
        resource: '/hero',
        verb: 'QUERY',
        conditionGroup: 'default',
        perUser: false,
      },
    ],
  ])('resource key %s', (key, parts) => {
    expect(classifyThrottleKey(key)).toEqual({ level: 'resource', parts });
  });

  it('keeps a resource key whose path shows no version as its resource', () => {
    expect(classifyThrottleKey('/noversion/menu:GET_default')).toEqual({
      level: 'resource',
      parts: { resource: '/noversion/menu', verb: 'GET', conditionGroup: 'default', perUser: false },
    });
  });

  it('takes the shortest context segment the version part starts with, the rest being the user', () => {
    expect(classifyThrottleKey('/api/1/1_0:1_0_bob_default').parts).toMatchObject({
      apiContext: '/api/1/1_0',
      apiVersion: '1',
      user: '0_bob',
    });
  });

  // Keys come from the network, up to the 64 KiB payload cap: a long key with thousands of
  // segments and underscores is classified like a short one (in linear time; `npm run bench:ingest` times it).
  it('classifies a key of thousands of segments and underscores', () => {
    const context = `/${Array.from({ length: 6_000 }, (_, i) => `v${i % 97}`).join('/')}`;
    const user = 'x_'.repeat(20_000);
    expect(classifyThrottleKey(`${context}:v5_${user}_default`)).toEqual({
      level: 'api',
      parts: { apiContext: context, apiVersion: 'v5', user, conditionGroup: 'default', perUser: true },
    });
    // The first segment that repeats an earlier one is the version: v0, after one lap of 97.
    const firstLap = `/${Array.from({ length: 97 }, (_, i) => `v${i}`).join('/')}`;
    const resource = classifyThrottleKey(`${context}:GET_default`).parts;
    expect(resource).toMatchObject({ apiContext: firstLap, apiVersion: 'v0', verb: 'GET' });
  });

  it.each(['admin@carbon.super:/pizzashack/1.0.0:1.0.0', 'something-else', 'abc:def', '_default', 'x_condition_', ':'])(
    'classifies %s as custom without parts when no template matches',
    (key) => {
      expect(classifyThrottleKey(key)).toEqual({ level: 'custom', parts: {} });
    },
  );
});

describe('classifyThrottleKey: custom keys shaped by key templates', () => {
  const templates = [
    compileKeyTemplate('$userId:$apiContext:$apiVersion'),
    compileKeyTemplate('$clientIp:$appId'),
    compileKeyTemplate('$appTenant|$resourceKey'),
    compileKeyTemplate('$customProperty.x-fapi-customer-ip-address:$appId'),
  ];

  it.each([
    [
      'admin@carbon.super:/pizzashack/1.0.0:1.0.0',
      { user: 'admin@carbon.super', tenant: 'carbon.super', apiContext: '/pizzashack/1.0.0', apiVersion: '1.0.0' },
    ],
    ['10.0.0.7:42', { clientIp: '10.0.0.7', appId: '42' }],
    ['2001:db8::1:42', { clientIp: '2001:db8::1', appId: '42' }],
    [
      'wso2.com|/pizzashack/1.0.0/1.0.0/menu:GET',
      { tenant: 'wso2.com', apiContext: '/pizzashack/1.0.0', apiVersion: '1.0.0', resource: '/menu', verb: 'GET' },
    ],
    ['198.51.100.4:77', { clientIp: '198.51.100.4', appId: '77' }],
  ])('%s', (key, parts) => {
    expect(classifyThrottleKey(key, templates)).toEqual({ level: 'custom', parts });
  });

  it('prefers the built-in formats a key also fits', () => {
    expect(classifyThrottleKey('12:admin@carbon.super', [compileKeyTemplate('$appId:$userId')]).level).toBe(
      'application',
    );
  });

  it('does not match keys past the length bound', () => {
    expect(classifyThrottleKey(`${'a'.repeat(2000)}:/x:1`, templates)).toEqual({ level: 'custom', parts: {} });
    expect(classifyThrottleKey(`${'a'.repeat(1000)}:/x:1`, templates)).toMatchObject({ parts: { apiContext: '/x' } });
  });

  it('matches colon-heavy keys the way the template reads them', () => {
    expect(classifyThrottleKey(`${':'.repeat(900)}x`, templates)).toEqual({
      level: 'custom',
      parts: { clientIp: ':'.repeat(899), appId: 'x' },
    });
  });

  it('treats regex characters in templates literally', () => {
    const template = compileKeyTemplate('($userId).[$appId]');
    expect(template.match('(bob).[3]')).toEqual({ user: 'bob', appId: '3' });
    expect(template.match('xbobx.[3]')).toBeUndefined();
  });
});
