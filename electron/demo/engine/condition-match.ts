import type { ThrottleCondition } from '../../core/policy/condition-schema';
import { parseIp, type IpAddress } from '../../core/policy/ip-address';
import type { EvaluableRequest } from './request-event';

// A conditional group's conditions, merged by kind the way WSO2 merges them: all headers of a
// group form one map with one invert flag, likewise query parameters and JWT claims; an IP
// condition is one specific address or one range. Within a group every kind must match.

type Named = { kind: 'header' | 'queryparametertype' | 'jwtclaims'; invert: boolean; values: Map<string, string> };
type Specific = { kind: 'ipspecific'; invert: boolean; ip: IpAddress };
type Range = { kind: 'iprange'; invert: boolean; start: IpAddress; end: IpAddress };
export type ConditionBlock = Named | Specific | Range;

const NAMED_KIND = {
  HEADERCONDITION: 'header',
  QUERYPARAMETERCONDITION: 'queryparametertype',
  JWTCLAIMSCONDITION: 'jwtclaims',
} as const;

/** Compiles validated conditions; IPs were checked by the schema, so parsing cannot fail here. */
export function compileConditions(conditions: readonly ThrottleCondition[]): ConditionBlock[] {
  const named = new Map<Named['kind'], Named>();
  const blocks: ConditionBlock[] = [];
  for (const condition of conditions) {
    const invert = condition.invertCondition ?? false;
    if (condition.type === 'IPCONDITION') {
      const { ipConditionType, specificIP, startingIP, endingIP } = condition.ipCondition;
      if (ipConditionType === 'IPSPECIFIC') {
        const ip = parseIp(specificIP ?? '');
        if (ip) blocks.push({ kind: 'ipspecific', invert, ip });
      } else {
        const start = parseIp(startingIP ?? '');
        const end = parseIp(endingIP ?? '');
        if (start && end) blocks.push({ kind: 'iprange', invert, start, end });
      }
      continue;
    }
    const kind = NAMED_KIND[condition.type];
    let block = named.get(kind);
    if (!block) {
      block = { kind, invert, values: new Map() };
      named.set(kind, block);
      blocks.push(block);
    }
    if (condition.type === 'HEADERCONDITION')
      block.values.set(condition.headerCondition.headerName, condition.headerCondition.headerValue);
    else if (condition.type === 'QUERYPARAMETERCONDITION')
      block.values.set(
        condition.queryParameterCondition.parameterName,
        condition.queryParameterCondition.parameterValue,
      );
    else block.values.set(condition.jwtClaimsCondition.claimUrl, condition.jwtClaimsCondition.attribute);
  }
  return blocks;
}

function sameIp(a: IpAddress | undefined, b: IpAddress): boolean {
  return a !== undefined && a.family === b.family && a.value === b.value;
}

function inRange(ip: IpAddress | undefined, start: IpAddress, end: IpAddress): boolean {
  return ip !== undefined && ip.family === start.family && ip.value >= start.value && ip.value <= end.value;
}

function blockMatches(block: ConditionBlock, request: EvaluableRequest): boolean {
  switch (block.kind) {
    case 'header':
      return [...block.values].every(([name, value]) => request.header(name) === value);
    case 'queryparametertype':
    case 'jwtclaims':
      return [...block.values].every(([name, value]) => request.property(name) === value);
    case 'ipspecific':
      return sameIp(request.ip, block.ip);
    case 'iprange':
      return inRange(request.ip, block.start, block.end);
  }
}

/** True when the request satisfies every block (each one inverted when its flag says so). */
export function matchesAll(blocks: readonly ConditionBlock[], request: EvaluableRequest): boolean {
  return blocks.every((block) => blockMatches(block, request) !== block.invert);
}

function ipJson(ip: IpAddress): number | string {
  // WSO2 carries IPv4 addresses as numbers; IPv6 ones do not fit, so they travel as decimal text.
  return ip.family === 4 ? Number(ip.value) : ip.value.toString();
}

/**
 * `evaluatedConditions` of a decision: Base64 of a JSON array holding the group's conditions,
 * e.g. `[{"header":{"values":{"x-tier":"free"},"invert":false}}]`.
 */
export function evaluatedConditions(blocks: readonly ConditionBlock[]): string {
  const group: Record<string, unknown> = {};
  for (const block of blocks) {
    if (block.kind === 'ipspecific') group.ipspecific = { specificIp: ipJson(block.ip), invert: block.invert };
    else if (block.kind === 'iprange')
      group.iprange = { startingIp: ipJson(block.start), endingIp: ipJson(block.end), invert: block.invert };
    else group[block.kind] = { values: Object.fromEntries(block.values), invert: block.invert };
  }
  return Buffer.from(JSON.stringify([group])).toString('base64');
}
