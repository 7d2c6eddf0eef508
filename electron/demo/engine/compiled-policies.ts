import type { ThrottleLimit, TimeUnit } from '../../core/policy/limit-schema';
import type { AdvancedPolicy } from '../../core/policy/policy-schema';
import { compileConditions, evaluatedConditions, type ConditionBlock } from './condition-match';

// Deployed policies turned into what the engine evaluates per request.

export interface CompiledLimit {
  /** What a request adds to the window's count: 1, or its `messageSize` for bandwidth limits. */
  measure: 'count' | 'bytes';
  amount: number;
  unit: TimeUnit;
  unitTime: number;
}

export interface CompiledGroup {
  /** The `{id}` of the `_condition_{id}` key: the group's index in `conditionalGroups`. */
  id: number;
  conditions: ConditionBlock[];
  limit: CompiledLimit;
  evaluatedConditions: string;
}

export interface CompiledAdvanced {
  defaultLimit: CompiledLimit;
  groups: CompiledGroup[];
}

/** Policies by tier name, one map per level. */
export interface CompiledPolicies {
  application: Map<string, CompiledLimit>;
  subscription: Map<string, CompiledLimit & { stopOnQuotaReach: boolean }>;
  advanced: Map<string, CompiledAdvanced>;
}

const DATA_UNIT_BYTES = { KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as const;

export function compileLimit(limit: ThrottleLimit): CompiledLimit {
  switch (limit.type) {
    case 'REQUESTCOUNTLIMIT':
      return { measure: 'count', amount: limit.requestCount.requestCount, ...window(limit.requestCount) };
    case 'EVENTCOUNTLIMIT':
      return { measure: 'count', amount: limit.eventCount.eventCount, ...window(limit.eventCount) };
    case 'BANDWIDTHLIMIT': {
      const { dataAmount, dataUnit } = limit.bandwidth;
      return { measure: 'bytes', amount: dataAmount * DATA_UNIT_BYTES[dataUnit], ...window(limit.bandwidth) };
    }
  }
}

function window(limit: { timeUnit: TimeUnit; unitTime: number }): Pick<CompiledLimit, 'unit' | 'unitTime'> {
  return { unit: limit.timeUnit, unitTime: limit.unitTime };
}

export function compileAdvanced(policy: AdvancedPolicy): CompiledAdvanced {
  return {
    defaultLimit: compileLimit(policy.defaultLimit),
    groups: (policy.conditionalGroups ?? []).map((group, id) => {
      const conditions = compileConditions(group.conditions);
      return { id, conditions, limit: compileLimit(group.limit), evaluatedConditions: evaluatedConditions(conditions) };
    }),
  };
}

export function emptyPolicies(): CompiledPolicies {
  return { application: new Map(), subscription: new Map(), advanced: new Map() };
}
