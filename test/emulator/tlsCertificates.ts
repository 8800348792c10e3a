// A throwaway certificate authority and a server certificate it signed, made with the openssl command (Node's crypto
// can verify X.509 but cannot issue it). Clients trust the emulator by trusting the CA file, e.g. through
// NODE_EXTRA_CA_CERTS, exactly as they would trust a company proxy's CA.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isIP } from 'node:net';

const run = promisify(execFile);

export interface TlsMaterial {
  /** Folder holding ca.pem (and the keys); removed by `dispose`. */
  dir: string;
  caCertificatePath: string;
  caCertificate: string;
  key: string;
  certificate: string;
  dispose(): Promise<void>;
}

export interface TlsMaterialOptions {
  /** Names the server certificate is valid for (IP addresses and DNS names); default 127.0.0.1 and localhost. */
  hostNames?: string[];
}

export async function makeTlsMaterial(options: TlsMaterialOptions = {}): Promise<TlsMaterial> {
  const hostNames = options.hostNames ?? ['127.0.0.1', 'localhost'];
  const dir = await mkdtemp(join(tmpdir(), 'notion-emulator-tls-'));
  const file = (name: string): string => join(dir, name);
  const keyOptions = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    await run('openssl', [
      'req', '-x509', ...keyOptions, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '7',
      '-subj', '/CN=Notion emulator throwaway CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await run('openssl', ['req', ...keyOptions, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', `/CN=${hostNames[0]}`]);
    const altNames = hostNames.map((name) => (isIP(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
    await writeFile(file('server.ext'), [
      'basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=serverAuth', `subjectAltName=${altNames}`, '',
    ].join('\n'));
    await run('openssl', [
      'x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
      '-out', file('server.pem'), '-days', '7', '-extfile', file('server.ext'),
    ]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    const missing = (error as { code?: string }).code === 'ENOENT';
    throw new Error(missing
      ? 'The emulator needs the openssl command to make its TLS certificates; install it (Debian: apt-get install openssl).'
      : `openssl could not make the emulator's certificates: ${(error as Error).message}`);
  }
  const [caCertificate, key, certificate] = await Promise.all([readFile(file('ca.pem'), 'utf8'), readFile(file('server.key'), 'utf8'), readFile(file('server.pem'), 'utf8')]);
  return { dir, caCertificatePath: file('ca.pem'), caCertificate, key, certificate, dispose: () => rm(dir, { recursive: true, force: true }) };
}
