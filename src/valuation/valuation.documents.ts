/**
 * The yearly summary as files (spec §B2): a CSV an accountant imports (`;` separated,
 * UTF-8 with BOM, one shape of row throughout; decimal comma in French, point in English)
 * and a PDF (B's kit, DejaVu Sans embedded so « 1 234,56 € » prints). In the reader's
 * language (French by default); the words are in valuation.words.ts.
 */
import { csvDocument } from '../lib/format-fr.ts';
import { formatsFor, type DocumentLanguage } from '../lib/format-en.ts';
import { PdfDoc } from '../pdf/pdf-kit.ts';
import { formatDistance } from '../declarations/declaration.rules.ts';
import { neutralise } from '../exports/export-format.ts';
import type { Summary, RateStatement } from './valuation.summary.ts';
import type { Territory } from './valuation.table.ts';
import { summaryWords } from './valuation.words.ts';

export { REASON_FR, ROUNDING_RULE_FR } from './valuation.words.ts';

export type SummaryWithAssociation = Summary & { association: { name: string; handle: string; rnaNumber: string | null; siren: string | null; territory: Territory } };

/** « SMIC horaire brut », « SMIC avec charges patronales (× 1,45) »… (English: « × 1.45 »). */
export function methodText(r: Pick<RateStatement, 'method' | 'coefficient' | 'rateCents' | 'items'>, lang: DocumentLanguage = 'fr'): string {
  const w = summaryWords(lang).method;
  const money = formatsFor(lang).cents;
  const items = () => r.items.map((i) => w.pair(i.name ?? '?', money(i.rateCents))).join(', ');
  switch (r.method) {
    case 'smic': return w.smic;
    case 'smic_charged': return w.smicCharged(lang === 'en' ? (r.coefficient ?? '1').replace(',', '.') : (r.coefficient ?? '1'));
    case 'per_level': return `${w.perLevel} (${items()})`;
    case 'per_category': return `${w.perCategory} (${items()})`;
    case 'custom': return w.custom(r.rateCents === null ? '?' : money(r.rateCents));
  }
}

const spanText = (r: RateStatement, lang: DocumentLanguage) => summaryWords(lang).span(formatsFor(lang).date(r.effectiveFrom), r.effectiveTo ? formatsFor(lang).date(r.effectiveTo) : null);

const account = (e: { account: '864' | '875' }, lang: DocumentLanguage) => `${e.account} ${summaryWords(lang).account[e.account]}`;

export const summaryFilename = (s: SummaryWithAssociation, ext: 'csv' | 'pdf', lang: DocumentLanguage = 'fr') =>
  `${summaryWords(lang).filename}-${s.association.handle}-${s.period.from}-${s.period.to}.${ext}`;

export function summaryCsv(s: SummaryWithAssociation, lang: DocumentLanguage = 'fr'): string {
  const w = summaryWords(lang);
  const f = formatsFor(lang);
  const k = w.csv;
  const rows: (string | number)[][] = [[...k.headers]];
  const line = (kind: string, label: string, count: number | string, minutes: number | string, cents: number | string) =>
    rows.push([kind, label, count, minutes, typeof minutes === 'number' ? f.decimalHours(minutes) : '', typeof cents === 'number' ? f.decimalEuros(cents) : cents]);
  // Names are typed by people: one starting with = + - @ would run as a formula (OWASP « CSV injection »).
  line(k.association, neutralise(s.association.name), '', '', '');
  if (s.association.rnaNumber) line(k.rna, s.association.rnaNumber, '', '', '');
  if (s.association.siren) line(k.siren, s.association.siren, '', '', '');
  line(k.period, w.csvPeriod(s.period.from, s.period.to), '', '', '');
  for (const r of s.rates) line(k.method, `${methodText(r, lang)}, ${spanText(r, lang)}`, '', '', '');
  for (const c of s.byCategory) line(k.category, neutralise(c.name ?? ''), c.count, c.minutes, c.cents);
  for (const p of s.byProject) line(k.project, neutralise(p.name ?? w.pdf.noProject), p.count, p.minutes, p.cents);
  // The month's ISO form (« 2026-03 ») sorts and imports; the words are in the PDF.
  for (const m of s.byMonth) line(k.month, m.month, m.count, m.minutes, m.cents);
  for (const n of s.notValued) line(k.notValued, w.reasons[n.reason] ?? n.reason, n.count, n.minutes, '');
  line(k.totalValidated, '', s.totals.count, s.totals.minutes, s.totals.cents);
  line(k.totalValued, '', '', s.totals.valuedMinutes, s.totals.cents);
  const km = formatDistance(s.totals.distanceHundredths);
  rows.push([k.distance, '', '', '', '', lang === 'en' ? km : km.replace('.', ',')]);
  line(k.debit, account(s.entry.debit, lang), '', '', s.entry.debit.cents);
  line(k.credit, account(s.entry.credit, lang), '', '', s.entry.credit.cents);
  line(k.rounding, w.rounding, '', '', '');
  return csvDocument(rows);
}

