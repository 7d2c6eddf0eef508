// Turns whatever mqtt.js, the socket or TLS threw into the sentence an operator reads on a card.

const SOCKET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused: nothing is listening at that address',
  ECONNRESET: 'connection reset by the broker',
  EPIPE: 'connection reset by the broker',
  ETIMEDOUT: 'no answer from the broker (timed out)',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name could not be resolved right now',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available on this machine',
};

const TLS_ERRORS: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate signed by unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate signed by unknown authority',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate signed by unknown authority',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate not trusted',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not match the host name',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed: the port does not speak TLS',
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'the broker requires a client certificate',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'the broker rejected the client certificate',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'the broker does not trust the client certificate',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 'TLS handshake failed: no protocol or cipher in common',
  // Thrown while the TLS context is built from the profile's files, before connecting.
  ERR_OSSL_BAD_DECRYPT: 'the client key could not be decrypted: wrong key passphrase?',
  ERR_OSSL_PEM_NO_START_LINE: 'a certificate or key file is not in PEM format',
  ERR_OSSL_X509_KEY_VALUES_MISMATCH: 'the client certificate and key do not belong together',
};

// CONNACK return codes (MQTT 3.1.1) and reason codes (MQTT 5).
const CONNACK_ERRORS: Record<number, string> = {
  1: 'the broker does not accept this MQTT version',
  2: 'client identifier rejected',
  3: 'broker unavailable',
  4: 'bad username or password',
  5: 'not authorized',
  128: 'the broker refused the connection (unspecified error)',
  132: 'the broker does not accept this MQTT version',
  133: 'client identifier rejected',
  134: 'bad username or password',
  135: 'not authorized',
  136: 'broker unavailable',
  137: 'broker busy',
  138: 'this client is banned',
};

export type ErrorKind = 'network' | 'auth' | 'tls' | 'protocol';

export interface DescribedError {
  kind: ErrorKind;
  sentence: string;
}

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

export function describeConnectionError(error: unknown): DescribedError {
  const code = field(error, 'code');
  if (typeof code === 'number' && CONNACK_ERRORS[code]) {
    const kind = code === 4 || code === 5 || code === 134 || code === 135 ? 'auth' : 'protocol';
    return { kind, sentence: CONNACK_ERRORS[code] };
  }
  if (typeof code === 'string') {
    const socket = SOCKET_ERRORS[code];
    if (socket) return { kind: 'network', sentence: socket };
    const tls = TLS_ERRORS[code];
    if (tls) return { kind: 'tls', sentence: tls };
    if (/^ERR_(SSL|TLS|OSSL)_/.test(code)) return { kind: 'tls', sentence: `TLS failed (${code})` };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/connack timeout|connect timeout/i.test(message)) {
    return { kind: 'network', sentence: 'the broker accepted the connection but did not answer in time' };
  }
  return { kind: 'protocol', sentence: message.trim() === '' ? 'unknown connection error' : message };
}

/**
 * A refused SUBACK reaches us as mqtt.js's "Subscribe error: <reason>", without saying which
 * topic: name them all, with the usual cause.
 */
export function describeSubscribeError(error: Error, topics: readonly string[]): string {
  const refusal = /^Subscribe error: (.*)$/.exec(error.message);
  if (!refusal) return `subscription failed: ${error.message}`;
  return `the broker refused a subscription (${refusal[1]}): check that this user may subscribe to ${topics.join(', ')}`;
}
