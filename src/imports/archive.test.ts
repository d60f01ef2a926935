import { describe, expect, it } from 'vitest';
import { parseDuration, readArchive, type Archive, type ArchiveProblem } from './archive.ts';
import { writeArchive, djangoDuration } from './archive-writer.ts';
import { ANONYMOUS_UUID, ASSOCIATION, benevalibreFile, FILE_TOKEN, UNKNOWN_DEFAULTS } from './archive.fixtures.ts';
import { t } from '../i18n/messages.ts';

const NOW = new Date('2026-11-27T10:00:00Z');

function read(file: unknown): Archive {
  const result = readArchive(file, NOW);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.archive;
}
function problemsOf(file: unknown): ArchiveProblem[] {
  const result = readArchive(file, NOW);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('durations', () => {
  it('reads Django and ISO 8601 writings into whole minutes', () => {
    expect(parseDuration('02:30:00')).toBe(150);
    expect(parseDuration('1 02:00:00')).toBe(26 * 60);
    expect(parseDuration('00:45:00.000000')).toBe(45);
    expect(parseDuration('00:00:31')).toBe(1);
    expect(parseDuration('PT1H45M')).toBe(105);
    expect(parseDuration('P1DT2H')).toBe(26 * 60);
    expect(parseDuration('PT90S')).toBe(2);
    for (const bad of ['', 'P', 'PT', '2h30', '00:61:00', 12, null]) expect(parseDuration(bad)).toBeNull();
  });
  it('writes Django durations', () => {
    expect(djangoDuration(26 * 60)).toBe('1 02:00:00');
    expect(djangoDuration(45)).toBe('00:45:00');
  });
});

describe('reading a Bénévalibre file', () => {
  it('normalises the realistic fixture, every variant', () => {
    const a = read(benevalibreFile());
    expect(a.metadata.token).toBe(FILE_TOKEN);
    expect(a.association).toMatchObject({ name: ASSOCIATION, postalCode: '69003', moderateMembership: true, moderateDeclarations: false });
    expect(a.users.map((u) => u.email)).toContain('lea@exemple.fr');
    expect(a.categories.map((c) => c.defaultCategory)).toEqual([...UNKNOWN_DEFAULTS, 'Autre', null]);
    expect(a.levels).toHaveLength(2);
    expect(a.projects).toHaveLength(2);
    const president = a.roles.find((r) => r.name === 'Présidence')!;
    expect(Object.values(president.permissions).every(Boolean)).toBe(true);
    expect(a.roles.find((r) => r.name === 'Trésorerie')!.permissions).toMatchObject({ list_members: true, manage_declarations: true, manage_roles: false });
    expect(a.roles.find((r) => r.isDefault)!.name).toBe('Bénévole');
    expect(a.memberships.filter((m) => !m.isActive).map((m) => m.email)).toEqual(['zoe@exemple.fr']);
    expect(a.anonymousMembers.map((n) => n.name)).toEqual(['Enfant Tom', 'Classe de CM2']);
    expect(a.actions).toHaveLength(1000);
    const byPk = (pk: number) => a.actions.find((x) => x.pk === String(pk))!;
    expect(byPk(1)).toMatchObject({ date: '2024-01-01', endDate: null, durationMinutes: 150, distanceHundredths: 0, author: { type: 'account', email: 'marie@exemple.fr' }, category: 'Potager', project: null, level: null, isActive: true, description: '' });
    expect(byPk(2)).toMatchObject({ endDate: '2024-01-04', durationMinutes: 1560, level: 'Débutant', project: 'Rénovation de la serre' });
    expect(byPk(3)).toMatchObject({ durationMinutes: 0, distanceHundredths: 1250, level: 'Confirmé', project: 'Fête des semis' });
    expect(byPk(4)).toMatchObject({ durationMinutes: 105, distanceHundredths: 725, isActive: false });
    expect(byPk(5)).toMatchObject({ durationMinutes: 45, distanceHundredths: 300 });
    expect(byPk(6)).toMatchObject({ author: { type: 'anonymous', name: 'Classe de CM2' }, project: null });
    expect(byPk(7)).toMatchObject({ author: { type: 'none' }, durationMinutes: 180 });
  });

  it('reads what Bénévalibre writes and the names guessed first alike', () => {
    const a = read(benevalibreFile({ actions: 16 }));
    expect(a.association).toMatchObject({ website: 'https://jardin.exemple.fr', moderateDeclarations: false, isHidden: false, country: 'FR', hasEmployees: 'no', incomeEuros: 4200, activityField: null });
    expect(a.anonymousMembers[1]).toMatchObject({ name: 'Classe de CM2', uuid: ANONYMOUS_UUID, expiresOn: '2027-06-30' });
    expect(a.actions.find((x) => x.pk === '14')!.author).toEqual({ type: 'anonymous', name: 'Enfant Tom', uuid: null });
    const guessed = benevalibreFile({ actions: 3 });
    for (const o of guessed.objects) {
      const f = o.fields as Record<string, unknown>;
      if (o.model === 'associations.association') Object.assign(f, { website: f.website_url, website_url: undefined, moderate_benevalos: true });
      if (o.model === 'associations.associationrole') for (const k of Object.keys(f)) if (k.startsWith('manage_') || k === 'list_members') f[`can_${k.replace('benevalo_', '')}`] = f[k], delete f[k];
    }
    const g = read(guessed);
    expect(g.association).toMatchObject({ website: 'https://jardin.exemple.fr', moderateDeclarations: true });
    expect(g.roles.map((r) => r.permissions)).toEqual(a.roles.map((r) => r.permissions));
    expect(Object.values(g.roles[0]!.permissions).every(Boolean)).toBe(true);
  });

  it('gives the same archive back through the writer (round trip)', () => {
    const a = read(benevalibreFile({ actions: 200 }));
    expect(read(JSON.parse(JSON.stringify(writeArchive(a))))).toEqual(a);
  });
});

describe('malformed files are refused with a clear report', () => {
  it('wrong keys', () => {
    const file = { ...benevalibreFile({ actions: 3 }), extra: 1 };
    const [p] = problemsOf(file);
    expect(p).toMatchObject({ model: 'file', code: 'import_file_invalid' });
    expect(t(p!.code, 'fr', p!.params)).toContain('extra');
    expect(problemsOf({ metadata: benevalibreFile().metadata })[0]!.params!.detail).toContain('objects');
  });

  it('a date in the future (metadata and action)', () => {
    const file = benevalibreFile({ actions: 3, date: '2027-01-01T00:00:00Z' });
    file.objects.push({ model: 'benevalibre.benevalo', pk: 99, fields: { ...fieldsOf(file, 1), date: '2026-12-01' } });
    expect(problemsOf(file)).toEqual([
      { model: 'metadata', key: '', field: 'date', code: 'import_date_future' },
      { model: 'benevalibre.benevalo', key: '99', field: 'date', code: 'import_date_future' },
    ]);
  });

  it('an object of another association', () => {
    const file = benevalibreFile({ actions: 3 });
    file.objects.push({ model: 'benevalibre.benevalo', pk: 50, fields: { ...fieldsOf(file, 1), association: ['Autre asso'] } });
    file.objects.push({ model: 'associations.associationbenevalolevel', fields: { name: 'Expert', association: 'Autre asso' } });
    expect(problemsOf(file)).toEqual([
      { model: 'associations.associationbenevalolevel', key: 'Expert', field: 'association', code: 'import_other_association', params: { name: 'Autre asso' } },
      { model: 'benevalibre.benevalo', key: '50', field: 'association', code: 'import_other_association', params: { name: 'Autre asso' } },
    ]);
  });

  it('broken references, bad fields and duplicates', () => {
    const file = benevalibreFile({ actions: 3 });
    const base = fieldsOf(file, 1);
    file.objects.push(
      { model: 'benevalibre.benevalo', pk: 60, fields: { ...base, category: ['Inconnue', ASSOCIATION] } },
      { model: 'benevalibre.benevalo', pk: 61, fields: { ...base, user: ['fantome@exemple.fr'] } },
      { model: 'benevalibre.benevalo', pk: 62, fields: { ...base, duration: '2h', distance: '1.234' } },
      { model: 'benevalibre.benevalo', pk: 1, fields: base },
      { model: 'associations.associationmembership', fields: { user: 'paul@exemple.fr', role: ['Chef', ASSOCIATION], association: [ASSOCIATION] } },
    );
    const problems = problemsOf(file);
    expect(problems.map((p) => `${p.model} ${p.key} ${p.field} ${p.code}`)).toEqual([
      'associations.associationmembership paul@exemple.fr role import_reference_broken',
      'benevalibre.benevalo 60 category import_reference_broken',
      'benevalibre.benevalo 61 user import_reference_broken',
      'benevalibre.benevalo 62 duration import_duration_invalid',
      'benevalibre.benevalo 62 distance declaration_distance_invalid',
      'benevalibre.benevalo 1 pk import_duplicate',
    ]);
    for (const p of problems) expect(t(p.code, 'en', p.params)).not.toMatch(/\{\w+\}/);
  });
});

function fieldsOf(file: ReturnType<typeof benevalibreFile>, pk: number): Record<string, unknown> {
  const found = file.objects.find((o) => o.model === 'benevalibre.benevalo' && o.pk === pk);
  return { ...(found?.fields as Record<string, unknown>) };
}
