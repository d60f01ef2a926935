/**
 * The yearly summary as files (spec §B2): a CSV an accountant imports (`;` separated,
 * UTF-8 with BOM, decimal comma, one shape of row throughout) and a PDF (B's kit, DejaVu
 * Sans embedded so « 1 234,56 € » prints). In French: they go into French accounts.
 */
import { csvDocument, formatCents, formatDateFr, formatMinutes, formatDecimalHours } from '../lib/format-fr.ts';
import { PdfDoc } from '../pdf/pdf-kit.ts';
import { formatDistance } from '../declarations/declaration.rules.ts';
import { decimalComma } from './valuation.rules.ts';
import type { Summary, RateStatement } from './valuation.summary.ts';
import type { Territory } from './valuation.table.ts';

export type SummaryWithAssociation = Summary & { association: { name: string; handle: string; rnaNumber: string | null; siren: string | null; territory: Territory } };

export const ROUNDING_RULE_FR =
  'Chaque action validée vaut sa durée validée × le taux horaire ÷ 60, arrondie une seule fois au centime le plus proche (un demi-centime arrondi au-dessus), au moment de sa validation ; les totaux sont des sommes de ces valeurs : aucun centime n’est perdu ni créé.';

const TERRITORY_FR: Record<Territory, string> = { metropole: 'métropole et la plupart des départements d’outre-mer', mayotte: 'Mayotte' };

export const REASON_FR: Record<string, string> = {
  no_rate: 'aucun taux en vigueur à la date de l’action',
  no_smic: 'aucune valeur du SMIC connue pour ce territoire à cette date',
  no_level: 'action sans niveau, alors que le taux dépend du niveau',
  level_without_rate: 'niveau sans taux horaire',
  category_without_rate: 'catégorie sans taux horaire',
  not_yet_valued: 'validée avant la mise en place de la valorisation, ou importée : pas encore valorisée',
};

/** « SMIC horaire brut », « SMIC avec charges patronales (× 1,45) »… */
export function methodText(r: Pick<RateStatement, 'method' | 'coefficient' | 'rateCents' | 'items'>): string {
  switch (r.method) {
    case 'smic': return 'SMIC horaire brut';
    case 'smic_charged': return `SMIC horaire brut avec charges patronales (× ${r.coefficient ?? '1'})`;
    case 'per_level': return `Taux horaire par niveau (${r.items.map((i) => `${i.name ?? '?'} : ${formatCents(i.rateCents)}`).join(', ')})`;
    case 'per_category': return `Taux horaire par catégorie (${r.items.map((i) => `${i.name ?? '?'} : ${formatCents(i.rateCents)}`).join(', ')})`;
    case 'custom': return `Taux horaire choisi par l’association : ${r.rateCents === null ? '?' : formatCents(r.rateCents)}`;
  }
}

const spanText = (r: RateStatement) => (r.effectiveTo ? `du ${formatDateFr(r.effectiveFrom)} au ${formatDateFr(r.effectiveTo)}` : `depuis le ${formatDateFr(r.effectiveFrom)}`);

export const summaryFilename = (s: SummaryWithAssociation, ext: 'csv' | 'pdf') => `valorisation-${s.association.handle}-${s.period.from}-${s.period.to}.${ext}`;

export function summaryCsv(s: SummaryWithAssociation): string {
  const rows: (string | number)[][] = [['Rubrique', 'Libellé', 'Actions', 'Durée (minutes)', 'Durée (heures)', 'Valeur (euros)']];
  const line = (kind: string, label: string, count: number | string, minutes: number | string, cents: number | string) =>
    rows.push([kind, label, count, minutes, typeof minutes === 'number' ? formatDecimalHours(minutes) : '', typeof cents === 'number' ? decimalComma(cents) : cents]);
  line('Association', s.association.name, '', '', '');
  if (s.association.rnaNumber) line('RNA', s.association.rnaNumber, '', '', '');
  if (s.association.siren) line('SIREN', s.association.siren, '', '', '');
  line('Période', `${s.period.from} au ${s.period.to}`, '', '', '');
  for (const r of s.rates) line('Méthode', `${methodText(r)}, ${spanText(r)}`, '', '', '');
  for (const c of s.byCategory) line('Catégorie', c.name ?? '', c.count, c.minutes, c.cents);
  for (const p of s.byProject) line('Projet', p.name ?? 'Sans projet', p.count, p.minutes, p.cents);
  for (const n of s.notValued) line('Non valorisée', REASON_FR[n.reason] ?? n.reason, n.count, n.minutes, '');
  line('Total validé', '', s.totals.count, s.totals.minutes, s.totals.cents);
  line('Total valorisé', '', '', s.totals.valuedMinutes, s.totals.cents);
  rows.push(['Distance (km, non valorisée)', '', '', '', '', formatDistance(s.totals.distanceHundredths).replace('.', ',')]);
  line('Écriture débit', `${s.entry.debit.account} ${s.entry.debit.label}`, '', '', s.entry.debit.cents);
  line('Écriture crédit', `${s.entry.credit.account} ${s.entry.credit.label}`, '', '', s.entry.credit.cents);
  line('Arrondi', ROUNDING_RULE_FR, '', '', '');
  return csvDocument(rows);
}

