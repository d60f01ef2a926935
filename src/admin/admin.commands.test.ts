/** npm run admin -- create-admin | list-admins | promote | demote: in-process, then once as a real process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Browser, PASSWORD, accountRow, createTestApp, registerActive, type TestApp } from '../testing/test-app.ts';
import { adminAccountsService } from './admin-accounts.service.ts';
import { EX_DATAERR, EX_USAGE, runAdminCommand } from './admin.commands.ts';

async function run(t: TestApp, argv: string[], password = PASSWORD) {
  const out: string[] = [];
  const err: string[] = [];
  let opened = false;
  const code = await runAdminCommand(argv, { out: (l) => out.push(l), err: (l) => err.push(l), readPassword: async () => password }, async () => {
    opened = true;
    const accounts = t.services.accounts;
    return { services: { accounts, admins: adminAccountsService({ db: t.db, clock: t.clock, accounts }) }, close: async () => {} };
  });
  return { code, out: out.join('\n'), err: err.join('\n'), opened };
}

describe('admin commands', () => {
  it('creates an admin, lists, promotes and demotes, with clear messages', async () => {
    const t = await createTestApp();
    expect((await run(t, ['list-admins'])).out).toContain('No administrator yet');
    const created = await run(t, ['create-admin', '--email', 'Chef@Exemple.fr', '--first-name', 'Paule']);
    expect(created).toMatchObject({ code: 0 });
    expect(created.out).toMatch(/^Administrator created: chef@exemple\.fr/);
    await registerActive(t, 'marie@exemple.fr');

    const promoted = await run(t, ['promote', '--email', 'marie@exemple.fr']);
    expect(promoted).toMatchObject({ code: 0, out: 'marie@exemple.fr est administrateur / is now an administrator.' });
    expect((await run(t, ['list-admins'])).out).toBe('chef@exemple.fr\tPaule\tactive\nmarie@exemple.fr\tMarie Curie\tactive');
    const b = new Browser(t);
    await b.login('marie@exemple.fr', PASSWORD);
    expect((await b.request('GET', '/api/v1/admin/stats')).status).toBe(200);

    expect(await run(t, ['demote', '--email', 'marie@exemple.fr'])).toMatchObject({ code: 0, out: 'marie@exemple.fr n’est plus administrateur / is no longer an administrator.' });
    expect((await b.request('GET', '/api/v1/admin/stats')).status).toBe(403);
    const last = await run(t, ['demote', '--email', 'chef@exemple.fr']);
    expect(last).toMatchObject({ code: EX_DATAERR });
    expect(last.err).toBe('--email: C’est le dernier compte administrateur : nommez-en un autre d’abord. / This is the last administrator account: appoint another one first.');
    expect((await accountRow(t, 'chef@exemple.fr')).is_admin).toBe(1);

    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_label']).orderBy('created_at').orderBy('id').execute();
    expect(audit).toEqual([{ action: 'account.promote', actor_label: 'Système' }, { action: 'account.demote', actor_label: 'Système' }]);
  });

  it('refuses unknown accounts, bad arguments and short passwords without opening the database', async () => {
    const t = await createTestApp();
    const unknown = await run(t, ['promote', '--email', 'personne@exemple.fr']);
    expect(unknown).toMatchObject({ code: EX_DATAERR, err: '--email: Aucun compte n’utilise cette adresse e-mail. / No account uses this email address.' });
    for (const argv of [['promote'], ['demote', '--email', 'pas-une-adresse'], ['promote', '--email', 'a@exemple.fr', '--pseudo', 'x'], ['dance']]) {
      const r = await run(t, argv);
      expect(r).toMatchObject({ code: EX_USAGE, opened: false });
      expect(r.err).toContain('Usage:');
    }
    expect(await run(t, ['create-admin', '--email', 'chef@exemple.fr'], 'court')).toMatchObject({ code: EX_USAGE, opened: false });
    expect(await run(t, [])).toMatchObject({ code: 0, opened: false });
  });
});

describe('admin command line (real process)', () => {
  it('creates an administrator from standard input, then lists it', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bv-admin-cli-'));
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const env = { PATH: process.env.PATH ?? '', BV_ENV: 'test', BV_ORIGIN: 'http://localhost:3000', BV_DATA_DIR: dataDir, BV_LOG_LEVEL: 'warning' };
    const cli = (args: string[], input = '') => spawnSync(process.execPath, ['src/admin/admin.cli.ts', ...args], { cwd: root, env, input, encoding: 'utf8' });
    try {
      const created = cli(['create-admin', '--email', 'chef@exemple.fr', '--pseudo', 'chef'], `${PASSWORD}\n`);
      expect([created.status, created.stderr]).toEqual([0, '']);
      expect(created.stdout).toMatch(/Administrator created: chef@exemple\.fr/);
      const listed = cli(['list-admins']);
      expect([listed.status, listed.stdout]).toEqual([0, 'chef@exemple.fr\tchef\tactive\n']);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
