/**
 * The declaration lists (spec §A4): « Mes bénévolats » (own declarations, filters
 * association, status, period) and the association's list for those who manage its
 * declarations (filters member, anonymous member, project, category, level, status,
 * period); both pending first then newest (date, then creation), 20 a page.
 */
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../lib/clock.ts';
import { association } from '../memberships/testing.ts';
import { Browser, errorOn, problemOf } from '../testing/test-app.ts';
import { anonymousRow, declare, join, withCatalog, world, type DeclarationView } from './testing.ts';

interface Page {
  items: DeclarationView[];
  page: number;
  pageSize: number;
  total: number;
}

async function list(b: { request: (m: string, p: string) => Promise<Response> }, path: string): Promise<Page> {
  const res = await b.request('GET', path);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}

const titles = (p: Page) => p.items.map((d) => d.title);

describe('« Mes bénévolats »', () => {
  it('lists my own declarations, pending first, then newest by date then by creation', async () => {
    const w = await world({ moderated: true });
    const later = async (extra: Record<string, unknown>) => {
      w.t.clock.advance(MINUTE);
      return declare(w.volunteer.browser, w, extra);
    };
    const old = await later({ title: 'Ancienne', date: '2026-10-01' });
    const recentA = await later({ title: 'Récente A', date: '2026-11-25' });
    const recentB = await later({ title: 'Récente B', date: '2026-11-25' });
    await later({ title: 'En attente ancienne', date: '2026-09-01' });
    for (const d of [old, recentA, recentB]) await w.manager.browser.request('POST', `/api/v1/declarations/${d.id}/validation`, {});
    await declare(w.manager.browser, w, { title: 'Pas à moi' });

    const page = await list(w.volunteer.browser, '/api/v1/me/declarations');
    expect(titles(page)).toEqual(['En attente ancienne', 'Récente B', 'Récente A', 'Ancienne']);
    expect([page.page, page.pageSize, page.total]).toEqual([1, 20, 4]);
  });

  it('filters by association (id or handle), status and period', async () => {
    const w = await world();
    const other = await association(w.t, 'Chorale', { creatorId: w.manager.id });
    await join(w.t, other, w.volunteer.id);
    const otherCatalog = await withCatalog(w.t, other.id);
    await declare(w.volunteer.browser, w, { title: 'Voile octobre', date: '2026-10-10' });
    await declare(w.volunteer.browser, w, { title: 'Voile novembre', date: '2026-11-10' });
    const res = await w.volunteer.browser.request('POST', `/api/v1/associations/${other.id}/declarations`, {
      categoryId: otherCatalog.categories[0], title: 'Chant', date: '2026-11-11', durationMinutes: 60,
    });
    expect(res.status).toBe(201);
    const chant = (await res.json()) as DeclarationView;
    await w.manager.browser.request('POST', `/api/v1/declarations/${chant.id}/rejection`, { reason: 'Faux' });

    expect(titles(await list(w.volunteer.browser, '/api/v1/me/declarations'))).toEqual(['Chant', 'Voile novembre', 'Voile octobre']);
    expect(titles(await list(w.volunteer.browser, `/api/v1/me/declarations?associationId=${w.a.id}`))).toEqual(['Voile novembre', 'Voile octobre']);
    expect(titles(await list(w.volunteer.browser, `/api/v1/me/declarations?associationId=${other.handle}`))).toEqual(['Chant']);
    expect(titles(await list(w.volunteer.browser, '/api/v1/me/declarations?associationId=inconnue'))).toEqual([]);
    expect(titles(await list(w.volunteer.browser, '/api/v1/me/declarations?status=rejected'))).toEqual(['Chant']);
    expect((await list(w.volunteer.browser, '/api/v1/me/declarations?status=rejected')).items[0]!.rejectionReason).toBe('Faux');
    expect(titles(await list(w.volunteer.browser, '/api/v1/me/declarations?status=validated'))).toEqual(['Voile novembre', 'Voile octobre']);
    expect(titles(await list(w.volunteer.browser, '/api/v1/me/declarations?from=2026-11-01'))).toEqual(['Chant', 'Voile novembre']);
    expect(titles(await list(w.volunteer.browser, '/api/v1/me/declarations?from=2026-10-10&to=2026-11-10'))).toEqual(['Voile novembre', 'Voile octobre']);
  });

  it('pages 20 at a time', async () => {
    const w = await world();
    for (let i = 1; i <= 23; i++) await declare(w.volunteer.browser, w, { title: `Action ${i}`, date: `2026-10-${String(i).padStart(2, '0')}` });
    const first = await list(w.volunteer.browser, '/api/v1/me/declarations');
    const second = await list(w.volunteer.browser, '/api/v1/me/declarations?page=2');
    expect([first.items.length, second.items.length, first.total, second.page]).toEqual([20, 3, 23, 2]);
    expect(titles(first)[0]).toBe('Action 23');
    expect(titles(second)).toEqual(['Action 3', 'Action 2', 'Action 1']);
    expect((await list(w.volunteer.browser, '/api/v1/me/declarations?page=3')).items).toEqual([]);
  });

  it('refuses bad filters naming them', async () => {
    const w = await world();
    const bad = async (query: string, field: string, code: string) => {
      const res = await w.volunteer.browser.request('GET', `/api/v1/me/declarations?${query}`);
      expect(res.status).toBe(422);
      expect(errorOn(await problemOf(res), field).code).toBe(code);
    };
    await bad('status=perdu', 'status', 'invalid_choice');
    await bad('from=hier', 'from', 'declaration_date_invalid');
    await bad('from=2026-11-10&to=2026-11-01', 'to', 'declaration_period_order');
    await bad('page=0', 'page', 'too_small');
  });
});

