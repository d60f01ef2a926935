/**
 * One real instance: `node src/main.ts` as a child process serving HTTPS on its own
 * loopback address, with its own data directory (SQLite file, secret) kept across
 * stop / kill -9 / restart, so a restart finds its database and its queued jobs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { ServerCert, TestCa } from './tls.ts';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const artifacts = path.join(root, 'test-artifacts', 'federation');

export interface InstanceSettings {
  /** A short name for logs: a, b, c. */
  name: string;
  ip: string;
  port: number;
  dataDir: string;
  ca: TestCa;
  cert: ServerCert;
  smtpUrl: string;
  /** Where this instance's output goes (kept after the run, for CI artifacts). */
  logFile: string;
  /** Where the server's pid is written, so that a later run can end it if this run dies without cleaning up. */
  pidFile: string;
}

export class Instance {
  readonly name: string;
  readonly ip: string;
  readonly port: number;
  readonly dataDir: string;
  /** `https://127.0.0.11`, with `:port` only when 443 could not be bound. */
  readonly origin: string;
  /** The host part of handles: `127.0.0.11` (or `127.0.0.11:8443`). */
  readonly host: string;
  private child: ChildProcess | undefined;
  private log = '';
  private readonly settings: InstanceSettings;

  constructor(settings: InstanceSettings) {
    this.settings = settings;
    this.name = settings.name;
    this.ip = settings.ip;
    this.port = settings.port;
    this.dataDir = settings.dataDir;
    this.host = settings.port === 443 ? settings.ip : `${settings.ip}:${settings.port}`;
    this.origin = `https://${this.host}`;
    mkdirSync(settings.dataDir, { recursive: true });
    mkdirSync(path.dirname(settings.logFile), { recursive: true });
  }

  /** The environment of the server and of its command-line tools. */
  env(): Record<string, string> {
    const s = this.settings;
    return {
      PATH: process.env.PATH ?? '',
      BV_ENV: 'test',
      BV_ORIGIN: this.origin,
      BV_LISTEN_HOST: s.ip,
      BV_PORT: String(s.port),
      BV_DATA_DIR: s.dataDir,
      BV_TLS_CERT_FILE: s.cert.certFile,
      BV_TLS_KEY_FILE: s.cert.keyFile,
      // 127.0.0.0/8 is private: without this Fedify refuses to fetch the other instances.
      BV_ALLOW_PRIVATE_ADDRESSES: 'true',
      BV_SMTP_URL: s.smtpUrl,
      BV_MAIL_FROM: `Bénévalibre ${this.name} <no-reply@${s.ip}>`,
      BV_INSTANCE_NAME: `Bénévalibre ${this.name.toUpperCase()}`,
      BV_LOG_LEVEL: 'info',
      // Read by Node at start-up: the instances trust the throw-away CA for every fetch.
      NODE_EXTRA_CA_CERTS: s.ca.certFile,
    };
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  output(): string {
    return this.log;
  }

  private record(text: string): void {
    this.log += text;
    appendFileSync(this.settings.logFile, text);
  }

  async start(timeoutMs = 45_000): Promise<void> {
    if (this.running) throw new Error(`instance ${this.name} already running`);
    this.record(`\n--- start ${new Date().toISOString()} ---\n`);
    const child = spawn(process.execPath, ['src/main.ts'], { cwd: root, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    writeFileSync(this.settings.pidFile, String(child.pid));
    child.stdout?.on('data', (d: Buffer) => this.record(d.toString()));
    child.stderr?.on('data', (d: Buffer) => this.record(d.toString()));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`instance ${this.name} exited (${child.exitCode ?? child.signalCode}):\n${this.log.slice(-4000)}`);
      }
      try {
        const res = await fetch(`${this.origin}/health`, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`instance ${this.name} did not answer /health in ${timeoutMs} ms:\n${this.log.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(sig);
    await exited;
    this.record(`\n--- ${sig} ${new Date().toISOString()} ---\n`);
  }

  /** Clean shutdown (SIGTERM): the running job finishes, the others wait in the database. */
  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }

  /** `kill -9`: no shutdown code runs at all. */
  kill9(): Promise<void> {
    return this.signal('SIGKILL');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Runs `node <script> …args` with this instance's environment (e.g. the admin CLI), `input` on stdin. */
  async cli(script: string, args: string[], input = ''): Promise<{ code: number; out: string }> {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, env: this.env(), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.end(input);
    const code = await new Promise<number>((r) => child.once('exit', (c) => r(c ?? -1)));
    return { code, out };
  }

  /**
   * Reads this instance's database directly (read-only), for what no API shows — e.g.
   * whether its delivery queue is empty. Never writes: the server owns its data.
   */
  query<T>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(path.join(this.dataDir, 'benevalibre.sqlite'), { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }
}
