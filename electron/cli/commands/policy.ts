import type { CliContext } from '../cli-context';
import { EXIT } from '../exit-codes';
import { POLICY_LIST_USAGE, runPolicyList } from './policy-list';
import { POLICY_PUSH_USAGE, runPolicyPush } from './policy-push';
import { POLICY_VALIDATE_USAGE, runPolicyValidate } from './policy-validate';

/** `tmc policy validate|push|list`. */
export async function policyCommand(argv: readonly string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'validate') return runPolicyValidate(rest, ctx.io);
  if (sub === 'push') return runPolicyPush(rest, ctx);
  if (sub === 'list') return runPolicyList(rest, ctx);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    ctx.io.out([POLICY_VALIDATE_USAGE, POLICY_PUSH_USAGE, POLICY_LIST_USAGE].join('\n\n'));
    return EXIT.ok;
  }
  ctx.io.err(`tmc policy: unknown subcommand "${sub}". Available: validate, push, list.`);
  return EXIT.usage;
}
