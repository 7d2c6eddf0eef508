import { ipValueObject, type BlockingCondition, type BlockingType } from '../../core/policy/blocking-schema';
import { parseIp } from '../../core/policy/ip-address';
import type { EvaluableRequest } from './request-event';

// Blocking conditions applied to a request. The request stream has no application name or key
// type, so APPLICATION and SUBSCRIPTION blocks read `subscriber`, `applicationName` and
// `keyType` from the request's properties (the demo gateway sets them).

export interface CompiledBlock {
  conditionId: string;
  type: BlockingType;
  enabled: boolean;
  matches(request: EvaluableRequest): boolean;
}

function appPart(request: EvaluableRequest): string {
  return `${request.property('subscriber') ?? ''}:${request.property('applicationName') ?? ''}`;
}

function ipMatcher(condition: BlockingCondition): (request: EvaluableRequest) => boolean {
  const value = ipValueObject(condition.conditionValue) ?? {};
  const invert = value.invert === true;
  const ip = (field: string) => (typeof value[field] === 'string' ? parseIp(value[field]) : undefined);
  if (condition.conditionType === 'IP') {
    const fixed = ip('fixedIp');
    return (request) =>
      (request.ip !== undefined &&
        fixed !== undefined &&
        request.ip.family === fixed.family &&
        request.ip.value === fixed.value) !== invert;
  }
  const start = ip('startingIp');
  const end = ip('endingIp');
  return (request) =>
    (request.ip !== undefined &&
      start !== undefined &&
      end !== undefined &&
      request.ip.family === start.family &&
      request.ip.value >= start.value &&
      request.ip.value <= end.value) !== invert;
}

function matcher(condition: BlockingCondition): (request: EvaluableRequest) => boolean {
  const value = String(condition.conditionValue);
  switch (condition.conditionType) {
    case 'API':
      return (request) => request.event.apiContext === value;
    case 'USER':
      return (request) => request.event.userId === value;
    case 'APPLICATION':
      return (request) => appPart(request) === value;
    case 'SUBSCRIPTION':
      return (request) => {
        const { apiContext, apiVersion } = request.event;
        const app = `${request.property('subscriber') ?? ''}-${request.property('applicationName') ?? ''}`;
        return `${apiContext}:${apiVersion}:${app}:${request.property('keyType') ?? ''}` === value;
      };
    case 'IP':
    case 'IPRANGE':
      return ipMatcher(condition);
  }
}

export function compileBlock(conditionId: string, condition: BlockingCondition): CompiledBlock {
  return {
    conditionId,
    type: condition.conditionType,
    // WSO2 treats a condition without a status as active.
    enabled: condition.conditionStatus !== false,
    matches: matcher(condition),
  };
}

/** The first enabled block that matches the request. */
export function blockedBy(blocks: readonly CompiledBlock[], request: EvaluableRequest): CompiledBlock | undefined {
  return blocks.find((block) => block.enabled && block.matches(request));
}
