/**
 * The « passeport bénévole » as a PDF (B's kit, src/pdf/): who, the totals, the hours per
 * association (with the site and the function), per year, and every validated action.
 * In French, like the documents volunteers hand to a school, an employer or a jury.
 */
import { formatDateFr, formatMinutes } from '../lib/format-fr.ts';
import { FUNCTION_LABELS_FR } from '../cec/cec.summary.ts';
import { PdfDoc } from '../pdf/pdf-kit.ts';
import type { PassportView } from './passport.service.ts';

const STATUS_FR: Record<string, string> = { pending: 'en attente', unsent: 'en attente d’envoi', rejected: 'refusée', validated: 'validée' };

export async function passportPdf(view: PassportView, createdAt: Date): Promise<Uint8Array> {
  const { volunteer, totals } = view;
  const doc = await PdfDoc.create({
    title: `Passeport bénévole — ${volunteer.displayName}`,
    subject: 'Actions de bénévolat validées, toutes associations',
    author: new URL(view.site).host,
    lang: 'fr-FR',
    footer: `Passeport bénévole de ${volunteer.displayName} — ${new URL(view.site).host}`,
    createdAt,
  });
  doc.heading('Passeport bénévole');
  doc.keyValues([
    ['Bénévole', volunteer.displayName],
    ['Adresse Bénévalibre', volunteer.address],
    ['Établi le', formatDateFr(view.generatedAt.slice(0, 10))],
    ['Heures validées', formatMinutes(totals.validatedMinutes)],
    ['Actions validées', String(totals.validatedActions)],
    ['Associations', String(totals.associations)],
    ...(totals.firstDate && totals.lastDate ? [['Période', `du ${formatDateFr(totals.firstDate)} au ${formatDateFr(totals.lastDate)}`] as const] : []),
  ]);
  doc.paragraph(
    'Les heures sont celles que chaque association a validées. Pour une association d’un autre site Bénévalibre, la validation signée par l’association est conservée et peut être vérifiée.',
    { color: 'muted', size: 9 },
  );

  doc.heading('Par association', 2);
  if (view.associations.length === 0) doc.paragraph('Aucune association pour le moment.');
  else {
    doc.table({
      columns: [{ header: 'Association', width: 3 }, { header: 'Site', width: 2 }, { header: 'Fonction', width: 3 }, { header: 'Actions', align: 'right' }, { header: 'Heures', width: 1.3, align: 'right' }],
      rows: view.associations.map((a) => [a.name, a.site ?? 'ce site', FUNCTION_LABELS_FR[a.function], String(a.validatedActions), formatMinutes(a.validatedMinutes)]),
      totalRow: ['Total', '', '', String(totals.validatedActions), formatMinutes(totals.validatedMinutes)],
    });
  }

  if (view.years.length > 0) {
    doc.heading('Par année', 2);
    doc.table({
      columns: [{ header: 'Année' }, { header: 'Actions', align: 'right' }, { header: 'Heures', align: 'right' }],
      rows: view.years.map((y) => [String(y.year), String(y.actions), formatMinutes(y.minutes)]),
    });
  }

  doc.heading('Actions', 2);
  if (view.actions.length === 0) doc.paragraph('Aucune action de bénévolat pour le moment.');
  else {
    const names = new Map(view.associations.map((a) => [a.id, a.name]));
    doc.table({
      columns: [{ header: 'Date', width: 1.6 }, { header: 'Association', width: 2.4 }, { header: 'Action', width: 3 }, { header: 'Catégorie', width: 2 }, { header: 'État', width: 1.4 }, { header: 'Heures', width: 1.3, align: 'right' }],
      rows: view.actions.map((a) => [
        formatDateFr(a.date), names.get(a.associationId) ?? '', a.title, a.category, STATUS_FR[a.status] ?? a.status,
        a.validatedMinutes === null ? '' : formatMinutes(a.validatedMinutes),
      ]),
    });
  }
  return doc.save();
}
