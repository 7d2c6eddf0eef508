import { isIPv4, isIPv6 } from 'node:net';

export type IpFamily = 4 | 6;

/** An IP address as a number, so ranges compare the way the gateway compares them. */
export interface IpAddress {
  family: IpFamily;
  value: bigint;
}

const IPV4_MAX = 0xffffffffn;

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((sum, part) => (sum << 8n) + BigInt(Number(part)), 0n);
}

function ipv6Value(text: string): bigint {
  // An embedded IPv4 tail (::ffff:1.2.3.4) stands for the last two groups.
  let body = text;
  let tail: bigint[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = ipv4Value(text.slice(lastColon + 1));
    tail = [v4 >> 16n, v4 & 0xffffn];
    body = text.slice(0, lastColon + 1);
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const [head = '', rest] = body.split('::');
  const groups = (part: string): bigint[] => (part === '' ? [] : part.split(':').map((g) => BigInt(`0x${g}`)));
  const headGroups = groups(head);
  const restGroups = rest === undefined ? [] : groups(rest);
  const missing = 8 - headGroups.length - restGroups.length - tail.length;
  const zeros = rest === undefined ? [] : new Array<bigint>(missing).fill(0n);
  return [...headGroups, ...zeros, ...restGroups, ...tail].reduce((sum, group) => (sum << 16n) + group, 0n);
}

/** Parses a textual IPv4 or IPv6 address; undefined when it is neither. */
export function parseIp(text: string): IpAddress | undefined {
  // Leading zeros are refused: some parsers read them as octal, so "010.0.0.1" is ambiguous.
  if (isIPv4(text) && !/(^|\.)0\d/.test(text)) return { family: 4, value: ipv4Value(text) };
  const unzoned = text.split('%')[0] ?? text;
  if (isIPv6(unzoned)) return { family: 6, value: ipv6Value(unzoned) };
  return undefined;
}

/** The IPv4 address a request event carries as a number (WSO2 `properties.ip`). */
export function ipv4FromNumber(value: number): IpAddress | undefined {
  if (!Number.isInteger(value) || value < 0 || BigInt(value) > IPV4_MAX) return undefined;
  return { family: 4, value: BigInt(value) };
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}
