import type { Aedes, AedesPublishPacket } from 'aedes';

// The traffic manager talks to its own broker in-process: no socket between a TM and the broker
// that runs inside it, as in the real product.

export type BusHandler = (payload: Buffer, topic: string) => void;

export interface LocalBus {
  subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>>;
  publish(topic: string, payload: string, options: { qos: 0 | 1; retain?: boolean }): void;
}

export interface BusErrors {
  onPublishError(error: Error): void;
  /** A handler threw: a bug, counted rather than allowed to take the broker down. */
  onHandlerError(error: unknown): void;
}

export function localBus(aedes: Aedes, errors: BusErrors): LocalBus {
  return {
    subscribe(topic, handler) {
      const deliver = (packet: AedesPublishPacket, done: () => void): void => {
        const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
        try {
          handler(payload, packet.topic);
        } catch (error) {
          errors.onHandlerError(error);
        }
        done();
      };
      return new Promise((resolve) => {
        aedes.subscribe(topic, deliver, () =>
          resolve(() => new Promise<void>((unsubscribed) => aedes.unsubscribe(topic, deliver, () => unsubscribed()))),
        );
      });
    },
    publish(topic, payload, { qos, retain = false }) {
      if (aedes.closed) return;
      aedes.publish({ cmd: 'publish', topic, payload: Buffer.from(payload), qos, retain, dup: false }, (error) => {
        if (error) errors.onPublishError(error);
      });
    },
  };
}
