/**
 * Editing and deleting (spec §A4): a manager's edit keeps the status and the validation
 * (capped to the new duration), audited; an author's edit makes it pending again in a
 * moderated association and validates it again automatically otherwise; authors delete
 * their own except validated ones of a moderated association; account deletion keeps
 * validated declarations (« Ancien membre n° N ») and withdraws the others.
 */
import { describe, expect, it } from 'vitest';
import { HOUR } from '../lib/clock.ts';
import { PASSWORD, errorOn, problemOf } from '../testing/test-app.ts';
import { anonymousMember, auditActions, declare, storedDeclarations, world, type DeclarationView } from './testing.ts';

const patch = async (b: { request: (m: string, p: string, body?: unknown) => Promise<Response> }, id: string, body: unknown) => {
  const res = await b.request('PATCH', `/api/v1/declarations/${id}`, body);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as DeclarationView;
};

const lastAudit = async (w: Awaited<ReturnType<typeof world>>) =>
  w.t.db.selectFrom('audit_log').selectAll().where('association_id', '=', w.a.id).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();

describe('editing', () => {
  it('by a manager: stays validated, keeps its validation (capped to the new duration), audited', async () => {
    const w = await world({ moderated: true });
    const d = await declare(w.volunteer.browser, w, { durationMinutes: 240 });
    const validated = (await (await w.manager.browser.request('POST', `/api/v1/declarations/${d.id}/validation`, {})).json()) as DeclarationView;
    w.t.clock.advance(HOUR);
    const edited = await patch(w.manager.browser, d.id, { title: 'Entretien du ponton', durationMinutes: 180, projectId: w.project });
    expect(edited).toMatchObject({ status: 'validated', title: 'Entretien du ponton', durationMinutes: 180, project: { id: w.project }, updatedAt: '2026-11-27T11:00:00.000Z' });
    expect(edited.validation).toMatchObject({ id: validated.validation!.id, validatedMinutes: 180, validatedBy: { id: w.manager.id } });
    const audit = await lastAudit(w);
    expect([audit.action, audit.actor_account_id]).toEqual(['declaration.update', w.manager.id]);
    expect(JSON.parse(audit.changes!)).toEqual({
      title: ['Entretien des bateaux', 'Entretien du ponton'], duration_minutes: [240, 180], project_id: [null, w.project], validated_minutes: [240, 180],
    });
    // Lengthening keeps the validated minutes: the association validated what it validated.
    expect((await patch(w.manager.browser, d.id, { durationMinutes: 300 })).validation?.validatedMinutes).toBe(180);
  });

  it('by its author in a moderated association: pending again, the validation superseded', async () => {
    const w = await world({ moderated: true });
    const d = await declare(w.volunteer.browser, w);
    await w.manager.browser.request('POST', `/api/v1/declarations/${d.id}/validation`, {});
    w.t.clock.advance(HOUR);
    const edited = await patch(w.volunteer.browser, d.id, { description: 'Avec Paul' });
    expect([edited.status, edited.validation, edited.description]).toEqual(['pending', null, 'Avec Paul']);
    const rows = await w.t.db.selectFrom('validations').select('superseded_at').where('declaration_id', '=', d.id).execute();
    expect(rows).toEqual([{ superseded_at: '2026-11-27T11:00:00.000Z' }]);
    expect(JSON.parse((await lastAudit(w)).changes!)).toEqual({ description: ['', 'Avec Paul'], status: ['validated', 'pending'] });
  });

  it('by its author in an unmoderated association: validated again automatically for the new duration', async () => {
    const w = await world();
    const d = await declare(w.volunteer.browser, w, { durationMinutes: 60 });
    const edited = await patch(w.volunteer.browser, d.id, { durationMinutes: 90 });
    expect(edited).toMatchObject({ status: 'validated', validation: { validatedMinutes: 90, validatedBy: { id: null, label: 'Validation automatique' } } });
    expect(edited.validation!.id).not.toBe(d.validation!.id);
  });

  it('by a manager, a refused declaration stays refused; nothing changed means nothing recorded', async () => {
    const w = await world({ moderated: true });
    const d = await declare(w.volunteer.browser, w);
    await w.manager.browser.request('POST', `/api/v1/declarations/${d.id}/rejection`, { reason: 'Non' });
    expect((await patch(w.manager.browser, d.id, { levelId: w.levels[0] })).status).toBe('rejected');
    const before = (await auditActions(w.t, w.a.id)).length;
    await patch(w.manager.browser, d.id, { levelId: w.levels[0], title: ' Entretien des bateaux ' });
    expect((await auditActions(w.t, w.a.id)).length).toBe(before);
  });

  it('checks the merged declaration: an end date before a new date is refused and nothing changes', async () => {
    const w = await world();
    const d = await declare(w.volunteer.browser, w, { date: '2026-11-10', endDate: '2026-11-12', durationMinutes: 600 });
    const res = await w.volunteer.browser.request('PATCH', `/api/v1/declarations/${d.id}`, { date: '2026-11-12' });
    expect(errorOn(await problemOf(res), 'endDate').code).toBe('declaration_end_date_order');
    const cleared = await patch(w.volunteer.browser, d.id, { endDate: null, durationMinutes: 60, projectId: null, description: null });
    expect([cleared.endDate, cleared.project, cleared.description]).toEqual([null, null, '']);
    const tooLong = await w.volunteer.browser.request('PATCH', `/api/v1/declarations/${d.id}`, { durationMinutes: 1441 });
    expect(errorOn(await problemOf(tooLong), 'durationMinutes').code).toBe('declaration_duration_too_long');
    expect((await storedDeclarations(w.t, w.a.id))[0]!.duration_minutes).toBe(60);
  });

  it('a manager may change the author; the author may not', async () => {
    const w = await world();
    const d = await declare(w.volunteer.browser, w);
    const res = await w.volunteer.browser.request('PATCH', `/api/v1/declarations/${d.id}`, { author: { type: 'none' } });
    expect(res.status).toBe(403);
    expect((await patch(w.manager.browser, d.id, { author: { type: 'account', id: w.manager.id } })).author).toEqual({ type: 'account', id: w.manager.id, displayName: 'Rose Responsable' });
    // Now the volunteer no longer sees it.
    expect((await w.volunteer.browser.request('GET', `/api/v1/declarations/${d.id}`)).status).toBe(404);
  });

  it('a removed member still reads their declarations but may no longer change them', async () => {
    const w = await world();
    const d = await declare(w.volunteer.browser, w);
    await w.t.db.deleteFrom('memberships').where('account_id', '=', w.volunteer.id).execute();
    const seen = (await (await w.volunteer.browser.request('GET', `/api/v1/declarations/${d.id}`)).json()) as DeclarationView;
    expect(seen.can).toEqual({ edit: false, delete: false, validate: false });
    expect((await w.volunteer.browser.request('PATCH', `/api/v1/declarations/${d.id}`, { title: 'Encore' })).status).toBe(403);
    expect((await w.volunteer.browser.request('DELETE', `/api/v1/declarations/${d.id}`)).status).toBe(403);
  });
});

