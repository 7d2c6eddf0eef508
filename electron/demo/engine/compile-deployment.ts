import { compileBlock, type CompiledBlock } from './blocking-match';
import { compileAdvanced, compileLimit, emptyPolicies, type CompiledPolicies } from './compiled-policies';
import type { BlockRecord, PolicyRecord } from './deployment';

/** The engine's view of deployed policies. Custom rules are kept but not evaluated. */
export function compilePolicies(records: readonly PolicyRecord[]): CompiledPolicies {
  const compiled = emptyPolicies();
  for (const { typed } of records) {
    const name = typed.policy.policyName;
    if (typed.policyType === 'application') compiled.application.set(name, compileLimit(typed.policy.defaultLimit));
    else if (typed.policyType === 'subscription')
      compiled.subscription.set(name, {
        ...compileLimit(typed.policy.defaultLimit),
        stopOnQuotaReach: typed.policy.stopOnQuotaReach ?? true,
      });
    else if (typed.policyType === 'advanced') compiled.advanced.set(name, compileAdvanced(typed.policy));
  }
  return compiled;
}

export function compileBlocks(records: readonly BlockRecord[]): CompiledBlock[] {
  return records.map((record) => compileBlock(record.conditionId, record.condition));
}
