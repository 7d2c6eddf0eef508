import type { TmState } from '../../core/policy/control-message';
import type { Deployment } from '../engine/deployment';
import { blockValueText } from '../engine/throttle-messages';

/** The policies and blocks of a TM's retained state: names, revisions and digests. */
export function deployedEntries(deployment: Deployment): Pick<TmState, 'policies' | 'blocks'> {
  return {
    policies: deployment.policies().map((record) => ({
      name: record.typed.policy.policyName,
      type: record.typed.policyType,
      revision: record.revision,
      digest: record.digest,
      // Custom rules are stored and synchronized, not run: the demo TM has no Siddhi engine.
      evaluated: record.typed.policyType !== 'custom',
    })),
    blocks: deployment.blocks().map((record) => ({
      conditionId: record.conditionId,
      conditionType: record.condition.conditionType,
      conditionValue: blockValueText(record),
      enabled: record.condition.conditionStatus !== false,
      revision: record.revision,
      digest: record.digest,
    })),
  };
}
