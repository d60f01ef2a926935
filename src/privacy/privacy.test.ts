/**
 * « Télécharger mes données »: the JSON holds everything about the account — profile,
 * memberships and declarations here and on another site (with the signed documents as
 * stored), follows, preferences, sessions and tokens — and never a secret.
 */
import { describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.ts';
import { world } from '../declarations/testing.ts';
import { Browser } from '../testing/test-app.ts';

describe('download my data', () => {
  it('gives back everything about the account, and no secret', async () => {
    const w = await world();
    const { t, volunteer } = w;
    const declared = await volunteer.browser.request('POST', `/api/v1/associations/${w.a.id}/declarations`, { categoryId: w.categories[0], title: 'Régate', date: '2026-11-20', durationMinutes: 90 });
    expect(declared.status).toBe(201);
    expect((await volunteer.browser.request('POST', '/api/v1/me/tokens', { name: 'Tableur', scope: 'read' })).status).toBe(201);
    expect((await volunteer.browser.request('PUT', '/api/v1/me/notifications', { preferences: [{ kind: 'declaration_validated', mode: 'digest' }] })).status).toBeLessThan(300);

    const group = 'https://autre.exemple/ap/actors/lavoir';
    const now = t.clock.now().toISOString();
    const signedValidation = { type: ['Object', 'Validation'], validatedDuration: 'PT1H', proof: { type: 'DataIntegrityProof', proofValue: 'z3abc' } };
    await t.db.insertInto('remote_actors').values({ iri: group, type: 'Group', host: 'autre.exemple', handle: null, name: 'Le Lavoir', url: null, inbox: null, shared_inbox: null, document: '{}', fetched_at: now }).execute();
    await t.db.insertInto('remote_memberships').values({ id: newId(), account_id: volunteer.id, group_iri: group, status: 'active', reason: null, function: 'governance', join_activity_iri: 'https://ici/ap/activities/1', membership: '{"type":"Membership"}', created_at: now, updated_at: now }).execute();
    await t.db.insertInto('remote_declarations').values({
      id: newId(), account_id: volunteer.id, group_iri: group, title: 'Lessive', description: '', date: '2026-11-02', end_date: null, duration_minutes: 60, distance_hundredths: 1250,
      category_iri: 'https://autre.exemple/c/1', category_name: 'Entretien', project_iri: null, project_name: null, level_iri: null, level_name: null, default_category: null,
      status: 'validated', validated_minutes: 60, reason: null, document: '{"type":"Declaration"}', activity_iri: null, validation: JSON.stringify(signedValidation),
      sent_at: now, resent_at: null, association_deleted_at: null, created_at: now, updated_at: now,
    }).execute();
    await t.db.insertInto('following').values({ id: newId(), account_id: volunteer.id, iri: group, follow_activity_iri: 'https://ici/ap/activities/2', status: 'accepted', created_at: now, accepted_at: now }).execute();

    const res = await volunteer.browser.request('GET', '/api/v1/me/data');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="mes-donnees-benevalibre-2026-11-27.json"');
    const text = await res.text();
    const data = JSON.parse(text) as Record<string, any>;
    expect(data.account).toMatchObject({ email: 'benevole@exemple.fr', firstName: 'Bob', lastName: 'Bénévole', address: `${t.config.origin}/ap/actors/${volunteer.id}` });
    expect(data.memberships).toEqual([expect.objectContaining({ association: expect.objectContaining({ name: 'Club de voile' }), role: 'Bénévole', function: 'none', cecValidatorSince: null })]);
    expect(data.membershipsOnOtherSites).toEqual([expect.objectContaining({ association: { id: group, name: 'Le Lavoir', site: 'autre.exemple' }, function: 'governance', membershipDocument: { type: 'Membership' } })]);
    expect(data.declarations).toEqual([expect.objectContaining({ title: 'Régate', status: 'validated', durationMinutes: 90, validations: [expect.objectContaining({ current: true, validatedMinutes: 90 })] })]);
    expect(data.declarationsOnOtherSites).toEqual([expect.objectContaining({ title: 'Lessive', distanceKm: '12.50', signedDeclaration: { type: 'Declaration' }, signedValidation })]);
    expect(data.following).toEqual([expect.objectContaining({ association: { id: group, name: 'Le Lavoir', site: 'autre.exemple' }, status: 'accepted' })]);
    expect(data.apiTokens).toEqual([expect.objectContaining({ name: 'Tableur', scope: 'read' })]);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.notificationPreferences).toContainEqual({ kind: 'declaration_validated', mode: 'digest' });
    expect(data.attestations).toEqual([]);

    // No secret leaves: neither the password hash nor any token or session hash.
    const secrets = [
      ...(await t.db.selectFrom('accounts').select('password_hash as s').where('id', '=', volunteer.id).execute()),
      ...(await t.db.selectFrom('sessions').select('token_hash as s').where('account_id', '=', volunteer.id).execute()),
      ...(await t.db.selectFrom('api_tokens').select('token_hash as s').where('account_id', '=', volunteer.id).execute()),
    ].map((r) => r.s);
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/hash/i);

    // Someone else's data is never in it, and visitors must log in.
    expect(text).not.toContain('responsable@exemple.fr');
    expect((await new Browser(t).request('GET', '/api/v1/me/data')).status).toBe(401);
  });
});
