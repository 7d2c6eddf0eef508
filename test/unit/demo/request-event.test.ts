import { describe, expect, it } from 'vitest';
import { decodeRequestEvent, MAX_REQUEST_BYTES } from '../../../electron/demo/engine/request-event';
import { requestEvent } from './request-fixtures';

describe('request events', () => {
  it('decodes the seventeen fields with properties as JSON text, as WSO2 sends them', () => {
    const event = {
      ...requestEvent(),
      properties: JSON.stringify({ ip: 167772161, messageSize: '2048', 'X-Tier': 'free' }),
    };
    const result = decodeRequestEvent(JSON.stringify(event));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request.event.properties).toEqual({ ip: 167772161, messageSize: '2048', 'X-Tier': 'free' });
    expect(result.request.ip).toEqual({ family: 4, value: 167772161n });
    expect(result.request.messageSize).toBe(2048);
    expect(result.request.header('x-tier')).toBe('free');
    expect(result.request.property('x-tier')).toBeUndefined();
  });

  it('reads an IPv6 client address given as text or as a decimal number', () => {
    const asText = decodeRequestEvent(JSON.stringify(requestEvent({}, { ip: '', ipv6: '::2' })));
    const asNumber = decodeRequestEvent(JSON.stringify(requestEvent({}, { ip: '', ipv6: '2' })));
    expect(asText.ok && asText.request.ip).toEqual({ family: 6, value: 2n });
    expect(asNumber.ok && asNumber.request.ip).toEqual({ family: 6, value: 2n });
  });

  it.each([
    ['{"messageID":', /^not JSON: /],
    [JSON.stringify({ ...requestEvent(), appKey: undefined }), /^appKey: is required$/],
    [JSON.stringify({ ...requestEvent(), appTier: 5 }), /^appTier: must be text \(got 5\)$/],
    [
      JSON.stringify({ ...requestEvent(), properties: '{"ip": [1]}' }),
      /^properties\.ip: must be text or a number or true or false \(got a list\)$/,
    ],
    [
      JSON.stringify({ ...requestEvent(), properties: { headers: { a: 1 } } }),
      /^properties\.headers: must be text or a number/,
    ],
    [JSON.stringify({ ...requestEvent(), properties: 'ip=1' }), /^properties: must be an object \(or its JSON text\)/],
    ['x'.repeat(MAX_REQUEST_BYTES + 1), /over the 65536-byte limit$/],
  ])('refuses %s with a reason', (payload, reason) => {
    const result = decodeRequestEvent(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
