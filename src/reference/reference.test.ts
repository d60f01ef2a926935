/** Reference data of §A10: activity fields grouped (8 groups, 55 fields, fixed codes) and reference categories. */
import { describe, expect, it } from 'vitest';
import { Browser, createTestApp } from '../testing/test-app.ts';

interface Groups {
  groups: { code: string; name: string; fields: { code: string; name: string }[] }[];
}

describe('reference data', () => {
  it('lists the 8 groups and 55 activity fields in order with their fixed codes', async () => {
    const t = await createTestApp();
    const res = await new Browser(t, 'fr').request('GET', '/api/v1/activity-fields');
    expect(res.status).toBe(200);
    const { groups } = (await res.json()) as Groups;
    expect(groups.map((g) => g.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(groups.flatMap((g) => g.fields)).toHaveLength(55);
    expect(groups.map((g) => g.fields.length)).toEqual([8, 4, 8, 13, 5, 5, 11, 1]);
    for (const g of groups) expect(g.fields.map((f) => f.code)).toEqual(g.fields.map((_, i) => `${g.code}.${i + 1}`));
    expect(groups[1]!.fields[0]).toEqual({ code: '2.1', name: 'Club de sport, enseignement des disciplines sportives, ligue ou fédération sportives' });
    expect(groups[3]!.fields[10]).toEqual({ code: '4.11', name: 'Aide aux migrants' });
    expect(groups[2]!.name).toBe('Loisirs et vie sociale');
  });

  it('names the groups in English for English readers; field names stay French', async () => {
    const t = await createTestApp();
    const res = await new Browser(t, 'en').request('GET', '/api/v1/activity-fields');
    const { groups } = (await res.json()) as Groups;
    expect(groups[2]!.name).toBe('Leisure and social life');
    expect(groups[4]!.name).toBe('Health');
    expect(groups[3]!.fields[10]!.name).toBe('Aide aux migrants');
  });

  it('lists the ten reference categories in order, in the reader’s language', async () => {
    const t = await createTestApp();
    const fr = (await (await new Browser(t, 'fr').request('GET', '/api/v1/reference-categories')).json()) as { items: { code: string; name: string }[] };
    expect(fr.items.map((c) => c.code)).toEqual([
      'gouvernance', 'administration', 'animation', 'evenements', 'accompagnement', 'communication', 'formation', 'logistique', 'representation', 'autre',
    ]);
    expect(fr.items[0]!.name).toBe('Gouvernance (conseil d\'administration, bureau, assemblées)');
    const en = (await (await new Browser(t, 'en').request('GET', '/api/v1/reference-categories')).json()) as { items: { code: string; name: string }[] };
    expect(en.items[9]).toEqual({ code: 'autre', name: 'Other' });
    expect(en.items[5]).toEqual({ code: 'communication', name: 'Communication and promotion' });
  });

  it('is part of the OpenAPI document', async () => {
    const t = await createTestApp();
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/activity-fields', '/reference-categories']));
  });
});
