import {
  evaluable,
  type EvaluableRequest,
  type RequestEvent,
  type RequestProperties,
} from '../../../electron/demo/engine/request-event';

let sequence = 0;

/** A request event for PizzaApp (app 12) calling GET /menu of the Pizza Shack API. */
export function requestEvent(overrides: Partial<RequestEvent> = {}, properties: RequestProperties = {}): RequestEvent {
  sequence += 1;
  return {
    messageID: `m-${sequence}`,
    appKey: '12:admin@carbon.super',
    appTier: '10PerMin',
    apiKey: '/pizzashack/1.0.0:1.0.0',
    apiTier: '',
    subscriptionKey: '12:/pizzashack/1.0.0:1.0.0:Gold',
    subscriptionTier: 'Gold',
    resourceKey: '/pizzashack/1.0.0/1.0.0/menu:GET',
    resourceTier: 'Tiers',
    userId: 'admin@carbon.super',
    apiContext: '/pizzashack/1.0.0',
    apiVersion: '1.0.0',
    appTenant: 'carbon.super',
    apiTenant: 'carbon.super',
    appId: '12',
    apiName: 'PizzaShackAPI',
    properties: { ip: 167772161, messageSize: 100, ...properties },
    ...overrides,
  };
}

export function request(overrides: Partial<RequestEvent> = {}, properties: RequestProperties = {}): EvaluableRequest {
  return evaluable(requestEvent(overrides, properties));
}

/** 2024-05-01T12:00:00Z: a whole minute, hour and day. */
export const NOON = Date.UTC(2024, 4, 1, 12, 0, 0);