export async function summaryPdf(s: SummaryWithAssociation, createdAt: Date): Promise<Uint8Array> {
  const doc = await PdfDoc.create({
    title: `Valorisation du bénévolat — ${s.association.name}`, subject: `Du ${formatDateFr(s.period.from)} au ${formatDateFr(s.period.to)}`,
    author: s.association.name, lang: 'fr-FR', footer: `Bénévalibre — ${s.association.name}`, createdAt,
  });
  doc.heading(`Valorisation du bénévolat`);
  doc.heading(s.association.name, 2);
  const ids: [string, string][] = [['Période', `du ${formatDateFr(s.period.from)} au ${formatDateFr(s.period.to)}`], ['Territoire du SMIC', TERRITORY_FR[s.association.territory]]];
  if (s.association.rnaNumber) ids.push(['Numéro RNA', s.association.rnaNumber]);
  if (s.association.siren) ids.push(['SIREN', s.association.siren]);
  doc.keyValues(ids);
  doc.heading('Méthode', 2);
  if (s.rates.length === 0) doc.paragraph('Aucun taux n’était en vigueur sur la période : rien n’est valorisé.');
  for (const r of s.rates) doc.paragraph(`${methodText(r)}, ${spanText(r)}.`);
  doc.paragraph(ROUNDING_RULE_FR, { color: 'muted', size: 9 });
  const columns = [{ header: 'Libellé', width: 3 }, { header: 'Actions', align: 'right' as const }, { header: 'Durée', width: 1.3, align: 'right' as const }, { header: 'Valeur', width: 1.5, align: 'right' as const }];
  const total = ['Total', String(s.totals.count), formatMinutes(s.totals.minutes), formatCents(s.totals.cents)];
  doc.heading('Par catégorie', 2);
  doc.table({ columns, rows: s.byCategory.map((c) => [c.name ?? '', String(c.count), formatMinutes(c.minutes), formatCents(c.cents)]), totalRow: total });
  doc.heading('Par projet', 2);
  doc.table({ columns, rows: s.byProject.map((p) => [p.name ?? 'Sans projet', String(p.count), formatMinutes(p.minutes), formatCents(p.cents)]), totalRow: total });
  if (s.notValued.length) {
    doc.heading('Actions validées non valorisées', 2);
    doc.table({ columns: [{ header: 'Raison', width: 4 }, { header: 'Actions', align: 'right' }, { header: 'Durée', width: 1.3, align: 'right' }], rows: s.notValued.map((n) => [REASON_FR[n.reason] ?? n.reason, String(n.count), formatMinutes(n.minutes)]) });
  }
  doc.heading('Écriture au pied du compte de résultat', 2);
  doc.table({
    columns: [{ header: 'Compte', width: 3 }, { header: 'Débit', width: 1.5, align: 'right' }, { header: 'Crédit', width: 1.5, align: 'right' }],
    rows: [[`${s.entry.debit.account} ${s.entry.debit.label}`, formatCents(s.entry.debit.cents), ''], [`${s.entry.credit.account} ${s.entry.credit.label}`, '', formatCents(s.entry.credit.cents)]],
  });
  doc.paragraph('Contributions volontaires en nature (règlement ANC 2018-06) : l’écriture est équilibrée et n’affecte pas le résultat.', { color: 'muted', size: 9 });
  doc.heading('Distance parcourue', 2);
  doc.paragraph(`${formatDistance(s.totals.distanceHundredths).replace('.', ',')} km, non valorisés : les frais de déplacement auxquels un bénévole renonce sont un don (avec reçu), pas une contribution en nature.`);
  return doc.save();
}