describe('anonymous members', () => {
  it('declare, edit and delete their own in their association through their link', async () => {
    const w = await world({ moderated: true });
    const anon = await anonymousMember(w);
    const d = await declare(anon.browser, w);
    expect(d).toMatchObject({ author: { type: 'anonymous', id: anon.id, displayName: 'Léo' }, status: 'pending', can: { edit: true, delete: true, validate: false } });
    expect((await patch(anon.browser, d.id, { title: 'Rangement' })).title).toBe('Rangement');
    const mine = (await (await anon.browser.request('GET', '/api/v1/me/declarations')).json()) as { items: DeclarationView[] };
    expect(mine.items.map((x) => x.id)).toEqual([d.id]);
    // Someone else's declaration stays out of reach.
    const other = await declare(w.volunteer.browser, w);
    expect((await anon.browser.request('GET', `/api/v1/declarations/${other.id}`)).status).toBe(404);
    expect((await anon.browser.request('DELETE', `/api/v1/declarations/${d.id}`)).status).toBe(204);
    expect((await storedDeclarations(w.t, w.a.id)).map((r) => r.id)).toEqual([other.id]);
    const idempotent = { idempotencyKey: 'cle-anonyme' };
    expect((await anon.browser.request('POST', `/api/v1/associations/${w.a.id}/declarations`, { ...(await bodyOf(w)), ...idempotent })).status).toBe(201);
    expect((await anon.browser.request('POST', `/api/v1/associations/${w.a.id}/declarations`, { ...(await bodyOf(w)), ...idempotent })).status).toBe(200);
  });
});