export async function summaryPdf(s: SummaryWithAssociation, createdAt: Date, lang: DocumentLanguage = 'fr'): Promise<Uint8Array> {
  const w = summaryWords(lang);
  const p = w.pdf;
  const f = formatsFor(lang);
  const doc = await PdfDoc.create({
    title: p.title(s.association.name), subject: p.subject(f.date(s.period.from), f.date(s.period.to)),
    author: s.association.name, lang: f.tag, footer: `Bénévalibre — ${s.association.name}`, createdAt,
  });
  doc.heading(p.heading);
  doc.heading(s.association.name, 2);
  const ids: [string, string][] = [[p.period, w.period(f.date(s.period.from), f.date(s.period.to))], [p.territory, w.territory[s.association.territory]]];
  if (s.association.rnaNumber) ids.push([p.rna, s.association.rnaNumber]);
  if (s.association.siren) ids.push([p.siren, s.association.siren]);
  doc.keyValues(ids);
  doc.heading(p.method, 2);
  if (s.rates.length === 0) doc.paragraph(p.noRate);
  for (const r of s.rates) doc.paragraph(`${methodText(r, lang)}, ${spanText(r, lang)}.`);
  doc.paragraph(w.rounding, { color: 'muted', size: 9 });
  const columns = (first: string) => [{ header: first, width: 3 }, { header: p.actions, align: 'right' as const }, { header: p.time, width: 1.3, align: 'right' as const }, { header: p.value, width: 1.5, align: 'right' as const }];
  const total = [p.total, String(s.totals.count), f.minutes(s.totals.minutes), f.cents(s.totals.cents)];
  doc.heading(p.byCategory, 2);
  doc.table({ columns: columns(p.label), rows: s.byCategory.map((c) => [c.name ?? '', String(c.count), f.minutes(c.minutes), f.cents(c.cents)]), totalRow: total });
  doc.heading(p.byProject, 2);
  doc.table({ columns: columns(p.label), rows: s.byProject.map((x) => [x.name ?? p.noProject, String(x.count), f.minutes(x.minutes), f.cents(x.cents)]), totalRow: total });
  doc.heading(p.byMonth, 2);
  doc.table({ columns: columns(p.month), rows: s.byMonth.map((m) => [f.month(m.month), String(m.count), f.minutes(m.minutes), f.cents(m.cents)]), totalRow: total });
  if (s.notValued.length) {
    doc.heading(p.notValued, 2);
    doc.table({ columns: [{ header: p.reason, width: 4 }, { header: p.actions, align: 'right' }, { header: p.time, width: 1.3, align: 'right' }], rows: s.notValued.map((n) => [w.reasons[n.reason] ?? n.reason, String(n.count), f.minutes(n.minutes)]) });
  }
  doc.heading(p.entry, 2);
  doc.table({
    columns: [{ header: p.account, width: 3 }, { header: p.debit, width: 1.5, align: 'right' }, { header: p.credit, width: 1.5, align: 'right' }],
    rows: [[account(s.entry.debit, lang), f.cents(s.entry.debit.cents), ''], [account(s.entry.credit, lang), '', f.cents(s.entry.credit.cents)]],
  });
  doc.paragraph(p.entryHint, { color: 'muted', size: 9 });
  doc.heading(p.distance, 2);
  const km = formatDistance(s.totals.distanceHundredths);
  doc.paragraph(p.distanceText(lang === 'en' ? km : km.replace('.', ',')));
  return doc.save();
}
