import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { ClusterEvent } from '../../electron/core/cluster/cluster';
import type { LinkSnapshot } from '../../electron/core/host/contract';
import { isLinkState, nextClusterEvent, openCore } from '../support/cluster-watch';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { generateCertificates, type TestCertificates } from '../support/tls-certs';
import { mosquittoTool } from '../support/tools';

const mosquitto = mosquittoTool();
const secrets = (values: Record<string, string>) => ({ get: (ref: string) => Promise.resolve(values[ref]) });

describe.skipIf(!mosquitto.available)('credentials and TLS against Mosquitto', () => {
  let passwordBroker: MosquittoBroker;
  let tlsBroker: MosquittoBroker;
  let mutualBroker: MosquittoBroker;
  let certs: TestCertificates;
  let core: AppCore | undefined;

  beforeAll(async () => {
    certs = await generateCertificates();
    const tls = [`cafile ${certs.caCert}`, `certfile ${certs.serverCert}`, `keyfile ${certs.serverKey}`];
    [passwordBroker, tlsBroker, mutualBroker] = await Promise.all([
      startMosquitto(mosquitto.path ?? '', { users: { operator: 'correct horse' } }),
      startMosquitto(mosquitto.path ?? '', { listenerOptions: tls }),
      startMosquitto(mosquitto.path ?? '', { listenerOptions: [...tls, 'require_certificate true'] }),
    ]);
  });

  afterEach(async () => {
    await core?.stop();
    core = undefined;
  });

  afterAll(async () => {
    await Promise.all([passwordBroker, tlsBroker, mutualBroker].map((b) => b?.stop()));
  });

  const tlsUrl = (b: MosquittoBroker): string => `mqtts://127.0.0.1:${b.port}`;

  it('connects with the right password from the secret store', async () => {
    core = await openCore(
      {
        name: 'auth',
        brokers: [{ id: 'tm1', label: 'TM 1', url: passwordBroker.url }],
        username: 'operator',
        passwordRef: 'pw',
      },
      secrets({ pw: 'correct horse' }),
    );
    await nextClusterEvent(core, isLinkState('tm1', 'connected'));
  });

  it('wrong password: auth-failed in words, and retries no faster than the backoff cap', async () => {
    core = await openCore(
      {
        name: 'auth',
        brokers: [{ id: 'tm1', label: 'TM 1', url: passwordBroker.url }],
        username: 'operator',
        passwordRef: 'pw',
        failover: { backoff: { initialMs: 10, maxMs: 400, multiplier: 2, jitter: false } },
      },
      secrets({ pw: 'wrong' }),
    );
    const attempts: number[] = [];
    const isAttempt = (event: ClusterEvent): event is Extract<ClusterEvent, { type: 'link' }> =>
      event.type === 'link' && event.link.state === 'auth-failed' && event.link.failedAttempts > attempts.length;
    let link: LinkSnapshot | undefined;
    while (attempts.length < 4) {
      link = (await nextClusterEvent(core, isAttempt)).link;
      attempts.push(Date.now());
    }
    expect(link?.lastError).toMatch(/^(not authorized|bad username or password)$/);
    const gaps = attempts.slice(1).map((t, i) => t - (attempts[i] ?? 0));
    // Without the auth rule the 10 ms initial backoff would retry within tens of ms.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(350);
  });

  it('reports a missing password secret before connecting', async () => {
    await expect(
      openCore({
        name: 'auth',
        brokers: [{ id: 'tm1', label: 'TM 1', url: passwordBroker.url }],
        username: 'operator',
        passwordRef: 'gone',
      }),
    ).rejects.toThrow('The password is not in the secret store (reference "gone"): enter it again in the profile.');
  });

  it('TLS: connects when the CA is given', async () => {
    core = await openCore({
      name: 'tls',
      brokers: [{ id: 'tm1', label: 'TM 1', url: tlsUrl(tlsBroker) }],
      tls: { caFile: certs.caCert },
    });
    await nextClusterEvent(core, isLinkState('tm1', 'connected'));
  });

  it('TLS: fails clearly without the CA', async () => {
    core = await openCore({ name: 'tls', brokers: [{ id: 'tm1', label: 'TM 1', url: tlsUrl(tlsBroker) }] });
    const failed = await nextClusterEvent(core, isLinkState('tm1', 'tls-failed'));
    expect(failed.link.lastError).toBe('certificate signed by unknown authority');
  });

  it('TLS: a missing CA file is reported before connecting', async () => {
    await expect(
      openCore({
        name: 'tls',
        brokers: [{ id: 'tm1', label: 'TM 1', url: tlsUrl(tlsBroker) }],
        tls: { caFile: '/nonexistent/ca.crt' },
      }),
    ).rejects.toThrow('Cannot read the CA certificate file /nonexistent/ca.crt: no such file.');
  });

  it('mutual TLS: connects with the client certificate, fails in words without it', async () => {
    core = await openCore({
      name: 'mtls',
      brokers: [{ id: 'tm1', label: 'TM 1', url: tlsUrl(mutualBroker) }],
      tls: { caFile: certs.caCert, certFile: certs.clientCert, keyFile: certs.clientKey },
    });
    await nextClusterEvent(core, isLinkState('tm1', 'connected'));
    await core.stop();
    core = await openCore({
      name: 'mtls',
      brokers: [{ id: 'tm1', label: 'TM 1', url: tlsUrl(mutualBroker) }],
      tls: { caFile: certs.caCert },
    });
    const failed = await nextClusterEvent(
      core,
      (e): e is Extract<ClusterEvent, { type: 'link' }> => e.type === 'link' && e.link.failedAttempts > 0,
    );
    expect(failed.link.state).toBe('tls-failed');
    expect(failed.link.lastError).toBe('the broker requires a client certificate');
  });

  it('mutual TLS: a wrong key passphrase is a tls-failed link in words, not a failed open', async () => {
    const profile = {
      name: 'mtls',
      brokers: [
        { id: 'tm1', label: 'TM 1', url: tlsUrl(mutualBroker) },
        { id: 'tm2', label: 'TM 2', url: tlsUrl(mutualBroker) },
      ],
      tls: {
        caFile: certs.caCert,
        certFile: certs.clientCert,
        keyFile: certs.clientKeyEncrypted,
        keyPassphraseRef: 'kp',
      },
      failover: { backoff: { initialMs: 10, maxMs: 400, multiplier: 2, jitter: false } },
    };
    core = await openCore(profile, secrets({ kp: 'wrong' }));
    const failed = core.cluster()?.snapshot().links ?? [];
    expect(failed.map((l) => [l.brokerId, l.state, l.lastError])).toEqual(
      ['tm1', 'tm2'].map((id) => [id, 'tls-failed', 'the client key could not be decrypted: wrong key passphrase?']),
    );
    // Retried at the backoff cap like any TLS failure, not given up on.
    const retried = await nextClusterEvent(
      core,
      (e): e is Extract<ClusterEvent, { type: 'link' }> => e.type === 'link' && e.link.failedAttempts > 1,
    );
    expect(retried.link.state).toBe('tls-failed');
    await core.stop();
    core = await openCore(profile, secrets({ kp: certs.clientKeyPassphrase }));
    await nextClusterEvent(core, isLinkState('tm1', 'connected'));
  });
});
