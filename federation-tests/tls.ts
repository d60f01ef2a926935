/**
 * A throw-away certificate authority made with `openssl` at test time, and one server
 * certificate per loopback address (IP subject alternative name), so that every
 * instance speaks real HTTPS and trusts the others through NODE_EXTRA_CA_CERTS.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';

export interface TestCa {
  dir: string;
  /** PEM file of the CA certificate: NODE_EXTRA_CA_CERTS of the instances. */
  certFile: string;
  keyFile: string;
}

export interface ServerCert {
  certFile: string;
  keyFile: string;
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** P-256 keys: quick to generate, accepted by Node's TLS and by any browser. */
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function createCa(dir: string): TestCa {
  const certFile = path.join(dir, 'ca.pem');
  const keyFile = path.join(dir, 'ca.key');
  openssl([
    'req', '-x509', ...EC_KEY, '-keyout', keyFile, '-out', certFile, '-days', '2',
    '-subj', '/CN=Benevalibre federation tests CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return { dir, certFile, keyFile };
}

/** A certificate for `https://<ip>` signed by the CA. */
export function issueServerCert(ca: TestCa, ip: string): ServerCert {
  const base = path.join(ca.dir, ip);
  const ext = `${base}.ext`;
  writeFileSync(
    ext,
    `subjectAltName=IP:${ip}\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n`,
  );
  openssl(['req', '-new', ...EC_KEY, '-keyout', `${base}.key`, '-out', `${base}.csr`, '-subj', `/CN=${ip}`]);
  openssl([
    'x509', '-req', '-in', `${base}.csr`, '-CA', ca.certFile, '-CAkey', ca.keyFile, '-CAcreateserial',
    '-out', `${base}.pem`, '-days', '2', '-extfile', ext,
  ]);
  return { certFile: `${base}.pem`, keyFile: `${base}.key` };
}

/**
 * Makes this process (the test worker: its fetch, Fedify's document loader, the
 * conformance tool run in-process) trust the CA. NODE_EXTRA_CA_CERTS is only read at
 * start-up, so the default CA list is extended instead; the public roots stay.
 */
export function trustCaInThisProcess(ca: TestCa): void {
  const pem = readFileSync(ca.certFile, 'utf8');
  const current = tls.getCACertificates('default');
  if (!current.includes(pem)) tls.setDefaultCACertificates([...current, pem]);
}
