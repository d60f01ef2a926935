/**
 * The three-instance test bed: a throw-away CA, one real SMTP server, and instances A,
 * B and C as separate processes on 127.0.0.11, .12 and .13 (HTTPS, port 443 so handles
 * carry no port), plus helpers to make accounts, associations, and to poll.
 *
 * Two test files (or two people) may run beds at once, so each bed takes a free
 * "slot" first: slot 0 is 127.0.0.11–19, slot 1 is 127.0.0.21–29, and so on (x1–x3 the
 * instances, x4–x9 for test-made remote actors).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SmtpInbox } from '../src/testing/smtp-inbox.ts';
import { WebClient } from './client.ts';
import { Instance, artifacts } from './instance.ts';
import { createCa, issueServerCert, trustCaInThisProcess, type ServerCert, type TestCa } from './tls.ts';

export const PASSWORD = 'une longue phrase de passe pour les tests';

const SLOTS = 8;
const slotRoot = path.join(os.tmpdir(), 'bv-federation-slots');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends the servers a dead run left behind (their pids are in the slot's `*.pid` files),
 * only when the pid still runs our server (a pid may have been reused since), and
 * removes its temporary directory (named in the slot's `tmp` file).
 */
function endOrphanServers(slotDir: string): void {
  for (const file of readdirSync(slotDir).filter((f) => f.endsWith('.pid'))) {
    const pid = Number(readFileSync(path.join(slotDir, file), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) continue;
    const command = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
    if (command.includes('src/main.ts')) process.kill(pid, 'SIGKILL');
  }
  const tmpFile = path.join(slotDir, 'tmp');
  if (existsSync(tmpFile)) rmSync(readFileSync(tmpFile, 'utf8'), { recursive: true, force: true });
}

/** Takes the first free slot (a directory created atomically, holding our pid). */
function takeSlot(): { index: number; dir: string; release(): void } {
  mkdirSync(slotRoot, { recursive: true });
  for (let index = 0; index < SLOTS; index++) {
    const dir = path.join(slotRoot, `slot-${index}`);
    try {
      mkdirSync(dir);
    } catch {
      const pidFile = path.join(dir, 'pid');
      if (!existsSync(pidFile)) {
        // Just made by another run that has not written its pid yet, or long abandoned.
        if (Date.now() - statSync(dir).mtimeMs < 60_000) continue;
      } else if (alive(Number(readFileSync(pidFile, 'utf8')))) continue;
      // Left by a run that died without cleaning up: end its servers, take the slot over.
      endOrphanServers(dir);
      rmSync(dir, { recursive: true, force: true });
      try {
        mkdirSync(dir);
      } catch {
        continue;
      }
    }
    writeFileSync(path.join(dir, 'pid'), String(process.pid));
    return { index, dir, release: () => rmSync(dir, { recursive: true, force: true }) };
  }
  throw new Error(`all ${SLOTS} federation test slots are taken (${slotRoot})`);
}

/** Whether this process may listen on ip:port (443 needs root or CAP_NET_BIND_SERVICE). */
async function canListen(ip: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(undefined));
    srv.listen(port, ip, () => {
      const address = srv.address();
      const bound = typeof address === 'object' && address ? address.port : undefined;
      srv.close(() => resolve(bound));
    });
  });
}

/** Port 443 when possible (handles without a port), else a free port on that address. */
export async function portFor(ip: string): Promise<number> {
  return (await canListen(ip, 443)) ?? (await canListen(ip, 0))!;
}

export interface Bed {
  ca: TestCa;
  smtp: SmtpInbox;
  instances: Instance[];
  a: Instance;
  b: Instance;
  c: Instance;
  /** The n-th spare address of this bed's slot (n = 4…9), for test-made remote actors. */
  spareIp(n: number): string;
  /** A certificate for a spare address, signed by the bed's CA. */
  certFor(ip: string): ServerCert;
  tmp: string;
  stop(): Promise<void>;
}

