// The names the policy protocol and contract share, free of Node APIs: the contract's schemas
// (compiled for the renderer too) import these, never the validators.

export const CONTROL_KINDS = [
  'policy.deploy',
  'policy.undeploy',
  'block.add',
  'block.remove',
  'counters.reset',
] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];

/** The four policy types of the admin REST API, and blocking (deny) conditions. */
export const POLICY_KINDS = ['advanced', 'application', 'subscription', 'custom', 'blocking'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];
