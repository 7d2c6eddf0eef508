import type { ClusterSession } from '../../cluster-session';
import type { CallHandlers, CommandOutcome } from '../contract';

type DemoCalls = Pick<CallHandlers, 'demo.kill' | 'demo.restart'>;

export function demoHandlers(session: ClusterSession): DemoCalls {
  async function act(brokerId: string, verb: 'kill' | 'restart'): Promise<CommandOutcome> {
    const demo = session.demo();
    if (!demo || !demo.brokerIds.includes(brokerId)) {
      return {
        done: false,
        message: `${brokerId} is not a broker of the embedded demo cluster: only demo brokers can be ${verb === 'kill' ? 'killed' : 'restarted'} from here.`,
      };
    }
    await demo[verb](brokerId);
    return {
      done: true,
      message: verb === 'kill' ? `Killed demo broker ${brokerId}.` : `Restarted demo broker ${brokerId}.`,
    };
  }
  return {
    'demo.kill': ({ brokerId }) => act(brokerId, 'kill'),
    'demo.restart': ({ brokerId }) => act(brokerId, 'restart'),
  };
}
