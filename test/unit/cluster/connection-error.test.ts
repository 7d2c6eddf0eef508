import { describe, expect, it } from 'vitest';
import { describeConnectionError, describeSubscribeError } from '../../../electron/core/cluster/connection-error';

function errno(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });
}

describe('connection error sentences', () => {
  it.each([
    [errno('ECONNREFUSED'), 'network', 'connection refused: nothing is listening at that address'],
    [errno('ECONNRESET'), 'network', 'connection reset by the broker'],
    [errno('ENOTFOUND'), 'network', 'host name not found'],
    [
      Object.assign(new Error('Connection refused: Bad username or password'), { code: 4 }),
      'auth',
      'bad username or password',
    ],
    [Object.assign(new Error('Connection refused: Not authorized'), { code: 5 }), 'auth', 'not authorized'],
    [Object.assign(new Error('Bad User Name or Password'), { code: 134 }), 'auth', 'bad username or password'],
    [errno('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'tls', 'certificate signed by unknown authority'],
    [errno('SELF_SIGNED_CERT_IN_CHAIN'), 'tls', 'certificate signed by unknown authority'],
    [errno('CERT_HAS_EXPIRED'), 'tls', 'certificate has expired'],
    [errno('ERR_TLS_CERT_ALTNAME_INVALID'), 'tls', 'certificate does not match the host name'],
    [errno('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'), 'tls', 'the broker requires a client certificate'],
    [errno('ERR_SSL_SOMETHING_NEW'), 'tls', 'TLS failed (ERR_SSL_SOMETHING_NEW)'],
    [errno('ERR_OSSL_BAD_DECRYPT'), 'tls', 'the client key could not be decrypted: wrong key passphrase?'],
    [errno('ERR_OSSL_PEM_NO_START_LINE'), 'tls', 'a certificate or key file is not in PEM format'],
    [errno('ERR_OSSL_X509_KEY_VALUES_MISMATCH'), 'tls', 'the client certificate and key do not belong together'],
    [errno('ERR_OSSL_SOMETHING_NEW'), 'tls', 'TLS failed (ERR_OSSL_SOMETHING_NEW)'],
    [new Error('connack timeout'), 'network', 'the broker accepted the connection but did not answer in time'],
  ])('describes %s', (error, kind, sentence) => {
    expect(describeConnectionError(error)).toEqual({ kind, sentence });
  });

  it('falls back to the message of an unknown error, never an empty sentence', () => {
    expect(describeConnectionError(new Error('something odd'))).toEqual({
      kind: 'protocol',
      sentence: 'something odd',
    });
    expect(describeConnectionError('')).toEqual({ kind: 'protocol', sentence: 'unknown connection error' });
    expect(describeConnectionError(undefined).sentence).toBe('undefined');
  });
});

describe('describeSubscribeError', () => {
  it('words a refused SUBACK with the topics asked for, and passes other failures through', () => {
    expect(describeSubscribeError(new Error('Subscribe error: Not authorized'), ['a', 'b/+'])).toBe(
      'the broker refused a subscription (Not authorized): check that this user may subscribe to a, b/+',
    );
    expect(describeSubscribeError(new Error('Connection closed'), ['a'])).toBe(
      'subscription failed: Connection closed',
    );
  });
});
