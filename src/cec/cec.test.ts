/**
 * The CEC helper over HTTP: a volunteer's hours per association and year (this site and
 * another site), the thresholds at the minute through real declarations, the summary to
 * copy, and the « valideur CEC » an association's managers designate, who then sees the
 * list of the volunteers who may be eligible.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.ts';
import { account, association, join, type TestAccount, type TestAssociation } from '../memberships/testing.ts';
import { withCatalog, world, type World } from '../declarations/testing.ts';
import { Browser, problemOf, type TestApp } from '../testing/test-app.ts';
import type { AssociationCecView, MyCecView } from './cec.service.ts';

let w: World;
let t: TestApp;
let chorale: TestAssociation;
let choraleCategory: string;
let clubMembership: string;
let choraleMembership: string;

beforeEach(async () => {
  w = await world();
  t = w.t;
  chorale = await association(t, 'Chorale du quartier', { creatorId: w.manager.id });
  choraleCategory = (await withCatalog(t, chorale.id)).categories[0]!;
  clubMembership = (await t.db.selectFrom('memberships').select('id').where('association_id', '=', w.a.id).where('account_id', '=', w.volunteer.id).executeTakeFirstOrThrow()).id;
  choraleMembership = await join(t, chorale, w.volunteer.id);
  await t.db.updateTable('associations').set({ rna_number: 'W212001234', siren: '732829320' }).where('id', '=', w.a.id).execute();
});

/** A validated declaration of `minutes` spread over ten days of March (24 h a day at most). */
async function declare(associationId: string, categoryId: string, minutes: number, year = 2025): Promise<void> {
  const res = await w.volunteer.browser.request('POST', `/api/v1/associations/${associationId}/declarations`, {
    categoryId, title: 'Conseil et encadrement', date: `${year}-03-01`, endDate: `${year}-03-10`, durationMinutes: minutes,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  expect(((await res.json()) as { status: string }).status).toBe('validated');
}

const setFunction = async (a: TestAssociation, membershipId: string, fn: string) =>
  expect((await w.manager.browser.request('PATCH', `/api/v1/associations/${a.id}/members/${membershipId}`, { function: fn })).status).toBe(200);

async function mine(who: TestAccount = w.volunteer, year = 2025): Promise<MyCecView> {
  const res = await who.browser.request('GET', `/api/v1/me/cec?year=${year}`);
  expect(res.status).toBe(200);
  return (await res.json()) as MyCecView;
}

describe('a volunteer’s CEC year', () => {
  it('adds the hours of each association; 199 h counted is not enough, 200 h is; 99 h in one association is not, 100 h is', async () => {
    await setFunction(w.a, clubMembership, 'governance');
    await setFunction(chorale, choraleMembership, 'supervision');
    await declare(w.a.id, w.categories[0]!, 99 * 60);
    await declare(chorale.id, choraleCategory, 99 * 60);
    let year = await mine();
    expect(year.associations.map((a) => [a.name, a.minutes, a.function, a.counts])).toEqual([
      ['Chorale du quartier', 5940, 'supervision', true],
      ['Club de voile', 5940, 'governance', true],
    ]);
    expect(year.hints).toMatchObject({ totalMinutes: 198 * 60, oneAssociationReached: false, yearReached: false, likelyEligible: false, missingOneAssociationMinutes: 60 });

    await declare(chorale.id, choraleCategory, 60); // Chorale: 100 h; total 199 h
    year = await mine();
    expect(year.hints).toMatchObject({ countedMinutes: 199 * 60, bestAssociationMinutes: 100 * 60, oneAssociationReached: true, yearReached: false, likelyEligible: false, missingYearMinutes: 60 });

    await declare(w.a.id, w.categories[0]!, 60); // total 200 h
    year = await mine();
    expect(year.hints).toMatchObject({ countedMinutes: 200 * 60, yearReached: true, oneAssociationReached: true, hasFunction: true, likelyEligible: true });
    expect(year.deadlines).toEqual({ declareFrom: '2026-01-01', declareBy: '2026-06-30', validateBy: '2026-12-31', phase: 'validation_only' });
    expect(year.summary).toContain('Association : Club de voile');
    expect(year.summary).toContain('Numéro RNA : W212001234');
    expect(year.summary).toContain('Numéro SIREN : 732829320');
    expect(year.summary).toContain('Heures validées en 2025 : 100\u00a0h');
    expect(year.summary).toContain('encadrement d’autres bénévoles');

    // Another year is empty; actions of 2025 never leak into 2026.
    expect((await mine(w.volunteer, 2026)).hints.totalMinutes).toBe(0);
    expect((await mine()).years).toEqual([2026, 2025]);
    expect((await mine(w.volunteer, 2019)).years).toEqual([2026, 2025, 2019]); // the year asked is always offered
  });

  it('hours without a function are shown and not counted; the summary lists them apart', async () => {
    await setFunction(w.a, clubMembership, 'governance');
    await declare(w.a.id, w.categories[0]!, 150 * 60);
    await declare(chorale.id, choraleCategory, 60 * 60);
    const year = await mine();
    expect(year.hints).toMatchObject({ totalMinutes: 210 * 60, countedMinutes: 150 * 60, yearReached: false });
    expect(year.summary).toContain('Heures qui ne comptent pas pour le CEC');
    expect(year.summary).toContain('- Chorale du quartier : 60\u00a0h');
  });

  it('adds the validated hours of an association of another site, with its function and its RNA/SIREN from its Group', async () => {
    await setFunction(w.a, clubMembership, 'governance');
    await declare(w.a.id, w.categories[0]!, 120 * 60);
    const group = 'https://autre.exemple/ap/actors/0193a1b2-0000-7000-8000-000000000001';
    const now = t.clock.now().toISOString();
    await t.db.insertInto('remote_actors').values({
      iri: group, type: 'Group', host: 'autre.exemple', handle: 'lavoir@autre.exemple', name: 'Le Lavoir', url: 'https://autre.exemple/associations/lavoir', inbox: `${group}/inbox`, shared_inbox: null,
      document: JSON.stringify({ id: group, type: 'Group', attachment: [{ type: 'PropertyValue', name: 'RNA', value: 'W751000001' }, { type: 'PropertyValue', name: 'SIREN', value: '552100554' }] }),
      fetched_at: now,
    }).execute();
    await t.db.insertInto('remote_memberships').values({
      id: newId(), account_id: w.volunteer.id, group_iri: group, status: 'active', reason: null, function: 'supervision', join_activity_iri: `${t.config.origin}/ap/activities/${newId()}`, membership: null, created_at: now, updated_at: now,
    }).execute();
    const remote = (status: 'validated' | 'pending', minutes: number, date: string) => ({
      id: newId(), account_id: w.volunteer.id, group_iri: group, title: 'Lessive', description: '', date, end_date: null, duration_minutes: minutes, distance_hundredths: 0,
      category_iri: 'https://autre.exemple/categories/1', category_name: 'Entretien', project_iri: null, project_name: null, level_iri: null, level_name: null, default_category: null,
      status, validated_minutes: status === 'validated' ? minutes - 30 : null, reason: null, document: '{}', activity_iri: null, validation: null, sent_at: now, resent_at: null,
      association_deleted_at: null, created_at: now, updated_at: now,
    });
    await t.db.insertInto('remote_declarations').values([remote('validated', 20 * 60 + 30, '2025-05-01'), remote('validated', 60 * 60 + 30, '2025-12-31'), remote('pending', 600, '2025-05-02'), remote('validated', 600, '2026-01-01')]).execute();

    const year = await mine();
    expect(year.associations).toEqual([
      expect.objectContaining({ kind: 'local', name: 'Club de voile', minutes: 120 * 60, rna: 'W212001234' }),
      expect.objectContaining({ kind: 'remote', id: group, name: 'Le Lavoir', site: 'autre.exemple', link: 'https://autre.exemple/associations/lavoir', function: 'supervision', counts: true, minutes: 80 * 60, actions: 2, rna: 'W751000001', siren: '552100554' }),
    ]);
    expect(year.hints).toMatchObject({ countedMinutes: 200 * 60, likelyEligible: true });
    expect(year.summary).toContain('Association : Le Lavoir (site autre.exemple)');
    expect(year.summary).toContain('Numéro RNA : W751000001');
  });

  it('refuses a year out of range, naming the field', async () => {
    for (const year of ['1999', '2027', 'abc']) {
      const res = await w.volunteer.browser.request('GET', `/api/v1/me/cec?year=${year}`);
      expect(res.status).toBe(422);
      expect((await problemOf(res)).errors?.[0]?.field).toBe('year');
    }
    const en = await w.volunteer.browser.request('GET', '/api/v1/me/cec?year=2027', undefined, { 'Accept-Language': 'en' });
    expect((await problemOf(en)).errors?.[0]?.message).toBe('Choose a year between 2000 and 2026.');
    expect((await new Browser(t).request('GET', '/api/v1/me/cec')).status).toBe(401);
    expect((await new Browser(t).request('GET', `/api/v1/associations/${w.a.id}/cec`)).status).toBe(401);
  });
});

describe('the valideur CEC of an association', () => {
  it('is designated by a manager and then sees who may be eligible; others do not', async () => {
    const other = await account(t, 'autre@exemple.fr', { firstName: 'Alix' });
    const otherMembership = await join(t, w.a, other.id);
    await setFunction(w.a, clubMembership, 'governance');
    await declare(w.a.id, w.categories[0]!, 100 * 60);

    expect((await other.browser.request('GET', `/api/v1/associations/${w.a.id}/cec?year=2025`)).status).toBe(403);
    expect((await other.browser.request('PUT', `/api/v1/associations/${w.a.id}/cec/validators/${otherMembership}`)).status).toBe(403);

    expect((await w.manager.browser.request('PUT', `/api/v1/associations/${w.a.id}/cec/validators/${otherMembership}`)).status).toBe(204);
    expect((await w.manager.browser.request('PUT', `/api/v1/associations/${w.a.id}/cec/validators/${otherMembership}`)).status).toBe(204); // idempotent
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', otherMembership).execute();
    expect(audit.map((a) => a.action)).toEqual(['cec.validator.add']);

    const res = await other.browser.request('GET', `/api/v1/associations/${w.a.id}/cec?year=2025`);
    expect(res.status).toBe(200);
    const list = (await res.json()) as AssociationCecView;
    expect(list.canDesignate).toBe(false);
    expect(list.candidates).toEqual([]);
    expect(list.association).toMatchObject({ name: 'Club de voile', rna: 'W212001234', siren: '732829320' });
    expect(list.items).toEqual([expect.objectContaining({ displayName: 'Bob Bénévole', minutes: 6000, function: 'governance', oneAssociationReached: true, mayBeEligible: true })]);
    expect(list.validators.map((v) => v.displayName)).toEqual(['Alix']);
    expect((await mine(other)).validatorOf).toEqual([{ id: w.a.id, handle: w.a.handle, name: 'Club de voile' }]);

    const managerView = (await (await w.manager.browser.request('GET', `/api/v1/associations/${w.a.id}/cec?year=2025`)).json()) as AssociationCecView;
    expect(managerView.canDesignate).toBe(true);
    expect(managerView.candidates.map((c) => c.displayName)).toEqual(['Bob Bénévole', 'Rose Responsable']);

    // Leaving the association ends the designation with the membership.
    await t.db.deleteFrom('memberships').where('id', '=', otherMembership).execute();
    expect((await other.browser.request('GET', `/api/v1/associations/${w.a.id}/cec?year=2025`)).status).toBe(403);
    expect(await t.db.selectFrom('cec_validators').selectAll().execute()).toEqual([]);
  });

  it('a valideur may step down; a member of another site or a pending member cannot be designated', async () => {
    expect((await w.manager.browser.request('PUT', `/api/v1/associations/${w.a.id}/cec/validators/${clubMembership}`)).status).toBe(204);
    expect((await w.volunteer.browser.request('DELETE', `/api/v1/associations/${w.a.id}/cec/validators/${clubMembership}`)).status).toBe(204);
    expect((await w.volunteer.browser.request('DELETE', `/api/v1/associations/${w.a.id}/cec/validators/${clubMembership}`)).status).toBe(404);

    const now = t.clock.now().toISOString();
    const remoteId = newId();
    await t.db.insertInto('accounts').values({
      id: remoteId, email: null, password_hash: null, first_name: 'Paul', last_name: null, pseudo: null, theme: 'auto', language: 'fr', is_admin: 0, status: 'remote',
      terms_accepted_at: null, age_confirmed_at: null, former_member_number: null, created_at: now, updated_at: now, activated_at: null, deleted_at: null, handle: null,
      remote_iri: 'https://autre.exemple/ap/actors/paul',
    }).execute();
    const remoteMembership = await join(t, w.a, remoteId);
    const refused = await w.manager.browser.request('PUT', `/api/v1/associations/${w.a.id}/cec/validators/${remoteMembership}`);
    expect(refused.status).toBe(422);
    expect((await problemOf(refused)).errors).toMatchObject([{ field: 'membershipId', code: 'cec_validator_not_local' }]);

    const pending = await account(t, 'attente@exemple.fr');
    const pendingMembership = await join(t, w.a, pending.id, 'Bénévole', 'pending');
    const notYet = await w.manager.browser.request('PUT', `/api/v1/associations/${w.a.id}/cec/validators/${pendingMembership}`);
    expect((await problemOf(notYet)).errors).toMatchObject([{ field: 'membershipId', code: 'cec_validator_not_active' }]);
    expect((await w.manager.browser.request('PUT', `/api/v1/associations/${w.a.id}/cec/validators/${newId()}`)).status).toBe(404);
  });
});

describe('the API reference', () => {
  it('documents the CEC, passport and personal-data routes', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/me/cec']!)).toEqual(['get']);
    expect(Object.keys(doc.paths['/associations/{id}/cec']!)).toEqual(['get']);
    expect(Object.keys(doc.paths['/associations/{id}/cec/validators/{membershipId}']!).sort()).toEqual(['delete', 'put']);
    for (const path of ['/me/data', '/me/passport', '/me/passport/pdf']) expect(doc.paths[path], path).toHaveProperty('get');
  });
});
