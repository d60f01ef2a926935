/**
 * Moderation (spec §A4): pending when the association moderates, validated at once
 * otherwise (by a validation record of its own); a validation is a record (who, when,
 * minutes — fewer than declared only with a reason) superseding the previous one; a
 * refusal keeps the declaration with its reason; the author corrects it and it is
 * pending again; several are validated at once.
 */
import { describe, expect, it } from 'vitest';
import { HOUR } from '../lib/clock.ts';
import { errorOn, problemOf } from '../testing/test-app.ts';
import { auditActions, declare, moderate, world, type DeclarationView } from './testing.ts';

const validations = (w: Awaited<ReturnType<typeof world>>, declarationId: string) =>
  w.t.db.selectFrom('validations').selectAll().where('declaration_id', '=', declarationId).orderBy('validated_at').orderBy('id').execute();

describe('moderation', () => {
  it('off: a declaration is validated at once by an automatic validation of the whole duration', async () => {
    const w = await world();
    const d = await declare(w.volunteer.browser, w, { durationMinutes: 150 });
    expect(d.status).toBe('validated');
    const rows = await validations(w, d.id);
    expect(rows).toMatchObject([{ validated_by: null, validated_by_label: 'Validation automatique', validated_minutes: 150, reason: null, superseded_at: null, imported: 0 }]);
    expect(d.validation).toEqual({ id: rows[0]!.id, validatedMinutes: 150, validatedAt: '2026-11-27T10:00:00.000Z', validatedBy: { id: null, label: 'Validation automatique' }, reason: null });
    const stored = await w.t.db.selectFrom('declarations').select('validation_id').where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(stored.validation_id).toBe(rows[0]!.id);
  });

  it('on: declarations wait, managers’ own too, until a manager validates them', async () => {
    const w = await world({ moderated: true });
    const mine = await declare(w.volunteer.browser, w);
    const managers = await declare(w.manager.browser, w);
    expect([mine.status, managers.status, mine.validation, managers.validation]).toEqual(['pending', 'pending', null, null]);
    expect(await validations(w, mine.id)).toEqual([]);

    w.t.clock.advance(HOUR);
    const res = await w.manager.browser.request('POST', `/api/v1/declarations/${managers.id}/validation`, {});
    expect(res.status).toBe(200);
    const validated = (await res.json()) as DeclarationView;
    expect(validated).toMatchObject({
      status: 'validated',
      validation: { validatedMinutes: 120, validatedAt: '2026-11-27T11:00:00.000Z', validatedBy: { id: w.manager.id, label: 'Rose Responsable' }, reason: null },
      can: { edit: true, delete: true, validate: true },
    });
    expect(await auditActions(w.t, w.a.id)).toEqual(expect.arrayContaining(['declaration.create', 'declaration.create', 'declaration.validate']));
  });

  it('validates part of the duration only with a reason, never more than declared', async () => {
    const w = await world({ moderated: true });
    const d = await declare(w.volunteer.browser, w, { durationMinutes: 180 });
    const url = `/api/v1/declarations/${d.id}/validation`;
    const noReason = await w.manager.browser.request('POST', url, { validatedMinutes: 120 });
    expect(noReason.status).toBe(422);
    expect(errorOn(await problemOf(noReason), 'reason')).toMatchObject({ code: 'declaration_reason_required', message: 'Expliquez pourquoi : la personne verra ce motif.' });
    const blank = await w.manager.browser.request('POST', url, { validatedMinutes: 120, reason: '   ' });
    expect(errorOn(await problemOf(blank), 'reason').code).toBe('declaration_reason_required');
    const tooMuch = await w.manager.browser.request('POST', url, { validatedMinutes: 181 });
    expect(errorOn(await problemOf(tooMuch), 'validatedMinutes').code).toBe('declaration_validated_minutes_too_big');
    const negative = await w.manager.browser.request('POST', url, { validatedMinutes: -5, reason: 'x' });
    expect(errorOn(await problemOf(negative), 'validatedMinutes').code).toBe('too_small');
    expect(await validations(w, d.id)).toEqual([]);

    const ok = await w.manager.browser.request('POST', url, { validatedMinutes: 120, reason: ' Une heure de pause ' });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as DeclarationView).validation).toMatchObject({ validatedMinutes: 120, reason: 'Une heure de pause' });
    // The declared duration stays what the volunteer said.
    expect((await (await w.volunteer.browser.request('GET', `/api/v1/declarations/${d.id}`)).json()) as DeclarationView).toMatchObject({
      durationMinutes: 180, status: 'validated', validation: { validatedMinutes: 120, reason: 'Une heure de pause' }, can: { edit: true, delete: false, validate: false },
    });
  });

  it('a new validation supersedes the previous one, which is kept; the same one twice changes nothing', async () => {
    const w = await world({ moderated: true });
    const d = await declare(w.volunteer.browser, w, { durationMinutes: 180 });
    const url = `/api/v1/declarations/${d.id}/validation`;
    await w.manager.browser.request('POST', url, { validatedMinutes: 60, reason: 'Trop' });
    w.t.clock.advance(HOUR);
    const second = (await (await w.manager.browser.request('POST', url, {})).json()) as DeclarationView;
    expect(second.validation?.validatedMinutes).toBe(180);
    await w.manager.browser.request('POST', url, {});
    const rows = await validations(w, d.id);
    expect(rows.map((r) => [r.validated_minutes, r.superseded_at])).toEqual([[60, '2026-11-27T11:00:00.000Z'], [180, null]]);
    expect(second.validation?.id).toBe(rows[1]!.id);
    expect((await auditActions(w.t, w.a.id)).filter((a) => a === 'declaration.validate')).toHaveLength(2);
  });

  it('refuses with a reason (required, at most 500 characters) kept with the declaration, never validated', async () => {
    const w = await world({ moderated: true });
    const d = await declare(w.volunteer.browser, w);
    const url = `/api/v1/declarations/${d.id}/rejection`;
    for (const [reason, code] of [[undefined, 'required'], ['  ', 'required'], ['x'.repeat(501), 'too_long']] as const) {
      const res = await w.manager.browser.request('POST', url, reason === undefined ? {} : { reason });
      expect(errorOn(await problemOf(res), 'reason').code).toBe(code);
    }
    expect((await w.t.db.selectFrom('declarations').select('status').where('id', '=', d.id).executeTakeFirstOrThrow()).status).toBe('pending');

    const res = await w.manager.browser.request('POST', url, { reason: 'Ce n’était pas pour l’association' });
    expect(res.status).toBe(200);
    const seen = (await (await w.volunteer.browser.request('GET', `/api/v1/declarations/${d.id}`)).json()) as DeclarationView;
    expect(seen).toMatchObject({ status: 'rejected', rejectionReason: 'Ce n’était pas pour l’association', validation: null, can: { edit: true, delete: true } });
    const row = await w.t.db.selectFrom('declarations').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    expect([row.rejected_by, row.rejected_at, row.validation_id]).toEqual([w.manager.id, '2026-11-27T10:00:00.000Z', null]);
  });

  it('refusing a validated declaration ends its validation; validating a refused one clears the reason', async () => {
    const w = await world();
    const d = await declare(w.volunteer.browser, w);
    await w.manager.browser.request('POST', `/api/v1/declarations/${d.id}/rejection`, { reason: 'Doublon' });
    expect((await validations(w, d.id)).map((v) => v.superseded_at)).toEqual(['2026-11-27T10:00:00.000Z']);
    const again = (await (await w.manager.browser.request('POST', `/api/v1/declarations/${d.id}/validation`, {})).json()) as DeclarationView;
    expect([again.status, again.rejectionReason, again.validation?.validatedBy.id]).toEqual(['validated', null, w.manager.id]);
  });

  it('the author corrects a refused declaration and it is pending again (moderated or not)', async () => {
    for (const moderated of [true, false]) {
      const w = await world({ moderated });
      const d = await declare(w.volunteer.browser, w, { durationMinutes: 300 });
      await w.manager.browser.request('POST', `/api/v1/declarations/${d.id}/rejection`, { reason: 'Cinq heures ? Vraiment ?' });
      const res = await w.volunteer.browser.request('PATCH', `/api/v1/declarations/${d.id}`, { durationMinutes: 180 });
      expect(((await res.json()) as DeclarationView)).toMatchObject({ status: 'pending', rejectionReason: null, durationMinutes: 180, validation: null });
      const row = await w.t.db.selectFrom('declarations').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
      expect([row.rejection_reason, row.rejected_at, row.rejected_by]).toEqual([null, null, null]);
    }
  });

  it('the author may send a refused declaration back unchanged', async () => {
    const w = await world({ moderated: true });
    const d = await declare(w.volunteer.browser, w);
    await w.manager.browser.request('POST', `/api/v1/declarations/${d.id}/rejection`, { reason: 'Erreur ?' });
    const res = await w.volunteer.browser.request('PATCH', `/api/v1/declarations/${d.id}`, {});
    expect(((await res.json()) as DeclarationView).status).toBe('pending');
    expect((await auditActions(w.t, w.a.id)).slice(-1)).toEqual(['declaration.update']);
  });

  it('validates several at once, each for its whole duration, leaving validated ones as they are', async () => {
    const w = await world({ moderated: true });
    const a = await declare(w.volunteer.browser, w, { durationMinutes: 60 });
    const b = await declare(w.volunteer.browser, w, { durationMinutes: 90 });
    const c = await declare(w.volunteer.browser, w, { durationMinutes: 120 });
    const refused = await declare(w.volunteer.browser, w, { durationMinutes: 30 });
    await w.manager.browser.request('POST', `/api/v1/declarations/${c.id}/validation`, { validatedMinutes: 100, reason: 'Pause' });
    await w.manager.browser.request('POST', `/api/v1/declarations/${refused.id}/rejection`, { reason: 'Non' });
    const url = `/api/v1/associations/${w.a.id}/declarations/validation`;

    const unknown = await w.manager.browser.request('POST', url, { ids: [a.id, 'inconnue'] });
    expect(errorOn(await problemOf(unknown), 'ids').code).toBe('declaration_ids_unknown');
    expect(await validations(w, a.id)).toEqual([]);
    expect(errorOn(await problemOf(await w.manager.browser.request('POST', url, { ids: [] })), 'ids').code).toBe('too_small');

    const res = await w.manager.browser.request('POST', url, { ids: [b.id, a.id, c.id, refused.id, a.id] });
    expect(res.status).toBe(200);
    const items = ((await res.json()) as { items: DeclarationView[] }).items;
    expect(items.map((d) => [d.id, d.status, d.validation?.validatedMinutes])).toEqual([
      [b.id, 'validated', 90], [a.id, 'validated', 60], [c.id, 'validated', 100], [refused.id, 'validated', 30],
    ]);
    expect((await auditActions(w.t, w.a.id)).filter((x) => x === 'declaration.validate')).toHaveLength(4);
  });

  it('turning moderation on later leaves what was validated as it is', async () => {
    const w = await world();
    const d = await declare(w.volunteer.browser, w);
    await moderate(w.t, w.a.id, true);
    const seen = (await (await w.volunteer.browser.request('GET', `/api/v1/declarations/${d.id}`)).json()) as DeclarationView;
    expect([seen.status, seen.can.delete]).toEqual(['validated', false]);
  });
});
