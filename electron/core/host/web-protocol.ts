// Messages between the renderer and the loopback web host, over one WebSocket.
import type { CallResult } from './call-result';
import type { EventBatch } from './contract';

export const WEB_SOCKET_PATH = '/ws';
export const WEB_TOKEN_PARAM = 'token';

export interface WebCallMessage {
  t: 'call';
  id: number;
  name: string;
  payload: unknown;
}

export type WebServerMessage =
  | { t: 'result'; id: number; result: CallResult<unknown> }
  | { t: 'events'; batch: EventBatch }
  | { t: 'error'; message: string };
