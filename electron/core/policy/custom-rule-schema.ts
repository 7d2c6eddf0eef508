import { z } from 'zod';
import { policyCommon } from './policy-schema';

// Custom rules: a Siddhi query the traffic manager runs as it is, and the key template that
// tells gateways which request attributes make up the throttle key it emits.

export const KEY_TEMPLATE_VARIABLES = [
  'resourceKey',
  'userId',
  'apiContext',
  'apiVersion',
  'appTenant',
  'apiTenant',
  'appId',
  'clientIp',
] as const;

const VARIABLE = /\$([A-Za-z_][A-Za-z0-9_.]*)/g;

/** The `$variables` a key template names, in order. */
export function keyTemplateVariables(template: string): string[] {
  return [...template.matchAll(VARIABLE)].map((match) => match[1] ?? '');
}

export const KeyTemplateSchema = z
  .string()
  .regex(/\S/, 'must not be empty')
  .superRefine((template, ctx) => {
    if (template.trim() === '') return;
    const variables = keyTemplateVariables(template);
    if (variables.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `names no variable; use e.g. "$userId:$apiContext:$apiVersion" (${KEY_TEMPLATE_VARIABLES.map((v) => `$${v}`).join(', ')})`,
      });
    }
    for (const variable of variables) {
      if (!(KEY_TEMPLATE_VARIABLES as readonly string[]).includes(variable)) {
        ctx.addIssue({
          code: 'custom',
          message: `"$${variable}" is not a key template variable (use ${KEY_TEMPLATE_VARIABLES.map((v) => `$${v}`).join(', ')})`,
        });
      }
    }
  });

export const SiddhiQuerySchema = z
  .string()
  .regex(/\S/, 'must not be empty')
  .refine((query) => query.trim() === '' || (/\bfrom\b/i.test(query) && /\binsert\b/i.test(query)), {
    message: 'does not look like a Siddhi query (expected "FROM … INSERT … INTO …")',
  });

export const CustomRuleSchema = z.looseObject({
  ...policyCommon,
  siddhiQuery: SiddhiQuerySchema,
  keyTemplate: KeyTemplateSchema,
});

export type CustomRule = z.output<typeof CustomRuleSchema>;
