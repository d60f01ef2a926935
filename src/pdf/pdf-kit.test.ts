import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { formatCents, formatMinutes } from '../lib/format-fr.ts';
import { pdfText, renderPage } from '../testing/pdf-render.ts';
import { PdfDoc, readPdfInfo } from './pdf-kit.ts';

describe('pdf-kit', () => {
  it('writes headings, paragraphs, key/values and a table that a PDF reader renders, with French figures as text', async () => {
    const doc = await PdfDoc.create({
      title: 'Attestation de bénévolat',
      author: 'Les Amis du Jardin',
      footer: 'Bénévalibre — vérifiable sur https://exemple.fr/verifier',
      custom: { BenevalibreTest: 'eyJhbGciOiJFZERTQSJ9.e30.sig' },
      createdAt: new Date('2026-11-27T12:00:00Z'),
    });
    doc.heading('Attestation de bénévolat');
    doc.paragraph('Les Amis du Jardin atteste que Marie Curie a donné de son temps, validé par l’association. '.repeat(4));
    doc.keyValues([
      ['Bénévole', 'Marie Curie'],
      ['Période', 'du 1er janvier 2026 au 31 décembre 2026'],
    ]);
    doc.table({
      columns: [{ header: 'Mois', width: 2 }, { header: 'Heures', align: 'right' }, { header: 'Valeur', align: 'right' }],
      rows: [
        ['janvier 2026', formatMinutes(750), formatCents(123456)],
        ['février 2026', formatMinutes(45), formatCents(5)],
      ],
      totalRow: ['Total', formatMinutes(795), formatCents(123461)],
    });
    const bytes = await doc.save();

    const page = await renderPage(bytes);
    expect(page.width).toBeGreaterThan(300);
    expect(page.inkRatio).toBeGreaterThan(0.005);
    expect(page.inkRatio).toBeLessThan(0.5);

    const text = await pdfText(bytes);
    expect(text).toContain('Attestation de bénévolat');
    expect(text).toContain('Marie Curie');
    // pdftotext gives every kind of space back as U+0020; the font has the glyphs (below).
    expect(text).toContain('1 234,56 €');
    expect(text).toContain('12 h 30');
    expect(text).toContain('Page 1 / 1');

    const info = await readPdfInfo(bytes);
    expect(info).toEqual({ title: 'Attestation de bénévolat', subject: null, custom: { BenevalibreTest: 'eyJhbGciOiJFZERTQSJ9.e30.sig' } });
  });

  it('breaks long tables across pages, repeating the header, and numbers every page', async () => {
    const doc = await PdfDoc.create({ title: 'Long', footer: 'Pied de page' });
    doc.heading('Beaucoup de lignes', 2);
    doc.table({
      columns: [{ header: 'Ligne' }, { header: 'Durée', align: 'right' }],
      rows: Array.from({ length: 120 }, (_, i) => [`ligne ${i + 1}`, formatMinutes(i * 7)]),
    });
    expect(doc.pageCount).toBeGreaterThan(2);
    const bytes = await doc.save();
    const text = await pdfText(bytes);
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(doc.pageCount);
    for (const [i, p] of pages.entries()) {
      expect(p).toContain('Durée');
      expect(p).toContain(`Page ${i + 1} / ${pages.length}`);
      expect(p).toContain('Pied de page');
    }
    expect(text).toContain('ligne 120');
    expect((await renderPage(bytes, { page: 2 })).inkRatio).toBeGreaterThan(0.005);
  });

  it('cuts a word longer than the line instead of drawing it off the page', async () => {
    const doc = await PdfDoc.create({ title: 'Mot long' });
    const long = 'x'.repeat(400);
    doc.paragraph(long, { font: 'mono', size: 8 });
    const text = await pdfText(await doc.save());
    expect(text.replace(/\s/g, '')).toContain(long);
  });

  it('embeds a font that has the narrow no-break space of French figures', () => {
    const font = fontkit.create(readFileSync(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')));
    for (const c of ['\u202F', '\u00A0', '€', 'é', 'œ', '’', '—']) expect(font.hasGlyphForCodePoint(c.codePointAt(0) ?? 0)).toBe(true);
  });

  it('reads no info from bytes that are not a PDF, and refuses a custom key that is not a PDF name', async () => {
    expect(await readPdfInfo(new TextEncoder().encode('not a pdf at all'))).toBeNull();
    const doc = await PdfDoc.create({ title: 't' });
    expect(() => doc.setCustom('bad key/', 'v')).toThrow(RangeError);
  });
});
