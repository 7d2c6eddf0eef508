import { randomBytes } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import type { BusErrors, BusHandler, LocalBus } from './local-bus';
import type { MqttConnect } from './peer-links';

// A traffic manager whose broker is a separate process (a Mosquitto started by a test): the same
// bus as the in-process one, over an MQTT client. mqtt.js reconnects and resubscribes by itself
// here; every wait is bounded.

/** A broker the TM reaches over MQTT instead of running it in-process. */
export interface ExternalBroker {
  readonly external: true;
  readonly url: string;
}

export interface RemoteBus extends LocalBus {
  close(): Promise<void>;
}

const WAIT_MS = 5_000;

function bounded<T>(what: string, promise: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took more than ${WAIT_MS} ms`)), WAIT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Connects to `url`; `onReconnect` runs after each connection but the first (a restarted broker lost retained state). */
export async function mqttBus(
  url: string,
  connect: MqttConnect,
  errors: BusErrors,
  onReconnect: () => void,
): Promise<RemoteBus> {
  const client: MqttClient = connect(url, {
    clientId: `tmc-tm-${randomBytes(4).toString('hex')}`,
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: 500,
    connectTimeout: WAIT_MS,
    queueQoSZero: false,
  });
  client.on('error', (error) => errors.onPublishError(error));
  const handlers = new Map<string, BusHandler>();
  client.on('message', (topic, payload) => {
    const handler = handlers.get(topic);
    if (!handler) return;
    try {
      handler(payload, topic);
    } catch (error) {
      errors.onHandlerError(error);
    }
  });
  await bounded(`connecting to ${url}`, new Promise<void>((resolve) => client.once('connect', () => resolve()))).catch(
    (error: unknown) => {
      client.end(true);
      throw error;
    },
  );
  client.on('connect', () => onReconnect());

  return {
    async subscribe(topic, handler) {
      handlers.set(topic, handler);
      await bounded(`subscribing to ${topic}`, client.subscribeAsync(topic, { qos: 1 }));
      return async () => {
        handlers.delete(topic);
      };
    },
    publish(topic, payload, { qos, retain = false }) {
      client.publish(topic, payload, { qos, retain }, (error) => {
        if (error) errors.onPublishError(error);
      });
    },
    close: () =>
      bounded(
        `closing the connection to ${url}`,
        new Promise<void>((resolve) => client.end(true, {}, () => resolve())),
      ).catch(() => undefined),
  };
}
