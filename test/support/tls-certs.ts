import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  dir: string;
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** The client key encrypted with `clientKeyPassphrase`. */
  clientKeyEncrypted: string;
  clientKeyPassphrase: string;
}

/** A throwaway CA with a server certificate for 127.0.0.1/localhost and a client certificate. */
export async function generateCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'tmc-tls-'));
  const path = (name: string): string => join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  await writeFile(path('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=TMC Test CA',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
  );
  for (const [name, cn] of [
    ['server', 'localhost'],
    ['client', 'tmc-console'],
  ] as const) {
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${cn}`,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
    );
    const ext = name === 'server' ? ['-extfile', 'server.ext'] : [];
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-out',
      `${name}.crt`,
      ...ext,
    );
  }
  const clientKeyPassphrase = 'correct passphrase';
  openssl('pkey', '-in', 'client.key', '-aes256', '-passout', `pass:${clientKeyPassphrase}`, '-out', 'client-enc.key');
  // Mosquitto started as root reads these after dropping to its own user.
  await chmod(dir, 0o755);
  for (const file of await readdir(dir)) await chmod(join(dir, file), 0o644);
  return {
    dir,
    caCert: path('ca.crt'),
    serverCert: path('server.crt'),
    serverKey: path('server.key'),
    clientCert: path('client.crt'),
    clientKey: path('client.key'),
    clientKeyEncrypted: path('client-enc.key'),
    clientKeyPassphrase,
  };
}
