import type { TrafficMix } from './traffic-mix';

/**
 * The demo's traffic, shaped to the default policies in resources/policies: PizzaApp's users hit
 * their 50-per-minute application limit within seconds, the free tier and mobile clients of the
 * advanced policy throttle per minute and per second, payments flip every second, uploads run
 * into a bandwidth cap, and one address and one user are blocked outright.
 */
export const DEFAULT_MIX: TrafficMix = {
  tenant: 'carbon.super',
  applications: [
    {
      appId: '12',
      name: 'PizzaApp',
      subscriber: 'admin',
      appTier: '50PerMin',
      subscriptionTier: 'Gold',
      keyType: 'PRODUCTION',
      users: ['admin@carbon.super', 'alice@carbon.super', 'frank@carbon.super', 'grace@carbon.super'],
    },
    {
      appId: '17',
      name: 'MobileApp',
      subscriber: 'bob',
      appTier: 'Unlimited',
      subscriptionTier: 'Bronze',
      keyType: 'PRODUCTION',
      users: ['bob@carbon.super', 'carol@carbon.super', 'dave@carbon.super'],
    },
    {
      appId: '23',
      name: 'TrialApp',
      subscriber: 'erin',
      appTier: '20PerMin',
      subscriptionTier: 'Bronze',
      keyType: 'SANDBOX',
      users: [
        'erin@carbon.super',
        'heidi@carbon.super',
        'ivan@carbon.super',
        'judy@carbon.super',
        'mallory@carbon.super',
      ],
    },
  ],
  apis: [
    {
      name: 'PizzaShackAPI',
      context: '/pizzashack/1.0.0',
      version: '1.0.0',
      resources: [
        { uriTemplate: '/menu', verb: 'GET', tier: '10KPerMin' },
        { uriTemplate: '/order', verb: 'POST', tier: '10KPerMin' },
      ],
    },
    {
      name: 'PaymentsAPI',
      context: '/payments/2.0',
      version: '2.0',
      resources: [
        { uriTemplate: '/charge', verb: 'POST', tier: '10PerSec' },
        { uriTemplate: '/status', verb: 'GET', tier: '10KPerMin' },
      ],
    },
    {
      name: 'FilesAPI',
      context: '/files/1.0',
      version: '1.0',
      resources: [
        { uriTemplate: '/upload', verb: 'PUT', tier: '1MBPerMin' },
        { uriTemplate: '/list', verb: 'GET', tier: '' },
      ],
    },
  ],
  // One address in twelve is blocked (192.0.2.66), as is one TrialApp user in five (mallory).
  clientIps: [
    '10.100.4.20',
    '10.100.9.9',
    '10.100.17.3',
    '203.0.113.10',
    '203.0.113.77',
    '203.0.113.200',
    '198.51.100.7',
    '198.51.100.99',
    '2001:db8::42',
    '2001:db8::7:1',
    '2001:db8:1::9',
    '192.0.2.66',
  ],
  headers: [{ name: 'x-tier', values: ['free', 'premium', ''] }],
  queryParameters: [{ name: 'client', values: ['mobile', 'web', ''] }],
  jwtClaims: [{ name: 'http://wso2.org/claims/role', values: ['admin', 'user', ''] }],
  messageSize: { min: 200, max: 16_000 },
};