const bodyOf = async (w: Awaited<ReturnType<typeof world>>) => ({ categoryId: w.categories[1], title: 'Accueil', date: '2026-11-26', durationMinutes: 30 });

describe('deleting', () => {
  it('authors delete their own, except a validated one in a moderated association (ask a manager)', async () => {
    const w = await world({ moderated: true });
    const pending = await declare(w.volunteer.browser, w);
    const validated = await declare(w.volunteer.browser, w);
    await w.manager.browser.request('POST', `/api/v1/declarations/${validated.id}/validation`, {});
    const refused = await w.volunteer.browser.request('DELETE', `/api/v1/declarations/${validated.id}`);
    expect(refused.status).toBe(409);
    const p = await problemOf(refused);
    expect([p.code, p.title]).toEqual(['declaration_validated_locked', 'Cette action est déjà validée : pour la supprimer, demandez à un·e gestionnaire de l’association.']);
    expect((await w.volunteer.browser.request('DELETE', `/api/v1/declarations/${pending.id}`)).status).toBe(204);
    expect((await w.manager.browser.request('DELETE', `/api/v1/declarations/${validated.id}`)).status).toBe(204);
    expect(await storedDeclarations(w.t, w.a.id)).toEqual([]);
    expect(await w.t.db.selectFrom('validations').select('id').execute()).toEqual([]);
    expect((await auditActions(w.t, w.a.id)).filter((a) => a === 'declaration.delete')).toHaveLength(2);
    expect((await w.manager.browser.request('GET', `/api/v1/declarations/${pending.id}`)).status).toBe(404);
  });

  it('in an unmoderated association authors delete their validated declarations', async () => {
    const w = await world();
    const d = await declare(w.volunteer.browser, w);
    expect((await w.volunteer.browser.request('DELETE', `/api/v1/declarations/${d.id}`)).status).toBe(204);
  });
});

describe('account deletion', () => {
  it('keeps validated declarations under « Ancien membre n° N », withdraws pending and refused ones', async () => {
    const w = await world({ moderated: true });
    const validated = await declare(w.volunteer.browser, w, { title: 'Validée' });
    const pending = await declare(w.volunteer.browser, w, { title: 'En attente' });
    const refused = await declare(w.volunteer.browser, w, { title: 'Refusée' });
    const others = await declare(w.manager.browser, w, { title: 'Celle de Rose' });
    await w.manager.browser.request('POST', `/api/v1/declarations/${validated.id}/validation`, {});
    await w.manager.browser.request('POST', `/api/v1/declarations/${refused.id}/rejection`, { reason: 'Non' });

    expect((await w.volunteer.browser.request('POST', '/api/v1/me/deletion', { currentPassword: PASSWORD })).status).toBe(204);
    expect((await storedDeclarations(w.t, w.a.id)).map((d) => d.title).sort()).toEqual(['Celle de Rose', 'Validée']);
    const kept = (await (await w.manager.browser.request('GET', `/api/v1/declarations/${validated.id}`)).json()) as DeclarationView;
    const number = (await w.t.db.selectFrom('accounts').select('former_member_number').where('id', '=', w.volunteer.id).executeTakeFirstOrThrow()).former_member_number;
    expect(kept).toMatchObject({ status: 'validated', author: { type: 'account', id: w.volunteer.id, displayName: `Ancien membre n° ${number}` } });
    const withdrawn = await w.t.db.selectFrom('audit_log').selectAll().where('action', '=', 'declaration.withdraw').orderBy('target_id').execute();
    expect(withdrawn.map((e) => [e.target_id, e.actor_label])).toEqual([[pending.id, 'Bob Bénévole'], [refused.id, 'Bob Bénévole']].sort());
    expect(others.status).toBe('pending');
  });
});

describe('association deletion', () => {
  it('takes its declarations and their validations along', async () => {
    const w = await world();
    await declare(w.volunteer.browser, w, { projectId: w.project, levelId: w.levels[0] });
    const res = await w.manager.browser.request('POST', `/api/v1/associations/${w.a.id}/deletion`, { confirmName: 'Club de voile' });
    expect(res.status, await res.clone().text()).toBe(204);
    expect(await w.t.db.selectFrom('declarations').select('id').execute()).toEqual([]);
    expect(await w.t.db.selectFrom('validations').select('id').execute()).toEqual([]);
  });
});