/** Starts SMTP and the instances (in parallel); everything is cleaned up by `stop()`, even after a failed start. */
export async function startBed(options: { instances?: number } = {}): Promise<Bed> {
  const count = options.instances ?? 3;
  const slot = takeSlot();
  const tmp = mkdtempSync(path.join(os.tmpdir(), `bv-federation-${slot.index}-`));
  writeFileSync(path.join(slot.dir, 'tmp'), tmp);
  const ipOf = (n: number) => `127.0.0.${(slot.index + 1) * 10 + n}`;
  const smtp = await new SmtpInbox().start();
  const instances: Instance[] = [];
  const stop = async () => {
    await Promise.allSettled(instances.map((i) => i.stop()));
    await smtp.stop().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
    slot.release();
  };
  try {
    const ca = createCa(tmp);
    trustCaInThisProcess(ca);
    const names = ['a', 'b', 'c', 'd', 'e'];
    const runId = new Date().toISOString().replace(/[:.]/g, '-');
    for (let n = 1; n <= count; n++) {
      const ip = ipOf(n);
      instances.push(
        new Instance({
          name: names[n - 1]!,
          ip,
          port: await portFor(ip),
          dataDir: path.join(tmp, `instance-${names[n - 1]}`),
          ca,
          cert: issueServerCert(ca, ip),
          smtpUrl: smtp.url,
          logFile: path.join(artifacts, `${runId}-slot${slot.index}-${names[n - 1]}.log`),
          pidFile: path.join(slot.dir, `${names[n - 1]}.pid`),
        }),
      );
    }
    await Promise.all(instances.map((i) => i.start()));
    const nth = (n: number) => {
      const instance = instances[n];
      if (!instance) throw new Error(`this bed has ${count} instance(s)`);
      return instance;
    };
    return {
      ca,
      smtp,
      instances,
      get a() {
        return nth(0);
      },
      get b() {
        return nth(1);
      },
      get c() {
        return nth(2);
      },
      spareIp: (n: number) => {
        if (n < 4 || n > 9) throw new Error('spare addresses are x4 to x9');
        return ipOf(n);
      },
      certFor: (ip: string) => issueServerCert(ca, ip),
      tmp,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Polls `fn` until it returns something other than undefined/false, or fails at the deadline with the last error. */
export async function pollUntil<T>(
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  options: { deadline?: number; timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = options.deadline ?? Date.now() + (options.timeoutMs ?? 30_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out waiting for ${options.what ?? 'a condition'}${reason}`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 200));
  }
}

export interface Account {
  email: string;
  id: string;
  handle: string;
  client: WebClient;
}

/** Registers through the API, activates with the link received by email (real SMTP), logs in. */
export async function activeAccount(bed: Bed, instance: Instance, email: string, firstName = 'Camille', pseudo?: string): Promise<Account> {
  const client = new WebClient(instance.origin);
  await client.json('POST', '/api/v1/accounts', {
    email,
    password: PASSWORD,
    firstName,
    lastName: 'Test',
    ...(pseudo ? { pseudo } : {}),
    language: 'fr',
    acceptTerms: true,
    ageConfirmation: true,
  }, 202);
  const received = await bed.smtp.waitFor(email, `${instance.origin}/activation?token=`, 20_000);
  const token = (received.mail.text ?? '').match(/\/activation\?token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no activation token in the email to ${email}`);
  await client.json('POST', '/api/v1/accounts/activation', { token }, 200);
  return loggedIn(instance, email);
}

export async function loggedIn(instance: Instance, email: string): Promise<Account> {
  const client = await new WebClient(instance.origin).login(email, PASSWORD);
  const me = await client.json<{ id: string; handle: string }>('GET', '/api/v1/me', undefined, 200);
  return { email, id: me.id, handle: me.handle, client };
}

/** An instance administrator made by the real command line (`npm run admin -- create-admin`), logged in. */
export async function adminAccount(instance: Instance, email: string): Promise<Account> {
  const { code, out } = await instance.cli('src/admin/admin.cli.ts', ['create-admin', '--email', email, '--first-name', 'Admin'], `${PASSWORD}\n`);
  if (code !== 0) throw new Error(`create-admin failed (${code}): ${out}`);
  return loggedIn(instance, email);
}

export interface Association {
  id: string;
  handle: string;
  name: string;
}

/** Creates an association through the API; the account becomes its manager. */
export async function createAssociation(account: Account, name: string, extra: Record<string, unknown> = {}): Promise<Association> {
  return account.client.json<Association>('POST', '/api/v1/associations', { name, description: `${name} : entraide locale.`, ...extra }, 201);
}
