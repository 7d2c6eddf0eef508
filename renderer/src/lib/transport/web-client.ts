import { callFailed, type CallResult } from '../../../../electron/core/host/call-result';
import type { EventBatch } from '../../../../electron/core/host/contract';
import { WEB_SOCKET_PATH, WEB_TOKEN_PARAM, type WebServerMessage } from '../../../../electron/core/host/web-protocol';
import type { ClientStatus, ContractClient } from './contract-client';

const CALL_DEADLINE_MS = 10_000;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;

interface PendingCall {
  resolve: (result: CallResult<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** The contract over the loopback web host's WebSocket; reconnects by itself. */
export function createWebClient(location: Location): ContractClient {
  const token = new URLSearchParams(location.search).get(WEB_TOKEN_PARAM) ?? '';
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WEB_SOCKET_PATH}?${WEB_TOKEN_PARAM}=${encodeURIComponent(token)}`;
  const eventListeners = new Set<(batch: EventBatch) => void>();
  const statusListeners = new Set<(status: ClientStatus) => void>();
  const pending = new Map<number, PendingCall>();
  let status: ClientStatus = 'connecting';
  let socket: WebSocket | undefined;
  let nextId = 1;
  let retryMs = RETRY_MIN_MS;

  const setStatus = (next: ClientStatus): void => {
    status = next;
    for (const listener of statusListeners) listener(next);
  };

  const settle = (id: number, result: CallResult<unknown>): void => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    clearTimeout(call.timer);
    call.resolve(result);
  };

  /** After a socket that never opened: is the host up (so it refused us) or gone? */
  async function whyClosed(): Promise<ClientStatus> {
    try {
      const page = await fetch(`${location.protocol}//${location.host}/`, { method: 'HEAD', cache: 'no-store' });
      return page.ok ? 'refused' : 'closed';
    } catch {
      return 'closed';
    }
  }

  function open(): void {
    if (status !== 'refused') setStatus('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      retryMs = RETRY_MIN_MS;
      setStatus('open');
    };
    ws.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as WebServerMessage;
      if (data.t === 'result') settle(data.id, data.result);
      else if (data.t === 'events') for (const listener of eventListeners) listener(data.batch);
    };
    ws.onclose = () => {
      socket = undefined;
      for (const id of [...pending.keys()])
        settle(id, callFailed('transport-failed', 'The connection to the console host closed.'));
      const retry = (): void => {
        setTimeout(open, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      };
      if (opened) {
        setStatus('closed');
        retry();
        return;
      }
      void whyClosed().then((why) => {
        if (why !== status) setStatus(why);
        retry();
      });
    };
  }
  open();

  return {
    kind: 'web',
    call(name, payload) {
      return new Promise((resolve) => {
        if (!socket || socket.readyState !== WebSocket.OPEN) {
          resolve(callFailed('transport-failed', 'Not connected to the console host.'));
          return;
        }
        const id = nextId++;
        const timer = setTimeout(
          () =>
            settle(id, callFailed('transport-failed', `"${name}" got no answer within ${CALL_DEADLINE_MS / 1000} s.`)),
          CALL_DEADLINE_MS,
        );
        pending.set(id, { resolve: resolve as PendingCall['resolve'], timer });
        socket.send(JSON.stringify({ t: 'call', id, name, payload }));
      });
    },
    onEvents(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
  };
}