describe('the association’s list', () => {
  it('shows every declaration to those who manage them, with every filter', async () => {
    const w = await world({ moderated: true });
    const anonymous = await anonymousRow(w.t, w.a.id, 'Zoé');
    const mk = (b: typeof w.manager.browser, extra: Record<string, unknown>) => declare(b, w, extra);
    const a = await mk(w.volunteer.browser, { title: 'A', categoryId: w.categories[1], date: '2026-11-01' });
    const b = await mk(w.volunteer.browser, { title: 'B', projectId: w.project, levelId: w.levels[2], date: '2026-11-02' });
    await mk(w.manager.browser, { title: 'C', author: { type: 'anonymous', id: anonymous }, date: '2026-11-03' });
    await mk(w.manager.browser, { title: 'D', author: { type: 'none' }, date: '2026-10-03' });
    await w.manager.browser.request('POST', `/api/v1/declarations/${a.id}/validation`, {});
    await w.manager.browser.request('POST', `/api/v1/declarations/${b.id}/rejection`, { reason: 'Non' });
    const base = `/api/v1/associations/${w.a.id}/declarations`;
    const m = w.manager.browser;

    const all = await list(m, base);
    expect(titles(all)).toEqual(['C', 'D', 'B', 'A']);
    expect(all.items.every((d) => d.can.validate && d.can.edit && d.can.delete)).toBe(true);
    expect(titles(await list(m, `${base}?authorAccountId=${w.volunteer.id}`))).toEqual(['B', 'A']);
    expect(titles(await list(m, `${base}?authorAnonymousId=${anonymous}`))).toEqual(['C']);
    expect(titles(await list(m, `${base}?projectId=${w.project}`))).toEqual(['B']);
    expect(titles(await list(m, `${base}?categoryId=${w.categories[1]}`))).toEqual(['A']);
    expect(titles(await list(m, `${base}?levelId=${w.levels[2]}`))).toEqual(['B']);
    expect(titles(await list(m, `${base}?status=pending`))).toEqual(['C', 'D']);
    expect(titles(await list(m, `${base}?status=validated`))).toEqual(['A']);
    expect(titles(await list(m, `${base}?from=2026-11-02&to=2026-11-03`))).toEqual(['C', 'B']);
    expect(titles(await list(m, `${base}?authorAccountId=${w.volunteer.id}&status=rejected`))).toEqual(['B']);
    expect((await list(m, `/api/v1/associations/${w.a.handle}/declarations`)).total).toBe(4);
  });

  it('is refused to members who do not manage declarations, and to visitors', async () => {
    const w = await world();
    const res = await w.volunteer.browser.request('GET', `/api/v1/associations/${w.a.id}/declarations`);
    expect(res.status).toBe(403);
    expect((await new Browser(w.t).request('GET', `/api/v1/associations/${w.a.id}/declarations`)).status).toBe(401);
    expect((await new Browser(w.t).request('GET', '/api/v1/me/declarations')).status).toBe(401);
  });
});

describe('the OpenAPI document', () => {
  it('lists the declaration and catalog paths with their methods', async () => {
    const w = await world();
    const doc = (await (await w.t.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const methods = (path: string) => Object.keys(doc.paths[path] ?? {}).sort();
    expect(methods('/associations/{id}/declarations')).toEqual(['get', 'post']);
    expect(methods('/associations/{id}/declarations/validation')).toEqual(['post']);
    expect(methods('/me/declarations')).toEqual(['get']);
    expect(methods('/declarations/{id}')).toEqual(['delete', 'get', 'patch']);
    expect(methods('/declarations/{id}/validation')).toEqual(['post']);
    expect(methods('/declarations/{id}/rejection')).toEqual(['post']);
    for (const plural of ['categories', 'levels', 'projects']) expect(methods(`/associations/{id}/${plural}`)).toEqual(['get', 'post']);
    expect(methods('/associations/{id}/categories/{categoryId}')).toEqual(['delete', 'patch']);
    expect(methods('/associations/{id}/levels/{levelId}')).toEqual(['delete', 'patch']);
    expect(methods('/associations/{id}/projects/{projectId}')).toEqual(['delete', 'patch']);
    expect(methods('/default-categories')).toEqual(['get']);
  });
});
