/**
 * What every browser test shares: the real server process with a real SMTP inbox,
 * Debian's Chromium through playwright-core, the axe-core check and screenshots of each
 * page visited, and quick ways to have an active, logged-in account.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type ServerProcess } from '../../src/testing/server-process.ts';
import { SmtpInbox } from '../../src/testing/smtp-inbox.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const artifacts = path.join(root, 'test-artifacts', 'browser');
const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

type AxeWindow = Window & { axe?: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } };

export interface Stage {
  server: ServerProcess;
  inbox: SmtpInbox;
  browser: Browser;
  /** Paths of the pages checked so far. */
  visited: string[];
  /** Screenshots, then axe-core (WCAG 2.1 A/AA): no serious or critical violation allowed. */
  check(page: Page, name: string): Promise<void>;
  /** Registers through the API and activates with the link received by email. */
  activeAccount(email: string, firstName: string, password: string): Promise<void>;
  /** A phone-sized browser of its own (cookies not shared), logged in through the login page. */
  loggedIn(email: string, password: string): Promise<{ context: BrowserContext; page: Page }>;
  /** An administrator made with the command line (`npm run admin -- create-admin`) against the server's database file. */
  createAdmin(email: string, firstName: string, password: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts SMTP, the server (on a fresh database file) and Chromium; screenshots are named `<prefix>-NN-<name>.png`. */
export async function startStage(prefix: string): Promise<Stage> {
  mkdirSync(artifacts, { recursive: true });
  const inbox = await new SmtpInbox().start();
  const server = await startServer({ BV_SMTP_URL: inbox.url, BV_MAIL_FROM: 'Bénévalibre <no-reply@localhost>' });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    // Without the background-networking flags Chromium keeps trying hosts this closed network refuses.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const visited: string[] = [];

  async function check(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    const n = String(visited.length + 1).padStart(2, '0');
    await page.screenshot({ path: path.join(artifacts, `${prefix}-${n}-${name}.png`), fullPage: true });
    visited.push(new URL(page.url()).pathname);
    // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) does not apply.
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const result = await (window as AxeWindow).axe!.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return result.violations;
    });
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((x) => x.target.join(' ')).join(', ')}`)).toEqual([]);
  }

  async function activeAccount(email: string, firstName: string, password: string): Promise<void> {
    const post = (url: string, body: unknown) =>
      fetch(`${server.origin}/api/v1${url}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const registered = await post('/accounts', { email, password, firstName, language: 'fr', acceptTerms: true, ageConfirmation: true });
    expect(registered.ok).toBe(true);
    const received = await inbox.waitFor(email, '/activation?token=');
    const token = (received.mail.text ?? '').match(/\/activation\?token=([A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeDefined();
    expect((await post('/accounts/activation', { token })).ok).toBe(true);
  }

  async function loggedIn(email: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(server.origin + '/connexion');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await page.getByRole('link', { name: 'Déclarer du bénévolat' }).waitFor();
    return { context, page };
  }

  async function createAdmin(email: string, firstName: string, password: string): Promise<void> {
    const child = spawn(process.execPath, ['src/admin/admin.cli.ts', 'create-admin', '--email', email, '--first-name', firstName], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', BV_ENV: 'test', BV_DATA_DIR: server.dataDir, BV_ORIGIN: server.origin, BV_LOG_LEVEL: 'warning' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.stdin.end(`${password}\n`);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output).toBe(0);
  }

  return {
    server,
    inbox,
    browser,
    visited,
    check,
    activeAccount,
    loggedIn,
    createAdmin,
    async stop() {
      await browser.close();
      await server.stop();
      await inbox.stop();
    },
  };
}

/** A JSON API call from inside the page, with its session and CSRF token. */
export async function apiCall(page: Page, method: string, path: string, body?: unknown): Promise<any> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = await (await fetch('/api/v1/session')).json();
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    { method, path, body },
  );
}
