/**
 * The « passeport bénévole » as a PDF (B's kit, src/pdf/): who, the totals, the hours per
 * association (with the site and the function), per year, and every validated action.
 * In the reader's language: French by default, like the documents volunteers hand to a
 * school, an employer or a jury; English for those who read it (names stay as written).
 */
import { formatsFor, type DocumentLanguage } from '../lib/format-en.ts';
import { FUNCTION_LABELS_FR } from '../cec/cec.summary.ts';
import { PdfDoc } from '../pdf/pdf-kit.ts';
import type { PassportView } from './passport.service.ts';

const STATUS_FR: Record<string, string> = { pending: 'en attente', unsent: 'en attente d’envoi', rejected: 'refusée', validated: 'validée' };

const FR = {
  title: (name: string) => `Passeport bénévole — ${name}`,
  subject: 'Actions de bénévolat validées, toutes associations',
  footer: (name: string, host: string) => `Passeport bénévole de ${name} — ${host}`,
  heading: 'Passeport bénévole',
  volunteer: 'Bénévole', address: 'Adresse Bénévalibre', made: 'Établi le', hours: 'Heures validées', actions: 'Actions validées', associations: 'Associations', period: 'Période',
  span: (from: string, to: string) => `du ${from} au ${to}`,
  note: 'Les heures sont celles que chaque association a validées. Pour une association d’un autre site Bénévalibre, la validation signée par l’association est conservée et peut être vérifiée.',
  byAssociation: 'Par association', noAssociation: 'Aucune association pour le moment.',
  col: { association: 'Association', site: 'Site', function: 'Fonction', actions: 'Actions', hours: 'Heures', year: 'Année', date: 'Date', action: 'Action', category: 'Catégorie', status: 'État' },
  thisSite: 'ce site', total: 'Total', byYear: 'Par année', list: 'Actions', noAction: 'Aucune action de bénévolat pour le moment.',
  functions: FUNCTION_LABELS_FR,
  status: STATUS_FR,
};

const EN: typeof FR = {
  title: (name) => `Volunteer record — ${name}`,
  subject: 'Approved volunteering records, all associations',
  footer: (name, host) => `Volunteer record of ${name} — ${host}`,
  heading: 'Volunteer record',
  volunteer: 'Volunteer', address: 'Bénévalibre address', made: 'Made on', hours: 'Approved hours', actions: 'Approved records', associations: 'Associations', period: 'Period',
  span: (from, to) => `from ${from} to ${to}`,
  note: 'The hours are those each association approved. For an association of another Bénévalibre site, the approval signed by the association is kept and can be checked.',
  byAssociation: 'Per association', noAssociation: 'No association yet.',
  col: { association: 'Association', site: 'Site', function: 'Function', actions: 'Records', hours: 'Hours', year: 'Year', date: 'Date', action: 'Record', category: 'Category', status: 'Status' },
  thisSite: 'this site', total: 'Total', byYear: 'Per year', list: 'Records', noAction: 'No volunteering records yet.',
  functions: {
    governance: 'member of the governing body (board of directors, executive committee)',
    supervision: 'supervises other volunteers',
    none: 'no leading or supervising function',
  },
  status: { pending: 'awaiting approval', unsent: 'waiting to be sent', rejected: 'rejected', validated: 'approved' },
};

export async function passportPdf(view: PassportView, createdAt: Date, lang: DocumentLanguage = 'fr'): Promise<Uint8Array> {
  const { volunteer, totals } = view;
  const w = lang === 'en' ? EN : FR;
  const f = formatsFor(lang);
  const host = new URL(view.site).host;
  const doc = await PdfDoc.create({
    title: w.title(volunteer.displayName),
    subject: w.subject,
    author: host,
    lang: f.tag,
    footer: w.footer(volunteer.displayName, host),
    createdAt,
  });
  doc.heading(w.heading);
  doc.keyValues([
    [w.volunteer, volunteer.displayName],
    [w.address, volunteer.address],
    [w.made, f.date(view.generatedAt.slice(0, 10))],
    [w.hours, f.minutes(totals.validatedMinutes)],
    [w.actions, String(totals.validatedActions)],
    [w.associations, String(totals.associations)],
    ...(totals.firstDate && totals.lastDate ? [[w.period, w.span(f.date(totals.firstDate), f.date(totals.lastDate))] as const] : []),
  ]);
  doc.paragraph(w.note, { color: 'muted', size: 9 });

  doc.heading(w.byAssociation, 2);
  if (view.associations.length === 0) doc.paragraph(w.noAssociation);
  else {
    doc.table({
      columns: [{ header: w.col.association, width: 3 }, { header: w.col.site, width: 2 }, { header: w.col.function, width: 3 }, { header: w.col.actions, align: 'right' }, { header: w.col.hours, width: 1.3, align: 'right' }],
      rows: view.associations.map((a) => [a.name, a.site ?? w.thisSite, w.functions[a.function], String(a.validatedActions), f.minutes(a.validatedMinutes)]),
      totalRow: [w.total, '', '', String(totals.validatedActions), f.minutes(totals.validatedMinutes)],
    });
  }

  if (view.years.length > 0) {
    doc.heading(w.byYear, 2);
    doc.table({
      columns: [{ header: w.col.year }, { header: w.col.actions, align: 'right' }, { header: w.col.hours, align: 'right' }],
      rows: view.years.map((y) => [String(y.year), String(y.actions), f.minutes(y.minutes)]),
    });
  }

  doc.heading(w.list, 2);
  if (view.actions.length === 0) doc.paragraph(w.noAction);
  else {
    const names = new Map(view.associations.map((a) => [a.id, a.name]));
    doc.table({
      columns: [{ header: w.col.date, width: 1.6 }, { header: w.col.association, width: 2.4 }, { header: w.col.action, width: 3 }, { header: w.col.category, width: 2 }, { header: w.col.status, width: 1.4 }, { header: w.col.hours, width: 1.3, align: 'right' }],
      rows: view.actions.map((a) => [
        f.date(a.date), names.get(a.associationId) ?? '', a.title, a.category, w.status[a.status] ?? a.status,
        a.validatedMinutes === null ? '' : f.minutes(a.validatedMinutes),
      ]),
    });
  }
  return doc.save();
}
