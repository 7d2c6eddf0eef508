import { connect } from 'mqtt';
import type { Connector } from './broker-link';

/** The production connector: a real mqtt.js client per broker. */
export const mqttConnector: Connector = (url, options) => connect(url, options);
