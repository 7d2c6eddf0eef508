import type { BlockingCondition } from '../core/policy/blocking-schema';
import { TypedPolicySchema, type TypedPolicy } from '../core/policy/control-message';
import { humanError, toPolicyIssues, type PolicyIssue } from '../core/policy/human-issue';
import { detectPolicyKind, validatePolicy } from '../core/policy/policy-validator';
import advanced10KPerMin from '../../resources/policies/advanced-10KPerMin.json';
import advanced10PerSec from '../../resources/policies/advanced-10PerSec.json';
import advanced1MBPerMin from '../../resources/policies/advanced-1MBPerMin.json';
import application20PerMin from '../../resources/policies/application-20PerMin.json';
import application50PerMin from '../../resources/policies/application-50PerMin.json';
import applicationUnlimited from '../../resources/policies/application-Unlimited.json';
import blockingIp from '../../resources/policies/blocking-ip-192.0.2.66.json';
import blockingUser from '../../resources/policies/blocking-user-mallory.json';
import customAdmin from '../../resources/policies/custom-AdminTenPerMin.json';
import subscriptionBronze from '../../resources/policies/subscription-Bronze.json';
import subscriptionGold from '../../resources/policies/subscription-Gold.json';

// The demo cluster's starting deployment: the sample policies in resources/policies, in the
// admin REST API's shape, validated by the same schema as any pushed policy.

export interface DemoDeployment {
  policies: TypedPolicy[];
  blocks: { conditionId: string; condition: BlockingCondition }[];
}

export const DEFAULT_POLICY_FILES: Record<string, unknown> = {
  'application-50PerMin.json': application50PerMin,
  'application-20PerMin.json': application20PerMin,
  'application-Unlimited.json': applicationUnlimited,
  'subscription-Gold.json': subscriptionGold,
  'subscription-Bronze.json': subscriptionBronze,
  'advanced-10KPerMin.json': advanced10KPerMin,
  'advanced-10PerSec.json': advanced10PerSec,
  'advanced-1MBPerMin.json': advanced1MBPerMin,
  'custom-AdminTenPerMin.json': customAdmin,
  'blocking-ip-192.0.2.66.json': blockingIp,
  'blocking-user-mallory.json': blockingUser,
};

function failure(file: string, errors: PolicyIssue[]): Error {
  return new Error(`${file}: ${errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`);
}

/** Reads policy bodies into a deployment; a body that does not validate is an error naming its file. */
export function deploymentFrom(files: Record<string, unknown>): DemoDeployment {
  const deployment: DemoDeployment = { policies: [], blocks: [] };
  for (const [file, body] of Object.entries(files)) {
    const kind = detectPolicyKind(body);
    if (kind === 'blocking') {
      const result = validatePolicy('blocking', body);
      if (!result.ok) throw failure(file, result.errors);
      deployment.blocks.push({ conditionId: String(result.policy.conditionId ?? file), condition: result.policy });
      continue;
    }
    const typed = TypedPolicySchema.safeParse({ policyType: kind, policy: body }, { error: humanError });
    // Paths as they are in the file, not inside the {policyType, policy} wrapper.
    if (!typed.success)
      throw failure(
        file,
        toPolicyIssues(typed.error).map((e) => ({ ...e, path: e.path.replace(/^policy\./, '') })),
      );
    deployment.policies.push(typed.data);
  }
  return deployment;
}

export function defaultDeployment(): DemoDeployment {
  return deploymentFrom(DEFAULT_POLICY_FILES);
}
